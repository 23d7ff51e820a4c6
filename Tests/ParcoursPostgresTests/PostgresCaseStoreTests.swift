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

    @Test("the records about a participant are read through the participant index")
    func accessByParticipantUsesTheIndex() async throws {
        let database = try PostgresTestDatabase()
        _ = try await Self.created(database)
        let connections = PostgresConnections(url: database.url, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        let plan = try connections.withConnection { session in
            // Few rows: the planner would scan them; without scans allowed, the index must serve the store's query.
            try session.rows("SET enable_seqscan = off")
            return try session.rows("""
                EXPLAIN SELECT line FROM access_event WHERE parcours_access_participant(line) = 'P-CONF01' AND seq < 100 ORDER BY seq DESC LIMIT 5
                """).map { try $0.decode(String.self) }.joined(separator: "\n")
        }
        #expect(plan.contains("access_event_participant"), "\(plan)")
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
