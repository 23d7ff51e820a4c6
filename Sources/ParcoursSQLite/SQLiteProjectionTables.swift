import Foundation
import GRDB
import ParcoursLog
import ParcoursProjections

/// The projection tables of the store (or of a scratch database) inside a GRDB transaction.
class SQLiteProjectionTables: ProjectionTables {
    let db: Database

    init(db: Database) { self.db = db }

    /// The tables each projection writes, each with a `participant` column, the key its rows
    /// are ordered by in a digest, and the columns a digest reads, in its order. The journey's
    /// are named: migration v11 moved them, and a store opened read-only (a backup, a store
    /// verified before its first writable open) keeps the order v10 left, while the fold it is
    /// compared with is made in a database migrated to the end; the order named is the one
    /// digests always had (PostgreSQL's too).
    static let tables: [ProjectionName: [(name: String, key: String, columns: String)]] = [
        .journey: [("journey", "participant", "participant, through_seq, journey, record, access, earlier")],
        .caseload: [("caseload", "clinician, participant", "*")],
        .program: [("program_participant", "participant", "*"), ("program_transition", "participant, event_id", "*"),
                   ("program_relapse", "participant, event_id", "*"), ("program_referral", "participant, event_id", "*")],
    ]

    static func tables(of names: Set<ProjectionName>) -> [String] { names.sorted().flatMap { tables[$0]!.map(\.name) } }

    func positions() throws -> [ProjectionName: UInt64] {
        var positions = Dictionary(uniqueKeysWithValues: ProjectionName.allCases.map { ($0, UInt64(0)) })
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, position FROM projection_position")) {
            if let name = ProjectionName(rawValue: row["name"]) { positions[name] = UInt64(row["position"] as Int64) }
        }
        return positions
    }

    func setPosition(_ position: UInt64, of names: Set<ProjectionName>) throws {
        for name in names {
            try db.execute(sql: "INSERT INTO projection_position (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                           arguments: [name.rawValue, Int64(position)])
        }
    }

    /// Without overwriting the freed pages (`secure_delete = FAST`): the rows are written
    /// again at once, and the journeys are sealed under keys an erasure destroys. Erasure
    /// itself keeps the store's full `secure_delete`.
    func clear(_ names: Set<ProjectionName>) throws {
        try db.execute(sql: "PRAGMA secure_delete = FAST")
        defer { try? db.execute(sql: "PRAGMA secure_delete = ON") }
        for table in Self.tables(of: names) { try db.execute(sql: "DELETE FROM \(table)") }
    }

    func remove(_ participant: String, from names: Set<ProjectionName>) throws {
        for table in Self.tables(of: names) {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE participant = ?").execute(arguments: [participant])
        }
    }

    func write(_ prepared: SealedProjection, to names: Set<ProjectionName>) throws {
        let journey = prepared.journey, participant = journey.participant
        try remove(participant, from: names.subtracting([.journey]))
        if names.contains(.journey), let sealed = prepared.sealed {
            try db.cachedStatement(sql: """
                INSERT INTO journey (participant, through_seq, journey, record, access, earlier) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (participant) DO UPDATE SET through_seq = excluded.through_seq, journey = excluded.journey, record = excluded.record,
                    access = excluded.access, earlier = excluded.earlier
                """).execute(arguments: [participant, Int64(journey.throughSeq), sealed.journey.recent, sealed.record, prepared.access,
                                         sealed.journey.earlier])
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

    func sealedAccess(of participant: String) throws -> (access: Data, record: Data, throughSeq: UInt64)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT access, record, through_seq FROM journey WHERE participant = ? AND access IS NOT NULL"),
                         arguments: [participant])
            .map { ($0["access"], $0["record"], UInt64($0["through_seq"] as Int64)) }
    }

    func sealedJourneyAndRecord(of participant: String) throws -> (journey: SealedJourney, record: Data, throughSeq: UInt64)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT journey, \(try earlierColumn()), record, through_seq FROM journey WHERE participant = ?"),
                         arguments: [participant])
            .map { (SealedJourney(recent: $0["journey"], earlier: $0["earlier"]), $0["record"], UInt64($0["through_seq"] as Int64)) }
    }

    func sealedJourney(of participant: String) throws -> SealedJourney? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT journey, \(try earlierColumn()) FROM journey WHERE participant = ?"), arguments: [participant])
            .map { SealedJourney(recent: $0["journey"], earlier: $0["earlier"]) }
    }

    func sealedJourneyRecent(of participant: String) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT journey FROM journey WHERE participant = ?"), arguments: [participant])
    }

    func sealedJourneyEarlier(of participant: String) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT \(try earlierColumn()) FROM journey WHERE participant = ?"), arguments: [participant])
    }

    func forEachSealedJourney(_ body: (String, SealedJourney) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT participant, journey, \(try earlierColumn()) FROM journey ORDER BY participant")
        while let row = try rows.next() { try body(row["participant"], SealedJourney(recent: row["journey"], earlier: row["earlier"])) }
    }

    /// The column of a journey's earlier acts: none in a store opened read-only before migration
    /// v17 made it (its journeys are whole, nothing sealed apart), read there as null.
    private func earlierColumn() throws -> String {
        try db.columns(in: "journey").contains { $0.name == "earlier" } ? "earlier" : "NULL AS earlier"
    }

    func caseload(of clinician: String) throws -> [CaseloadEntry] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM caseload WHERE clinician = ? ORDER BY closed, last_contact_on IS NOT NULL, last_contact_on, participant
            """, arguments: [clinician]).map { row in
            CaseloadEntry(participant: row["participant"], wheelStage: try ProjectionTerm.typed(row["wheel_stage"]),
                          engagementStep: try ProjectionTerm.typed(row["engagement_step"]), assessedOn: row["assessed_on"],
                          lastContactOn: row["last_contact_on"], nextReviewOn: row["next_review_on"], openReferrals: row["open_referrals"],
                          safetyLevel: try ProjectionTerm.typed(row["safety_level"]), openWarnings: row["open_warnings"],
                          followUpOpen: !(row["closed"] as Bool))
        }
    }

    func programFigures(from: String, to: String) throws -> ProgramFigures {
        let followUps = try Row.fetchOne(db, sql: "SELECT SUM(closed = 0), SUM(closed = 1) FROM program_participant WHERE admitted_on <= ?",
                                         arguments: [to])
        let byStage = try Row.fetchAll(db, sql: """
            SELECT wheel_stage, engagement_step, COUNT(*) AS n FROM program_participant
            WHERE closed = 0 AND admitted_on <= ? GROUP BY wheel_stage, engagement_step ORDER BY wheel_stage, engagement_step
            """, arguments: [to]).map {
            ProgramPicture.StageCount(wheelStage: try ProjectionTerm.typed($0[0]), engagementStep: try ProjectionTerm.typed($0[1]), participants: $0[2])
        }
        let transitions = try Row.fetchAll(db, sql: """
            SELECT substr(on_day, 1, 7) AS month, from_stage, to_stage, direction, COUNT(*) FROM program_transition
            WHERE on_day BETWEEN ? AND ? GROUP BY month, from_stage, to_stage ORDER BY month, from_stage, to_stage
            """, arguments: [from, to]).map {
            ProgramPicture.Transition(month: $0[0], from: try ProjectionTerm.required($0[1]), to: try ProjectionTerm.required($0[2]),
                                      direction: try ProjectionTerm.required($0[3]), count: $0[4])
        }
        let relapses = try Row.fetchAll(db, sql: """
            SELECT substr(started_on, 1, 7) AS month, SUM(kind = 'momentary'), SUM(kind = 'prolonged') FROM program_relapse
            WHERE started_on BETWEEN ? AND ? GROUP BY month ORDER BY month
            """, arguments: [from, to]).map { ProgramPicture.RelapseMonth(month: $0[0], momentary: $0[1], prolonged: $0[2]) }
        let referrals = try Row.fetchAll(db, sql: """
            SELECT resource_kind, resource, outcome, COUNT(*) FROM program_referral
            WHERE made_on BETWEEN ? AND ? GROUP BY resource_kind, resource, outcome ORDER BY resource_kind, resource, outcome
            """, arguments: [from, to]).map {
            ProgramPicture.ReferralOutcome(resourceKind: try ProjectionTerm.required($0[0]), resource: $0[1],
                                           outcome: try ProjectionTerm.required($0[2]), count: $0[3])
        }
        let admissions = try Row.fetchAll(db, sql: "SELECT admitted_on, first_plan_on FROM program_participant WHERE admitted_on BETWEEN ? AND ?",
                                          arguments: [from, to]).map { (admittedOn: $0["admitted_on"] as String, firstPlanOn: $0["first_plan_on"] as String?) }
        let open = try Row.fetchAll(db, sql: """
            SELECT participant, last_contact_on FROM program_participant WHERE closed = 0 AND admitted_on <= ? ORDER BY last_contact_on, participant
            """, arguments: [to]).map { (participant: $0["participant"] as String, lastContactOn: $0["last_contact_on"] as String) }
        return ProgramFigures(openFollowUps: followUps?[0] ?? 0, closedFollowUps: followUps?[1] ?? 0, byStage: byStage, transitions: transitions,
                              relapses: relapses, referrals: referrals, admissions: admissions, openLastContacts: open)
    }

    func digests(of name: ProjectionName, leavingOut participants: Set<String>) throws -> [ProjectionDigest] {
        try Self.tables[name]!.map { table in
            var digest = ProjectionDigest(table: table.name, rows: 0, hash: .zero)
            let columns = table.name == "journey" ? table.columns.replacingOccurrences(of: "earlier", with: try earlierColumn()) : table.columns
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name) ORDER BY \(table.key)")
            while let row = try rows.next() {
                if !participants.isEmpty, participants.contains(row["participant"] as String) { continue }
                digest.fold(row.databaseValues.map { value in
                    switch value.storage {
                    case .null: .null
                    case .int64(let int): .integer(int)
                    case .double(let double): .real(double)
                    case .string(let string): .text(string)
                    case .blob(let data): .blob(Array(data))
                    }
                })
            }
            return digest
        }
    }
}
