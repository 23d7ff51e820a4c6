import Testing
import ParcoursLog
import ParcoursLogTesting
@testable import ParcoursPostgres

/// The PostgreSQL store passes the conformance suite every `LogStore` backend runs
/// (`ParcoursLogTesting`), unchanged, each check on a database of its own.
@Suite("LogStore conformance: PostgreSQL")
struct PostgresLogStoreConformanceTests {
    @Test("PostgresLogStore", arguments: LogStoreConformance.checks)
    func conforms(_ check: LogStoreConformance.Check) throws {
        try check.run(with: {
            let database = try PostgresTestDatabase()
            return try ConformanceLog.founded(database.store())
        })
    }
}
