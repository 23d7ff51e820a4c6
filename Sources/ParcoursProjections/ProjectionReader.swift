import Foundation
import GRDB
import ParcoursClinical
import ParcoursLog
import ParcoursStore

/// Answers what people read, from the projections, after following the log to its
/// head so a reader always sees what was just recorded.
public struct ProjectionReader: Sendable {
    let store: Store
    let master: MasterKey
    public let projector: Projector

    public init(store: Store, master: MasterKey) {
        self.store = store
        self.master = master
        projector = Projector(store: store, master: master)
    }

    /// A participant's journey.
    public func journey(of participant: String) throws -> Journey {
        try projector.catchUp()
        return try store.projectionRead(master: master) { source in
            guard let key = try source.dataKey(of: participant), let journey = try ProjectionTables.loadJourney(participant, key: key, source.db) else {
                throw try Self.absence(of: participant, in: source)
            }
            return journey
        }
    }

    /// Why a participant has no journey: erased (when, and the reason's category, from the
    /// clear `participant.erased`), or never admitted.
    static func absence(of participant: String, in source: ProjectionSource) throws -> ProjectionError {
        guard let head = try source.streamHead(of: participant), head.type == StreamRules.participantErased else {
            return .unknownParticipant(participant)
        }
        let erasure = try source.stream(of: participant, from: 0).last
        let reason = erasure?.payload.flatMap { try? JSONParser.parse(Array($0)).objectValue?["reason"]?.stringValue } ?? "?"
        return .erased(participant, on: String(head.recordedAt.prefix(10)), reason: reason)
    }

    /// Every participant's journey, one at a time (the registers that span the program).
    public func forEachJourney(_ body: (Journey) throws -> Void) throws {
        try projector.catchUp()
        try store.projectionRead(master: master) { source in
            let rows = try Row.fetchCursor(source.db, sql: "SELECT participant, journey FROM journey ORDER BY participant")
            while let row = try rows.next() {
                let participant: String = row["participant"]
                guard let key = try source.dataKey(of: participant) else { continue }
                try body(try ProjectionTables.open(Journey.self, row["journey"], as: "journey", of: participant, with: key))
            }
        }
    }

    /// The participants a clinician follows: open follow-ups first, the longest without contact first.
    public func caseload(of clinician: String) throws -> [CaseloadEntry] {
        try projector.catchUp()
        return try store.projectionRead(master: master) { source in
            try Row.fetchAll(source.db, sql: """
                SELECT * FROM caseload WHERE clinician = ? ORDER BY closed, last_contact_on IS NOT NULL, last_contact_on, participant
                """, arguments: [clinician]).map { row in
                CaseloadEntry(participant: row["participant"], wheelStage: try Self.typed(row["wheel_stage"]),
                              engagementStep: try Self.typed(row["engagement_step"]), assessedOn: row["assessed_on"],
                              lastContactOn: row["last_contact_on"], nextReviewOn: row["next_review_on"], openReferrals: row["open_referrals"],
                              safetyLevel: try Self.typed(row["safety_level"]), openWarnings: row["open_warnings"],
                              followUpOpen: !(row["closed"] as Bool))
            }
        }
    }

    /// The program's picture between two days (inclusive, `YYYY-MM-DD`).
    public func program(from: String, to: String, silentAfterDays: Int = 30) throws -> ProgramPicture {
        for (field, day) in [("from", from), ("to", to)] where (try? ClinicalDate.day(day, field: field)) == nil {
            throw ProjectionError.invalidInput(field: field, reason: "a day such as 2026-01-31")
        }
        guard from <= to else { throw ProjectionError.invalidInput(field: "from", reason: "on or before the period's last day") }
        guard silentAfterDays > 0 else { throw ProjectionError.invalidInput(field: "silentAfterDays", reason: "a number of days ≥ 1") }
        try projector.catchUp()
        return try store.projectionRead(master: master) { source in
            let db = source.db
            let followUps = try Row.fetchOne(db, sql: "SELECT SUM(closed = 0), SUM(closed = 1) FROM program_participant WHERE admitted_on <= ?",
                                             arguments: [to])
            let byStage = try Row.fetchAll(db, sql: """
                SELECT wheel_stage, engagement_step, COUNT(*) AS n FROM program_participant
                WHERE closed = 0 AND admitted_on <= ? GROUP BY wheel_stage, engagement_step ORDER BY wheel_stage, engagement_step
                """, arguments: [to]).map { ProgramPicture.StageCount(wheelStage: try Self.typed($0[0]), engagementStep: try Self.typed($0[1]), participants: $0[2]) }
            let transitions = try Row.fetchAll(db, sql: """
                SELECT substr(on_day, 1, 7) AS month, from_stage, to_stage, direction, COUNT(*) FROM program_transition
                WHERE on_day BETWEEN ? AND ? GROUP BY month, from_stage, to_stage ORDER BY month, from_stage, to_stage
                """, arguments: [from, to]).map {
                ProgramPicture.Transition(month: $0[0], from: try Self.required($0[1]), to: try Self.required($0[2]), direction: try Self.required($0[3]),
                                          count: $0[4])
            }
            let relapses = try Row.fetchAll(db, sql: """
                SELECT substr(started_on, 1, 7) AS month, SUM(kind = 'momentary'), SUM(kind = 'prolonged') FROM program_relapse
                WHERE started_on BETWEEN ? AND ? GROUP BY month ORDER BY month
                """, arguments: [from, to]).map { ProgramPicture.RelapseMonth(month: $0[0], momentary: $0[1], prolonged: $0[2]) }
            let referrals = try Row.fetchAll(db, sql: """
                SELECT resource_kind, resource, outcome, COUNT(*) FROM program_referral
                WHERE made_on BETWEEN ? AND ? GROUP BY resource_kind, resource, outcome ORDER BY resource_kind, resource, outcome
                """, arguments: [from, to]).map {
                ProgramPicture.ReferralOutcome(resourceKind: try Self.required($0[0]), resource: $0[1], outcome: try Self.required($0[2]), count: $0[3])
            }
            let admitted = try Row.fetchAll(db, sql: "SELECT admitted_on, first_plan_on FROM program_participant WHERE admitted_on BETWEEN ? AND ?",
                                            arguments: [from, to])
            let delays = admitted.compactMap { row -> Int? in
                (row["first_plan_on"] as String?).flatMap { Journey.days(from: row["admitted_on"], to: $0) }
            }.sorted()
            let silent = try Row.fetchAll(db, sql: """
                SELECT participant, last_contact_on FROM program_participant WHERE closed = 0 AND admitted_on <= ? ORDER BY last_contact_on, participant
                """, arguments: [to]).compactMap { row -> ProgramPicture.Silent? in
                guard let days = Journey.days(from: row["last_contact_on"], to: to), days > silentAfterDays else { return nil }
                return ProgramPicture.Silent(participant: row["participant"], lastContactOn: row["last_contact_on"], days: days)
            }
            return ProgramPicture(
                from: from, to: to, openFollowUps: followUps?[0] ?? 0, closedFollowUps: followUps?[1] ?? 0, byStage: byStage,
                transitions: transitions, relapses: relapses, referrals: referrals,
                admissionToFirstPlan: .init(admitted: admitted.count, withPlan: delays.count,
                                            medianDays: delays.isEmpty ? nil : delays[delays.count / 2],
                                            meanDays: delays.isEmpty ? nil : (Double(delays.reduce(0, +)) / Double(delays.count) * 10).rounded() / 10),
                silentAfterDays: silentAfterDays, withoutContact: silent)
        }
    }
}

extension ProjectionReader {
    /// A vocabulary term as a projection table keeps it; nil for NULL. A term this version
    /// does not know means the table was not written by it: rebuilding repairs it.
    static func typed<Term: RawRepresentable>(_ raw: String?) throws -> Term? where Term.RawValue == String {
        guard let raw else { return nil }
        guard let term = Term(rawValue: raw) else {
            throw ProjectionError.damaged("a projection table holds a term this version does not know; rebuilding the projections repairs it")
        }
        return term
    }

    /// As `typed`, for a column that is never NULL.
    static func required<Term: RawRepresentable>(_ raw: String?) throws -> Term where Term.RawValue == String {
        guard let term: Term = try typed(raw) else { throw ProjectionError.damaged("a projection table lacks a term it always holds") }
        return term
    }
}
