import Foundation
import Synchronization
import Testing
import ParcoursLog
import ParcoursLogTesting
@testable import ParcoursPostgres

/// The head row locked in each append makes one log of appends from several servers:
/// gapless, each leaf where its commit put it, a rolled-back append leaving no hole.
@Suite("PostgreSQL sequencing")
struct PostgresSequencingTests {
    /// Holes or inversions an observer saw, and what writers were told.
    private final class Observed: Sendable {
        let snapshots = Mutex<[String]>([])
        let acknowledged = Mutex<[[AppendResult]]>([])
        let failures = Mutex<[String]>([])
        let done = Atomic<Bool>(false)
    }

    @Test("appenders on several servers' connections at once: gapless, and every snapshot a prefix of the log (commit order)")
    func concurrentServers() throws {
        let database = try PostgresTestDatabase()
        let founding = try ConformanceLog.founded(database.store())
        // Three stores stand for three servers: each its own pool of connections, its own writer.
        let servers = try (0..<3).map { _ in
            ConformanceLog(store: try database.store(connections: 4), origin: founding.origin, admin: founding.admin, logKey: founding.logKey)
        }
        let observer = try database.store(connections: 1)
        let observed = Observed()
        let writers = 9, appendsEach = 8

        let watching = Thread {
            // Every snapshot must hold seqs 0…size-1 and nothing else: had a later seq committed
            // before an earlier one, some snapshot would show the hole between them.
            while !observed.done.load(ordering: .acquiring) {
                do {
                    let (size, count, maximum) = try observer.withReadTransaction(on: .events) { transaction in
                        let session = (transaction as! PostgresLogTransaction).session
                        let row = try session.row("SELECT COUNT(*), COALESCE(MAX(seq), -1) FROM event")!
                        let (count, maximum) = try row.decode((Int64, Int64).self)
                        return (try transaction.size(), count, maximum)
                    }
                    if Int64(size) != count || count != maximum + 1 {
                        observed.snapshots.withLock { $0.append("size \(size), \(count) rows, last seq \(maximum)") }
                    }
                } catch {
                    observed.failures.withLock { $0.append("observer: \(error)") }
                }
            }
        }
        watching.start()
        observed.acknowledged.withLock { $0 = Array(repeating: [], count: writers) }
        ConcurrentThreads.run(writers) { writer in
            let server = servers[writer % servers.count]
            for index in 0..<appendsEach {
                do {
                    let results = try server.append([server.note("participant/P-SEQ00\(writer)", Int64(index)), server.note("shared", Int64(index))])
                    observed.acknowledged.withLock { $0[writer].append(contentsOf: results) }
                } catch {
                    observed.failures.withLock { $0.append("writer \(writer): \(error)") }
                }
            }
        }
        observed.done.store(true, ordering: .releasing)
        while !watching.isFinished { Thread.sleep(forTimeInterval: 0.01) }

        #expect(observed.failures.withLock { $0 } == [])
        #expect(observed.snapshots.withLock { $0 } == [], "a snapshot saw a hole: seqs not in commit order")
        let acknowledged = observed.acknowledged.withLock { $0 }
        let total = writers * appendsEach * 2
        let seqs = acknowledged.flatMap { $0.map(\.seq) }
        #expect(seqs.count == total && Set(seqs) == Set(1...UInt64(total)), "the acknowledged seqs are not 1…\(total) once each")
        for results in acknowledged {
            #expect(zip(results, results.dropFirst()).allSatisfy { $0.seq < $1.seq }, "a writer's appends are out of the order it committed them")
        }
        let lines = try founding.lines()
        #expect(lines.count == total + 1)
        let verifier = LogVerifier(kind: .events)
        try verifier.consume(lines)
        let stored = try founding.store.withReadTransaction(on: .events) { try MerkleTree.root(size: UInt64(total + 1), reader: $0.hashReader) }
        #expect(stored == verifier.root)
    }

    private struct Abandoned: Error {}

    @Test("an append rolled back after its inserts leaves no hole: the next append takes its seq")
    func rollbackLeavesNoHole() throws {
        let database = try PostgresTestDatabase()
        let log = try ConformanceLog.founded(database.store())
        #expect(throws: Abandoned.self) {
            _ = try log.writer.append([log.note(), log.note()], by: log.author, signingKey: log.admin, to: log.store,
                                  alsoInTransaction: { _ in throw Abandoned() })
        }
        // Another server, which never saw the abandoned append, appends next.
        let other = ConformanceLog(store: try database.store(), origin: log.origin, admin: log.admin, logKey: log.logKey)
        let results = try other.append([other.note()])
        #expect(results.map(\.seq) == [1])
        #expect(try log.append([log.note()]).map(\.seq) == [2])
        let head = try database.execute("SELECT size FROM log_head WHERE log = 'events'").first?.decode(Int64.self)
        #expect(head == 3)
        try LogVerifier(kind: .events).consume(try log.lines())
    }
}
