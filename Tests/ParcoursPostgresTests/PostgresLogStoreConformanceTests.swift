import Testing
import ParcoursLog
import ParcoursLogTesting
@testable import ParcoursPostgres

/// The PostgreSQL store passes the conformance suite every `LogStore` backend runs
/// (`ParcoursLogTesting`), unchanged, each check on a database of its own: with group
/// commit (the default) and with one commit per append.
@Suite("LogStore conformance: PostgreSQL")
struct PostgresLogStoreConformanceTests {
    @Test("PostgresLogStore", arguments: LogStoreConformance.checks)
    func conforms(_ check: LogStoreConformance.Check) throws {
        try check.run(with: { try ConformanceLog.founded(PostgresTestDatabase().store()) })
    }

    @Test("PostgresLogStore, one commit per append", arguments: LogStoreConformance.checks)
    func conformsWithoutGroupCommit(_ check: LogStoreConformance.Check) throws {
        try check.run(with: { try ConformanceLog.founded(PostgresTestDatabase().store(groupCommit: false)) })
    }
}
