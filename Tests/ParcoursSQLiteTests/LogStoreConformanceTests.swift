import Testing
import ParcoursLog
import ParcoursLogTesting
@testable import ParcoursSQLite

/// The SQLite store passes the conformance suite every `LogStore` backend runs
/// (`ParcoursLogTesting`), on a fresh store for each check.
@Suite("LogStore conformance: SQLite")
struct LogStoreConformanceTests {
    @Test("SQLiteLogStore", arguments: LogStoreConformance.checks)
    func conforms(_ check: LogStoreConformance.Check) throws {
        try check.run(with: {
            let test = try TestStore(origin: "conformance.example/log")
            return ConformanceLog(store: test.store.logStore(master: test.master), origin: test.store.origin, admin: test.admin.key,
                                  logKey: try test.store.logSigningKey(master: test.master), owner: test)
        })
    }
}
