import ParcoursAppTesting
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursSQLite

/// The SQLite store's projections pass the conformance suite every `ProjectionStore`
/// backend runs (`ParcoursAppTesting`), unchanged, each check on a store of its own.
@Suite("ProjectionStore conformance: SQLite")
struct SQLiteProjectionStoreConformanceTests {
    /// A new store in a temporary directory, its founding admin enrolling the checks' clinician.
    static func fresh() throws -> ConformanceProjections {
        let test = try TestStore(origin: ConformancePeople.origin)
        let clinician = try test.clinician(ConformanceProjections.clinician)
        return ConformanceProjections(store: test.store.projections(master: test.master), log: test.store.logStore(master: test.master),
                                      clinician: clinician, owner: test)
    }

    @Test("SQLiteProjectionStore", arguments: ProjectionStoreConformance.checks)
    func conforms(_ check: ProjectionStoreConformance.Check) async throws {
        try await check.run(with: { try Self.fresh() })
    }
}
