import Foundation
import ParcoursAppTesting
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing
@testable import ParcoursPostgres

/// The same acts recorded in a SQLite store and in a PostgreSQL one give the same caseloads
/// and program figures: what a clinician and a program lead read does not depend on the
/// backend. The stores' keys differ (the sealed journeys with them); the caseload and program
/// tables hold no sealed byte, so their digests agree too.
@Suite("Projections across backends")
struct ProjectionsAcrossBackendsTests {
    /// A SQLite store in a temporary directory, the conformance clinician enrolled.
    static func sqlite() throws -> ConformanceProjections {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-across-\(UUID().uuidString)").path
        let store = try Store.create(at: directory, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                     adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                     masterPassphrase: ConformancePeople.masterPassphrase)
        let admin = try store.unlockActor(ConformancePeople.admin, passphrase: ConformancePeople.passphrase)
        let master = try store.unlockMaster(passphrase: ConformancePeople.masterPassphrase)
        try store.enrol(actor: ConformanceProjections.clinician, name: ConformanceProjections.clinicianName,
                        organization: ConformanceProjections.organization, roles: ["clinician"], passphrase: ConformancePeople.passphrase, by: admin)
        let clinician = try store.unlockActor(ConformanceProjections.clinician, passphrase: ConformancePeople.passphrase)
        return ConformanceProjections(store: store.projections(master: master), log: store.logStore(master: master), clinician: clinician,
                                      owner: TemporaryDirectory(path: directory))
    }

    /// What a reader sees of the projections, for comparison: caseload, figures, and the digests of the tables without sealed bytes.
    static func readings(_ store: ConformanceProjections) async throws -> (caseload: [CaseloadEntry], figures: [String], digests: [[ProjectionDigest]]) {
        try await store.store.read { source in
            let periods = [("2024-01-01", "2026-12-31"), ("2024-04-01", "2024-06-30"), ("2025-01-01", "2025-01-31")]
            return (try source.caseload(of: ConformanceProjections.clinician),
                    try periods.map { String(describing: try source.programFigures(from: $0.0, to: $0.1)) },
                    try [ProjectionName.caseload, .program].map { try source.digests(of: $0, leavingOut: []) })
        }
    }

    @Test("the same acts give the same caseload, program figures and table digests on SQLite and on PostgreSQL")
    func sameReadings() async throws {
        let (sqlite, postgres) = (try Self.sqlite(), try PostgresFoundedStore().server())
        let acts = ConformanceProjections.generated(participants: 12, seed: 2026)
        for store in [sqlite, postgres] {
            for start in stride(from: 0, to: acts.count, by: 100) { try await store.record(Array(acts[start..<min(start + 100, acts.count)])) }
            try await Projector(store: store.store).catchUp()
        }
        let (onSQLite, onPostgres) = (try await Self.readings(sqlite), try await Self.readings(postgres))
        #expect(!onSQLite.caseload.isEmpty, "the caseload compared is not empty")
        #expect(onPostgres.caseload == onSQLite.caseload)
        #expect(onPostgres.figures == onSQLite.figures)
        #expect(onPostgres.digests == onSQLite.digests)
    }
}

/// Removes a directory when the last reference to it goes.
final class TemporaryDirectory: Sendable {
    let path: String
    init(path: String) { self.path = path }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
