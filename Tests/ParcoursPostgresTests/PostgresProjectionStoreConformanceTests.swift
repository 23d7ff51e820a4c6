import ParcoursAppTesting
import Testing
@testable import ParcoursPostgres

/// The PostgreSQL store's projections pass the conformance suite every `ProjectionStore`
/// backend runs (`ParcoursAppTesting`), unchanged, each check on a database of its own:
/// with group commit (the default) and with one commit per append.
@Suite("ProjectionStore conformance: PostgreSQL")
struct PostgresProjectionStoreConformanceTests {
    @Test("PostgresProjectionStore", arguments: ProjectionStoreConformance.checks)
    func conforms(_ check: ProjectionStoreConformance.Check) async throws {
        try await check.run(with: { try PostgresFoundedStore().server() })
    }

    @Test("PostgresProjectionStore, one commit per append", arguments: ProjectionStoreConformance.checks)
    func conformsWithoutGroupCommit(_ check: ProjectionStoreConformance.Check) async throws {
        try await check.run(with: { try PostgresFoundedStore().server(groupCommit: false) })
    }
}
