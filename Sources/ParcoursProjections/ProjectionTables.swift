import Foundation
import GRDB
import ParcoursClinical
import ParcoursLog
import ParcoursStore

/// Reads and writes the projection tables inside a projection transaction: positions,
/// the sealed journeys, and the rows each projection derives from a journey.
enum ProjectionTables {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Each projection's position: the number of event records it has followed.
    static func positions(_ db: Database) throws -> [ProjectionName: UInt64] {
        var positions = Dictionary(uniqueKeysWithValues: ProjectionName.allCases.map { ($0, UInt64(0)) })
        for row in try Row.fetchAll(db, sql: "SELECT name, position FROM projection_position") {
            if let name = ProjectionName(rawValue: row["name"]) { positions[name] = UInt64(row["position"] as Int64) }
        }
        return positions
    }

    static func setPosition(_ position: UInt64, of names: Set<ProjectionName>, _ db: Database) throws {
        for name in names {
            try db.execute(sql: "INSERT INTO projection_position (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                           arguments: [name.rawValue, Int64(position)])
        }
    }

    /// Empties the projections' tables before a rebuild writes them again.
    ///
    /// Without overwriting the freed pages (`secure_delete = FAST`): the rows are written
    /// again at once, and the journeys are sealed under keys an erasure destroys. Erasure
    /// itself keeps the store's full `secure_delete`.
    static func clear(_ names: Set<ProjectionName>, _ db: Database) throws {
        try db.execute(sql: "PRAGMA secure_delete = FAST")
        defer { try? db.execute(sql: "PRAGMA secure_delete = ON") }
        for table in names.flatMap(\.tables) { try db.execute(sql: "DELETE FROM \(table)") }
    }

    /// Removes a participant from the projections.
    static func remove(_ participant: String, from names: Set<ProjectionName>, _ db: Database) throws {
        for table in names.flatMap(\.tables) {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE participant = ?").execute(arguments: [participant])
        }
    }

    /// A participant's projected state, sealed and ready to write.
    struct Prepared: Sendable {
        var journey: Journey
        /// The sealed journey and record; nil when the journey projection is not written.
        var sealed: (journey: Data, record: Data)?
        /// The journey's facts for the access policy, sealed apart.
        var access: Data?

        init(_ journey: Journey, record: ParticipantRecord, key: DataKey, sealing: Bool) throws {
            self.journey = journey
            if sealing {
                sealed = (try seal(journey, as: "journey", of: journey.participant, with: key),
                          try seal(record, as: "record", of: journey.participant, with: key))
                access = try seal(journey.accessFacts, as: "access", of: journey.participant, with: key)
            }
        }
    }

    /// Writes a participant's rows in each projection, replacing what was there.
    static func write(_ prepared: Prepared, to names: Set<ProjectionName>, _ db: Database) throws {
        let journey = prepared.journey, participant = journey.participant
        try remove(participant, from: names.subtracting([.journey]), db)
        if names.contains(.journey), let sealed = prepared.sealed {
            try db.cachedStatement(sql: """
                INSERT INTO journey (participant, through_seq, journey, record, access) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (participant) DO UPDATE SET through_seq = excluded.through_seq, journey = excluded.journey, record = excluded.record,
                    access = excluded.access
                """).execute(arguments: [participant, Int64(journey.throughSeq), sealed.journey, sealed.record, prepared.access])
        }
        if names.contains(.caseload) {
            let reviewOn = journey.plan?.plan.reviewOn
            let openReferrals = journey.referrals.filter(\.isOpen).count
            for clinician in journey.careTeam {
                try db.cachedStatement(sql: """
                    INSERT INTO caseload (clinician, participant, wheel_stage, engagement_step, assessed_on, last_contact_on,
                                          next_review_on, open_referrals, safety_level, open_warnings, closed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [clinician, participant, journey.stage?.wheelStage.rawValue, journey.stage?.engagementStep.rawValue,
                                             journey.stage?.on, journey.lastContactOn, reviewOn, openReferrals,
                                             journey.safety?.assessment.dangerLevel.rawValue, journey.warnings.count, !journey.followUp.open])
            }
        }
        if names.contains(.program), let admission = journey.admission {
            try db.cachedStatement(sql: """
                INSERT INTO program_participant (participant, admitted_on, wheel_stage, engagement_step, first_plan_on, last_contact_on, closed)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [participant, admission.on, journey.stage?.wheelStage.rawValue, journey.stage?.engagementStep.rawValue,
                                         (journey.planHistory.first ?? journey.plan)?.on, journey.lastContactOn ?? admission.on,
                                         !journey.followUp.open])
            for transition in journey.transitions {
                try db.cachedStatement(sql: """
                    INSERT INTO program_transition (participant, event_id, on_day, from_stage, to_stage, direction) VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [participant, transition.id, transition.on, transition.from.rawValue, transition.to.rawValue,
                                             transition.direction.rawValue])
            }
            for relapse in journey.relapses {
                try db.cachedStatement(sql: "INSERT INTO program_relapse (participant, event_id, started_on, kind) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [participant, relapse.id, relapse.startedOn, relapse.kind.rawValue])
            }
            for referral in journey.referrals {
                try db.cachedStatement(sql: """
                    INSERT INTO program_referral (participant, event_id, made_on, resource_kind, resource, outcome) VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [participant, referral.id, referral.on, referral.to.kind.rawValue, referral.to.name,
                                             referral.status.rawValue])
            }
        }
    }

    /// A participant's sealed access facts and record as stored, without the journey (the
    /// largest blob by far); nil when there is no row, or its facts are not kept apart.
    static func loadAccess(_ participant: String, _ db: Database) throws -> (access: Data, record: Data)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT access, record FROM journey WHERE participant = ? AND access IS NOT NULL"),
                         arguments: [participant])
            .map { ($0["access"], $0["record"]) }
    }

    /// A participant's sealed journey and record as stored, to open later (on any thread).
    static func loadSealed(_ participant: String, _ db: Database) throws -> (journey: Data, record: Data)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT journey, record FROM journey WHERE participant = ?"), arguments: [participant])
            .map { ($0["journey"], $0["record"]) }
    }

    static func open(_ sealed: (journey: Data, record: Data), of participant: String, with key: DataKey) throws -> (Journey, ParticipantRecord) {
        (try open(Journey.self, sealed.journey, as: "journey", of: participant, with: key),
         try open(ParticipantRecord.self, sealed.record, as: "record", of: participant, with: key))
    }

    /// Only a participant's journey, for readers.
    static func loadJourney(_ participant: String, key: DataKey, _ db: Database) throws -> Journey? {
        guard let sealed = try Data.fetchOne(db.cachedStatement(sql: "SELECT journey FROM journey WHERE participant = ?"),
                                             arguments: [participant]) else { return nil }
        return try open(Journey.self, sealed, as: "journey", of: participant, with: key)
    }

    /// Sealed under the participant's data key, deterministically: equal content, equal bytes.
    static func seal(_ value: some Encodable, as kind: String, of participant: String, with key: DataKey) throws -> Data {
        var plaintext = [UInt8](try encoder.encode(value))
        defer { Sodium.zero(&plaintext) }
        let sealed = key.sealDeterministically(plaintext, associatedData: associatedData(kind, participant))
        return Data(sealed.nonce + sealed.ciphertext)
    }

    static func open<Value: Decodable>(_ type: Value.Type, _ sealed: Data, as kind: String, of participant: String, with key: DataKey) throws -> Value {
        let bytes = [UInt8](sealed)
        guard bytes.count > DataKey.nonceLength,
              var plaintext = try? key.open(Array(bytes[DataKey.nonceLength...]), nonce: Array(bytes[..<DataKey.nonceLength]),
                                            associatedData: associatedData(kind, participant))
        else { throw ProjectionError.damaged("the \(kind) projection of a participant does not open with her or his data key") }
        defer { Sodium.zero(&plaintext) }
        do { return try JSONDecoder().decode(type, from: Data(plaintext)) } catch {
            throw ProjectionError.damaged("the \(kind) projection of a participant does not decode; rebuilding the projections repairs it")
        }
    }

    static func associatedData(_ kind: String, _ participant: String) -> [UInt8] {
        Array("parcours/projection/\(kind)/\(participant)".utf8)
    }
}
