import Dispatch
import Foundation
import GRDB
import ParcoursLog
@testable import ParcoursSQLite
import Synchronization
import Testing

/// The read-only connections web requests read through (`ReadConnections`): each read sees every
/// commit made before it, never writes, and no more of them run at once than the limit.
@Suite("Read connections")
struct ReadConnectionsTests {
    @Test("a read sees every append that returned before it began, from any thread")
    func seesCommits() throws {
        let test = try TestStore()
        let size: @Sendable () throws -> Int = { try test.store.readers.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? -1 } }
        let before = try size()
        for round in 1...5 {
            try test.appendSample(3)
            #expect(try size() == before + 3 * round, "round \(round)")
        }
        let counts = AccessGroupCommitTests.Collected<Int>()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in if let count = try? size() { counts.add(count) } }
        #expect(counts.values == Array(repeating: before + 15, count: 8))
    }

    @Test("a read cannot write: the connection is read-only, and the store is unchanged")
    func readOnly() throws {
        let test = try TestStore()
        let head = try test.head()
        #expect(throws: DatabaseError.self) {
            try test.store.readers.read { db in try db.execute(sql: "DELETE FROM store_info") }
        }
        #expect(try test.head() == head)
        #expect(try test.verificationFailure() == nil)
    }

    @Test("a read inside a read stops the program rather than wait for ever")
    func nested() async {
        await #expect(processExitsWith: .failure) {
            let test = try TestStore()
            _ = try test.store.readers.read { _ in try test.store.readers.read { _ in 1 } }
        }
    }

    @Test("no more reads run at once than the limit; every read is answered")
    func bounded() throws {
        let test = try TestStore()
        let running = Mutex(0), most = Mutex(0)
        let answered = AccessGroupCommitTests.Collected<Int>()
        // Threads of their own, all at once (`concurrentPerform` would run only as many as the cores).
        let done = DispatchGroup()
        let threads = (0..<(3 * ReadConnections.limit)).map { index in
            done.enter()
            return Thread {
                defer { done.leave() }
                let value = try? test.store.readers.read { db -> Int in
                    let now = running.withLock { $0 += 1; return $0 }
                    most.withLock { $0 = max($0, now) }
                    usleep(5_000)
                    defer { running.withLock { $0 -= 1 } }
                    return try Int.fetchOne(db, sql: "SELECT ?", arguments: [index]) ?? -1
                }
                if let value { answered.add(value) }
            }
        }
        threads.forEach { $0.start() }
        done.wait()
        #expect(answered.values.sorted() == Array(0..<(3 * ReadConnections.limit)))
        #expect(most.withLock { $0 } <= ReadConnections.limit)
        #expect(most.withLock { $0 } > 2, "the reads did run at once")
    }
}
