import Foundation
import GRDB
import Testing
import ParcoursApp
import ParcoursAppTesting
import ParcoursLog
@testable import ParcoursSQLite

/// The SQLite store passes the conformance suite every `CaseStore` backend runs
/// (`ParcoursAppTesting`), unchanged, each check on a store of its own in a temporary directory.
@Suite("CaseStore conformance: SQLite")
struct CaseStoreConformanceTests {
    @Test("SQLiteCaseStore", arguments: CaseStoreConformance.checks)
    func conforms(_ check: CaseStoreConformance.Check) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-conformance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await check.run(with: {
            let store = try Store.create(at: directory, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                         adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                         masterPassphrase: ConformancePeople.masterPassphrase)
            return CaseStoreConformance.Subject(store: SQLiteCaseStore(store)) { seq in
                // As an attacker with the file would: the triggers dropped, one byte of the record changed.
                let queue = try DatabaseQueue(path: store.databasePath)
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "DROP TRIGGER event_immutable_update")
                    try db.execute(sql: "UPDATE event SET line = CAST(replace(CAST(line AS TEXT), '\"n\":', '\"n\" :') AS BLOB) WHERE seq = ?",
                                   arguments: [Int64(seq)])
                }
                try queue.close()
            }
        })
    }
}
