import Testing
import ParcoursApp
import ParcoursAppTesting
import ParcoursLog
@testable import ParcoursPostgres

/// The PostgreSQL store passes the conformance suite every `CaseStore` backend runs
/// (`ParcoursAppTesting`), unchanged, each check on a database of its own.
@Suite("CaseStore conformance: PostgreSQL")
struct PostgresCaseStoreConformanceTests {
    @Test("PostgresCaseStore", arguments: CaseStoreConformance.checks)
    func conforms(_ check: CaseStoreConformance.Check) async throws {
        try await check.run(with: {
            let database = try PostgresTestDatabase()
            let store = try await PostgresCaseStore.create(url: database.url, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                                           adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                                           masterPassphrase: ConformancePeople.masterPassphrase)
            return CaseStoreConformance.Subject(store: store) { seq in
                // As an operator with the database's owner role could: the trigger set aside, one byte of the record changed.
                _ = try database.execute("ALTER TABLE event DISABLE TRIGGER event_append_only")
                _ = try database.execute("""
                    UPDATE event SET line = convert_to(replace(convert_from(line, 'UTF8'), '"n":', '"n" :'), 'UTF8') WHERE seq = \(Int64(seq))
                    """)
            }
        })
    }
}
