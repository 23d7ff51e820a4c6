import ParcoursAppTesting
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursPostgres

/// Several servers' projectors on one database: exactly one writes at a time (an advisory
/// lock of the projections), each taking up where the last committed.
@Suite("PostgreSQL projectors on several servers")
struct PostgresProjectorsTests {
    @Test("two servers catching up at once follow every record once, and end where a rebuild does")
    func twoServersCatchUp() async throws {
        let founded = try PostgresFoundedStore()
        let (first, second) = (try founded.server(), try founded.server())
        let acts = ConformanceProjections.generated(participants: 10, seed: 77)
        for (index, start) in stride(from: 0, to: acts.count, by: 50).enumerated() {
            try await (index.isMultiple(of: 2) ? first : second).record(Array(acts[start..<min(start + 50, acts.count)]))
        }
        let head = try await first.store.read { try $0.head() }
        // Small steps, so the two projectors take turns many times.
        async let followedByFirst = Projector(store: first.store, chunk: 7).catchUp()
        async let followedBySecond = Projector(store: second.store, chunk: 7).catchUp()
        let followed = try await (followedByFirst, followedBySecond)
        #expect(followed.0 + followed.1 == head, "every record followed once between the two: \(followed.0) + \(followed.1), not \(head)")
        for server in [first, second] {
            let positions = try await server.store.read { try $0.positions() }
            #expect(positions.values.allSatisfy { $0 == head }, "positions \(positions) seen from a server are not the head \(head)")
        }
        let digests = { (server: ConformanceProjections) in
            try await server.store.read { source in try ProjectionName.allCases.map { try source.digests(of: $0, leavingOut: []) } }
        }
        let caughtUp = try await digests(second)
        try await Projector(store: first.store).rebuild()
        #expect(try await digests(first) == caughtUp, "the tables two projectors wrote differ from a rebuild's")
        try await Projector(store: second.store).verify()
    }
}
