import Foundation
import Testing
import ParcoursApp
import ParcoursAppTesting
import ParcoursLog
import PostgresNIO
@testable import ParcoursPostgres

/// What only the PostgreSQL case store does: its backups are the operator's, the records about
/// a participant come through an index, and a second store on the same database is refused.
@Suite("PostgresCaseStore")
struct PostgresCaseStoreTests {
    static func created(_ database: PostgresTestDatabase) async throws -> PostgresCaseStore {
        try await PostgresCaseStore.create(url: database.url, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                           adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                           masterPassphrase: ConformancePeople.masterPassphrase)
    }

    @Test("backup is refused with the operator's tools named, and nothing is written")
    func backupRefused() async throws {
        let store = try await Self.created(try PostgresTestDatabase())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-backup-\(UUID().uuidString)").path
        do {
            try await store.backup(to: path)
            Issue.record("a PostgreSQL store made a backup file")
        } catch let LogError.invalidInput(field, reason) {
            #expect(field == "store" && reason.contains("pg_dump"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("the records about a participant are read through the participant index, her openings through the partial index of openings")
    func accessByParticipantUsesTheIndex() async throws {
        let database = try PostgresTestDatabase()
        _ = try await Self.created(database)
        let connections = PostgresConnections(url: database.url, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        let (plan, openingsPlan) = try connections.withConnection { session in
            // Few rows: the planner would scan them; without scans allowed, the index must serve the store's query.
            try session.rows("SET enable_seqscan = off")
            return (try session.rows("""
                EXPLAIN SELECT line FROM access_event WHERE parcours_access_participant(line) = 'P-CONF01' AND seq < 100 ORDER BY seq DESC LIMIT 5
                """).map { try $0.decode(String.self) }.joined(separator: "\n"),
                    try session.rows("""
                EXPLAIN SELECT line FROM access_event WHERE parcours_access_participant(line) = 'P-CONF01'
                AND parcours_access_opening(line) AND seq < 100 ORDER BY seq DESC LIMIT 5
                """).map { try $0.decode(String.self) }.joined(separator: "\n"))
        }
        #expect(plan.contains("access_event_participant"), "\(plan)")
        #expect(openingsPlan.contains("access_event_opening"), "\(openingsPlan)")
    }

    @Test("migration v5 builds the index of openings over a large access log, which PostgreSQL builds in parallel")
    func openingsIndexOverALargeLog() async throws {
        let database = try PostgresTestDatabase()
        _ = try await Self.created(database)
        let connections = PostgresConnections(url: database.url, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        try connections.withConnection { session in
            // The database as v4 left it, with some 45 MB of access records (synthetic lines, not a log that verifies).
            try session.rows("DROP INDEX access_event_opening")
            try session.rows("DROP FUNCTION parcours_access_opening(BYTEA)")
            try session.rows("ALTER FUNCTION parcours_access_participant(BYTEA) PARALLEL SAFE")
            try session.rows("DELETE FROM parcours_migration WHERE name = 'v5-access-openings'")
            try session.rows("""
                INSERT INTO access_event (seq, id, stream, version, type, author, recorded_at, leaf_hash, line)
                SELECT 1000 + n, 'synthetic-' || n, 'access', 1000 + n, 'access.read', 'log', '2026-12-03T00:00:00.000Z', '\\x00',
                       convert_to('{"envelope":{"payload":{"clear":{"participant":"P-CONF' || lpad((n % 90)::text, 2, '0')
                                  || '","view":"journey","padding":"' || repeat('x', 900) || '"}},"type":"access.read"}}', 'UTF8')
                FROM generate_series(1, 40000) AS n
                """)
        }
        #expect(try PostgresMigrator.migrate(url: database.url) == ["v5-access-openings"])
        let indexed = try connections.withConnection { session in
            try session.rows("SELECT count(*) FROM access_event WHERE parcours_access_participant(line) = 'P-CONF01' AND parcours_access_opening(line)")
                .first?.decode(Int64.self)
        }
        #expect(indexed == 445, "the synthetic openings of P-CONF01 (n % 90 == 1 for n up to 40,000)")
    }

    @Test("migrations v6, v7 and v8 start the journeys over (their acts say themselves in English too, the French spaced, the earlier acts sealed apart): rows gone, position 0, the other projections kept",
          arguments: ["v6-journey-english-summaries", "v7-journey-french-spacing", "v8-journey-earlier-acts"])
    func journeysStartOver(migration: String) async throws {
        let database = try PostgresTestDatabase()
        _ = try await Self.created(database)
        let connections = PostgresConnections(url: database.url, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        try connections.withConnection { session in
            // A journey as v5 left it (a synthetic row: only its presence matters here).
            try session.rows("INSERT INTO journey (participant, through_seq, journey, record) VALUES ('P-CONF01', 7, '\\x00', '\\x00')")
            try session.rows("""
                INSERT INTO projection_position (name, position) VALUES ('journey', 7), ('caseload', 7)
                ON CONFLICT (name) DO UPDATE SET position = 7
                """)
            try session.rows("DELETE FROM parcours_migration WHERE name = \(migration)")
        }
        #expect(try PostgresMigrator.pending(url: database.url) == [migration])
        #expect(try PostgresMigrator.migrate(url: database.url) == [migration])
        let (rows, positions) = try connections.withConnection { session in
            (try session.rows("SELECT count(*) FROM journey").first?.decode(Int64.self),
             try session.rows("SELECT name, position FROM projection_position ORDER BY name").map { try $0.decode((String, Int64).self) })
        }
        #expect(rows == 0)
        #expect(positions.first { $0.0 == "journey" }?.1 == 0 && positions.first { $0.0 == "caseload" }?.1 == 7)
    }

    @Test("a refusal of the database is summarized for the server's log by its SQLSTATE alone, never its message")
    func operatorSummary() {
        let refused = PostgresStoreError.refused(sqlState: "22P02", message: "invalid input syntax for type integer: \"P-SECRET1\"")
        #expect(OperatorSummary.of(refused) == "PostgreSQL refused a statement: SQLSTATE 22P02")
    }

    @Test("a second store is not created over the first")
    func createdOnce() async throws {
        let database = try PostgresTestDatabase()
        _ = try await Self.created(database)
        await #expect(throws: LogError.alreadyExists(path: "PostgreSQL database \(database.url.database)")) {
            _ = try await Self.created(database)
        }
        #expect(try await PostgresCaseStore.open(url: database.url).size(.events) == 1)
    }
}
