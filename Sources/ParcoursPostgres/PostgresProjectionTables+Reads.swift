import Foundation
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// What readers ask of the caseload and program tables, and the digests verification compares.
///
/// The queries give what SQLite's give, in the same order: text in byte order (`COLLATE "C"`),
/// NULL before any value (SQLite's order, which PostgreSQL reverses unless told).
extension PostgresProjectionTables {
    func caseload(of clinician: String) throws -> [CaseloadEntry] {
        try session.rows("""
            SELECT * FROM \(unescaped: table("caseload")) WHERE clinician = \(clinician)
            ORDER BY closed, last_contact_on IS NOT NULL, last_contact_on, participant
            """).map { row in
            let row = row.makeRandomAccess()
            return CaseloadEntry(participant: try row["participant"].decode(String.self),
                                 wheelStage: try ProjectionTerm.typed(row["wheel_stage"].decode(String?.self)),
                                 engagementStep: try ProjectionTerm.typed(row["engagement_step"].decode(String?.self)),
                                 assessedOn: try row["assessed_on"].decode(String?.self), lastContactOn: try row["last_contact_on"].decode(String?.self),
                                 nextReviewOn: try row["next_review_on"].decode(String?.self),
                                 openReferrals: Int(try row["open_referrals"].decode(Int64.self)),
                                 safetyLevel: try ProjectionTerm.typed(row["safety_level"].decode(String?.self)),
                                 openWarnings: Int(try row["open_warnings"].decode(Int64.self)), followUpOpen: !(try row["closed"].decode(Bool.self)))
        }
    }

    func programFigures(from: String, to: String) throws -> ProgramFigures {
        let participants = table("program_participant")
        var followUps: (open: Int64, closed: Int64) = (0, 0)
        if let row = try session.row("""
            SELECT COUNT(*) FILTER (WHERE NOT closed), COUNT(*) FILTER (WHERE closed) FROM \(unescaped: participants) WHERE admitted_on <= \(to)
            """) {
            followUps = try row.decode((Int64, Int64).self)
        }
        let byStage = try session.rows("""
            SELECT wheel_stage, engagement_step, COUNT(*) FROM \(unescaped: participants)
            WHERE NOT closed AND admitted_on <= \(to) GROUP BY wheel_stage, engagement_step
            ORDER BY wheel_stage NULLS FIRST, engagement_step NULLS FIRST
            """).map { row in
            let (stage, step, count) = try row.decode((String?, String?, Int64).self)
            return ProgramPicture.StageCount(wheelStage: try ProjectionTerm.typed(stage), engagementStep: try ProjectionTerm.typed(step),
                                             participants: Int(count))
        }
        // A transition's direction follows from its two stages: one per group.
        let transitions = try session.rows("""
            SELECT substr(on_day, 1, 7) AS month, from_stage, to_stage, MIN(direction), COUNT(*) FROM \(unescaped: table("program_transition"))
            WHERE on_day BETWEEN \(from) AND \(to) GROUP BY month, from_stage, to_stage ORDER BY month, from_stage, to_stage
            """).map { row in
            let (month, fromStage, toStage, direction, count) = try row.decode((String, String, String, String, Int64).self)
            return ProgramPicture.Transition(month: month, from: try ProjectionTerm.required(fromStage), to: try ProjectionTerm.required(toStage),
                                             direction: try ProjectionTerm.required(direction), count: Int(count))
        }
        let relapses = try session.rows("""
            SELECT substr(started_on, 1, 7) AS month, COUNT(*) FILTER (WHERE kind = 'momentary'), COUNT(*) FILTER (WHERE kind = 'prolonged')
            FROM \(unescaped: table("program_relapse")) WHERE started_on BETWEEN \(from) AND \(to) GROUP BY month ORDER BY month
            """).map { row in
            let (month, momentary, prolonged) = try row.decode((String, Int64, Int64).self)
            return ProgramPicture.RelapseMonth(month: month, momentary: Int(momentary), prolonged: Int(prolonged))
        }
        let referrals = try session.rows("""
            SELECT resource_kind, resource, outcome, COUNT(*) FROM \(unescaped: table("program_referral"))
            WHERE made_on BETWEEN \(from) AND \(to) GROUP BY resource_kind, resource, outcome ORDER BY resource_kind, resource, outcome
            """).map { row in
            let (kind, resource, outcome, count) = try row.decode((String, String, String, Int64).self)
            return ProgramPicture.ReferralOutcome(resourceKind: try ProjectionTerm.required(kind), resource: resource,
                                                  outcome: try ProjectionTerm.required(outcome), count: Int(count))
        }
        let admissions = try session.rows("""
            SELECT admitted_on, first_plan_on FROM \(unescaped: participants) WHERE admitted_on BETWEEN \(from) AND \(to) ORDER BY participant
            """).map { row in
            let (admittedOn, firstPlanOn) = try row.decode((String, String?).self)
            return (admittedOn: admittedOn, firstPlanOn: firstPlanOn)
        }
        let open = try session.rows("""
            SELECT participant, last_contact_on FROM \(unescaped: participants) WHERE NOT closed AND admitted_on <= \(to)
            ORDER BY last_contact_on, participant
            """).map { row in
            let (participant, lastContactOn) = try row.decode((String, String).self)
            return (participant: participant, lastContactOn: lastContactOn)
        }
        return ProgramFigures(openFollowUps: Int(followUps.open), closedFollowUps: Int(followUps.closed), byStage: byStage, transitions: transitions,
                              relapses: relapses, referrals: referrals, admissions: admissions, openLastContacts: open)
    }

    /// Each row's columns in SQLite's order, its flags as the integers SQLite stores: the
    /// digests of equal contents are the SQLite store's, byte for byte.
    func digests(of name: ProjectionName, leavingOut participants: Set<String>) throws -> [ProjectionDigest] {
        try Self.tables[name]!.map { spec in
            var digest = ProjectionDigest(table: spec.name, rows: 0, hash: .zero)
            try forEachRow(of: table(spec.name), columns: "*", key: spec.key) { row in
                if !participants.isEmpty, participants.contains(try row.makeRandomAccess()["participant"].decode(String.self)) { return }
                digest.fold(try row.map(Self.digestCell))
            }
            return digest
        }
    }

    private static func digestCell(_ cell: PostgresCell) throws -> ProjectionDigest.Cell {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float8: return .real(try cell.decode(Double.self))
        case .text, .varchar: return .text(try cell.decode(String.self))
        case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: throw LogError.storeDamaged("projection table has a column of an unexpected type")
        }
    }
}
