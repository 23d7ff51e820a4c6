import Foundation
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// The projection tables of a PostgreSQL store (or their scratch copies) inside a
/// transaction on one connection.
class PostgresProjectionTables: ProjectionTables {
    let session: PostgresSession
    /// Put before every table's name: "" for the store's tables, `scratch_` for the
    /// temporary copies a verification folds into.
    let prefix: String

    init(session: PostgresSession, prefix: String = "") {
        self.session = session
        self.prefix = prefix
    }

    /// The tables each projection writes, each with a `participant` column, and the text
    /// columns its rows are ordered by in a digest (and paged by).
    static let tables: [ProjectionName: [(name: String, key: [String])]] = [
        .journey: [("journey", ["participant"])],
        .caseload: [("caseload", ["clinician", "participant"])],
        .program: [("program_participant", ["participant"]), ("program_transition", ["participant", "event_id"]),
                   ("program_relapse", ["participant", "event_id"]), ("program_referral", ["participant", "event_id"])],
    ]

    static func tables(of names: Set<ProjectionName>) -> [String] { names.sorted().flatMap { tables[$0]!.map(\.name) } }

    /// Rows read per statement by the reads that walk a whole table.
    static let page = 500

    func table(_ name: String) -> String { prefix + name }

    func positions() throws -> [ProjectionName: UInt64] {
        var positions = Dictionary(uniqueKeysWithValues: ProjectionName.allCases.map { ($0, UInt64(0)) })
        for row in try session.rows("SELECT name, position FROM \(unescaped: table("projection_position"))") {
            let (name, position) = try row.decode((String, Int64).self)
            if let name = ProjectionName(rawValue: name) { positions[name] = UInt64(position) }
        }
        return positions
    }

    func setPosition(_ position: UInt64, of names: Set<ProjectionName>) throws {
        guard !names.isEmpty else { return }
        try session.rows("""
            INSERT INTO \(unescaped: table("projection_position")) (name, position)
            SELECT name, \(Int64(position)) FROM unnest(\(names.sorted().map(\.rawValue))::text[]) AS name
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """)
    }

    func clear(_ names: Set<ProjectionName>) throws {
        for name in Self.tables(of: names) { try session.rows("DELETE FROM \(unescaped: table(name))") }
    }

    func remove(_ participant: String, from names: Set<ProjectionName>) throws {
        for name in Self.tables(of: names) { try session.rows("DELETE FROM \(unescaped: table(name)) WHERE participant = \(participant)") }
    }

    func write(_ prepared: SealedProjection, to names: Set<ProjectionName>) throws {
        let journey = prepared.journey, participant = journey.participant
        try remove(participant, from: names.subtracting([.journey]))
        if names.contains(.journey), let sealed = prepared.sealed {
            try session.rows("""
                INSERT INTO \(unescaped: table("journey")) (participant, through_seq, journey, record, access, earlier)
                VALUES (\(participant), \(Int64(journey.throughSeq)), \(ByteBuffer(bytes: sealed.journey.recent)), \(ByteBuffer(bytes: sealed.record)),
                        \(prepared.access.map { ByteBuffer(bytes: $0) }), \(sealed.journey.earlier.map { ByteBuffer(bytes: $0) }))
                ON CONFLICT (participant) DO UPDATE SET through_seq = excluded.through_seq, journey = excluded.journey,
                    record = excluded.record, access = excluded.access, earlier = excluded.earlier
                """)
        }
        if names.contains(.caseload) {
            let reviewOn = journey.plan?.plan.reviewOn
            let openReferrals = Int64(journey.referrals.filter(\.isOpen).count)
            for clinician in journey.careTeam {
                try session.rows("""
                    INSERT INTO \(unescaped: table("caseload")) (clinician, participant, wheel_stage, engagement_step, assessed_on,
                        last_contact_on, next_review_on, open_referrals, safety_level, open_warnings, closed)
                    VALUES (\(clinician), \(participant), \(journey.stage?.wheelStage.rawValue), \(journey.stage?.engagementStep.rawValue),
                            \(journey.stage?.on), \(journey.lastContactOn), \(reviewOn), \(openReferrals),
                            \(journey.safety?.assessment.dangerLevel.rawValue), \(Int64(journey.warnings.count)), \(!journey.followUp.open))
                    """)
            }
        }
        if names.contains(.program), let admission = journey.admission {
            try writeProgram(journey, admittedOn: admission.on)
        }
    }

    /// The program's rows of one participant: one statement a table, the lists as arrays.
    private func writeProgram(_ journey: Journey, admittedOn: String) throws {
        let participant = journey.participant
        try session.rows("""
            INSERT INTO \(unescaped: table("program_participant")) (participant, admitted_on, wheel_stage, engagement_step, first_plan_on,
                last_contact_on, closed)
            VALUES (\(participant), \(admittedOn), \(journey.stage?.wheelStage.rawValue), \(journey.stage?.engagementStep.rawValue),
                    \((journey.planHistory.first ?? journey.plan)?.on), \(journey.lastContactOn ?? admittedOn), \(!journey.followUp.open))
            """)
        let transitions = journey.transitions
        if !transitions.isEmpty {
            try session.rows("""
                INSERT INTO \(unescaped: table("program_transition")) (participant, event_id, on_day, from_stage, to_stage, direction)
                SELECT \(participant), * FROM unnest(\(transitions.map(\.id))::text[], \(transitions.map(\.on))::text[],
                    \(transitions.map(\.from.rawValue))::text[], \(transitions.map(\.to.rawValue))::text[],
                    \(transitions.map(\.direction.rawValue))::text[])
                """)
        }
        let relapses = journey.relapses
        if !relapses.isEmpty {
            try session.rows("""
                INSERT INTO \(unescaped: table("program_relapse")) (participant, event_id, started_on, kind)
                SELECT \(participant), * FROM unnest(\(relapses.map(\.id))::text[], \(relapses.map(\.startedOn))::text[],
                    \(relapses.map(\.kind.rawValue))::text[])
                """)
        }
        let referrals = journey.referrals
        if !referrals.isEmpty {
            try session.rows("""
                INSERT INTO \(unescaped: table("program_referral")) (participant, event_id, made_on, resource_kind, resource, outcome)
                SELECT \(participant), * FROM unnest(\(referrals.map(\.id))::text[], \(referrals.map(\.on))::text[],
                    \(referrals.map(\.to.kind.rawValue))::text[], \(referrals.map(\.to.name))::text[], \(referrals.map(\.status.rawValue))::text[])
                """)
        }
    }

    func sealedAccess(of participant: String) throws -> (access: Data, record: Data, throughSeq: UInt64)? {
        try session.row("SELECT access, record, through_seq FROM \(unescaped: table("journey")) WHERE participant = \(participant) AND access IS NOT NULL")
            .map { row in
                let (access, record, through) = try row.decode((ByteBuffer, ByteBuffer, Int64).self)
                return (Data(access.readableBytesView), Data(record.readableBytesView), UInt64(through))
            }
    }

    func sealedJourneyAndRecord(of participant: String) throws -> (journey: SealedJourney, record: Data, throughSeq: UInt64)? {
        try session.row("SELECT journey, earlier, record, through_seq FROM \(unescaped: table("journey")) WHERE participant = \(participant)").map { row in
            let (journey, earlier, record, through) = try row.decode((ByteBuffer, ByteBuffer?, ByteBuffer, Int64).self)
            return (Self.sealed(journey, earlier), Data(record.readableBytesView), UInt64(through))
        }
    }

    func sealedJourney(of participant: String) throws -> SealedJourney? {
        try session.row("SELECT journey, earlier FROM \(unescaped: table("journey")) WHERE participant = \(participant)").map { row in
            let (journey, earlier) = try row.decode((ByteBuffer, ByteBuffer?).self)
            return Self.sealed(journey, earlier)
        }
    }

    func sealedJourneyRecent(of participant: String) throws -> Data? {
        try session.row("SELECT journey FROM \(unescaped: table("journey")) WHERE participant = \(participant)")
            .map { Data(try $0.decode(ByteBuffer.self).readableBytesView) }
    }

    func sealedJourneyEarlier(of participant: String) throws -> Data? {
        try session.row("SELECT earlier FROM \(unescaped: table("journey")) WHERE participant = \(participant)")
            .flatMap { try $0.decode(ByteBuffer?.self).map { Data($0.readableBytesView) } }
    }

    func forEachSealedJourney(_ body: (String, SealedJourney) throws -> Void) throws {
        try forEachRow(of: table("journey"), columns: "participant, journey, earlier", key: ["participant"]) { row in
            let (participant, journey, earlier) = try row.decode((String, ByteBuffer, ByteBuffer?).self)
            try body(participant, Self.sealed(journey, earlier))
        }
    }

    private static func sealed(_ journey: ByteBuffer, _ earlier: ByteBuffer?) -> SealedJourney {
        SealedJourney(recent: Data(journey.readableBytesView), earlier: earlier.map { Data($0.readableBytesView) })
    }

    /// Walks a whole table in the order of its text `key` columns (which `columns` holds), a
    /// page at a time, each page starting after the last row of the one before: memory does
    /// not grow with the table.
    func forEachRow(of table: String, columns: String, key: [String], _ body: (PostgresRow) throws -> Void) throws {
        let keyList = key.joined(separator: ", ")
        var after: [String]?
        while true {
            var binds = PostgresBindings(capacity: key.count)
            var condition = ""
            if let after {
                for value in after { binds.append(value) }
                condition = "WHERE (\(keyList)) > (\((1...key.count).map { "$\($0)" }.joined(separator: ", ")))"
            }
            let rows = try session.rows(PostgresQuery(unsafeSQL: """
                SELECT \(columns) FROM \(table) \(condition)
                ORDER BY \(keyList) LIMIT \(Self.page)
                """, binds: binds))
            for row in rows { try body(row) }
            guard rows.count == Self.page, let last = rows.last?.makeRandomAccess() else { return }
            after = try key.map { try last[$0].decode(String.self) }
        }
    }
}
