import ParcoursAppTesting
import ParcoursProjections
import Testing
@testable import ParcoursPostgres

/// `Projector.verify()` on PostgreSQL: the tables' digests against a fold of the log into
/// scratch tables find a row changed by hand, and name its projection.
@Suite("PostgreSQL projections verified against the log")
struct PostgresProjectionVerifyTests {
    static func differing(_ projector: Projector) async -> ProjectionDiscrepancy? {
        do {
            try await projector.verify()
            return nil
        } catch {
            return error as? ProjectionDiscrepancy
        }
    }

    @Test("a caseload row changed, a program row removed, a journey swapped: the projection that differs is named, and a rebuild repairs it")
    func namesTheProjection() async throws {
        let founded = try PostgresFoundedStore()
        let server = try founded.server()
        try await server.record(ConformanceProjections.generated(participants: 5, seed: 3))
        let projector = Projector(store: server.store)
        try await projector.catchUp()
        #expect(await Self.differing(projector) == nil)

        _ = try founded.database.execute("UPDATE caseload SET open_warnings = open_warnings + 1 WHERE participant = (SELECT MIN(participant) FROM caseload)")
        #expect(await Self.differing(projector)?.projection == .caseload)
        try await projector.rebuild([.caseload])
        #expect(await Self.differing(projector) == nil)

        _ = try founded.database.execute("DELETE FROM program_participant WHERE participant = (SELECT MIN(participant) FROM program_participant)")
        #expect(await Self.differing(projector)?.projection == .program)
        try await projector.rebuild([.program])

        _ = try founded.database.execute("""
            UPDATE journey SET journey = (SELECT journey FROM journey ORDER BY participant DESC LIMIT 1)
            WHERE participant = (SELECT MIN(participant) FROM journey)
            """)
        #expect(await Self.differing(projector)?.projection == .journey)
        try await projector.rebuild()
        #expect(await Self.differing(projector) == nil)
    }
}
