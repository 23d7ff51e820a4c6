import ParcoursAppTesting
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursPostgres

/// Servers hear each other's appends: every append to the event log notifies the log's size
/// as it commits, and each server's listener hears it, even after its connection dropped.
@Suite("PostgreSQL log listener", .timeLimit(.minutes(10)))
struct PostgresLogListenerTests {
    /// The next size heard at least `size`.
    static func heard(atLeast size: UInt64, in sizes: inout AsyncStream<UInt64>.Iterator) async -> UInt64? {
        while let heard = await sizes.next() {
            if heard >= size { return heard }
        }
        return nil
    }

    @Test("an append through one server is heard by another's listener, with the size it leaves")
    func appendHeardByAnother() async throws {
        let founded = try PostgresFoundedStore()
        let (first, second) = (try founded.server(), try founded.server())
        var sizes = (second.log as! PostgresLogStore).logGrowth().makeAsyncIterator()
        // The size as it stands, once listening: from here on every append is heard.
        let start = await sizes.next()
        #expect(start == 2, "the listener begins with the log's size (its founding and one enrolment)")
        let results = try await first.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05"))
        #expect(await sizes.next() == results[1].seq + 1, "the size heard is the one the batch left")
        try await first.record([ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-01", step: "crisis", wheel: "contemplation")])
        #expect(await sizes.next() == results[1].seq + 2)
    }

    @Test("a listener whose connection is cut connects again and hears what was appended meanwhile")
    func listenerReconnects() async throws {
        let founded = try PostgresFoundedStore()
        let server = try founded.server()
        let listener = PostgresLogListener(url: founded.database.url, firstPause: .milliseconds(10))
        var sizes = listener.sizes().makeAsyncIterator()
        #expect(await sizes.next() == 2)
        let cut = try founded.database.execute("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = \(PostgresLogListener.applicationName)
            """)
        #expect(cut.count == 1, "one listening connection was cut")
        let results = try await server.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05"))
        #expect(await Self.heard(atLeast: results[1].seq + 1, in: &sizes) == results[1].seq + 1)
    }
}
