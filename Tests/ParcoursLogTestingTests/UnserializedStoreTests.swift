#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
import ParcoursLog
@testable import ParcoursLogTesting

/// A store that breaks "appends are serialized": each write transaction works on the state
/// it read when it began, and the last to commit replaces the state (lost updates).
final class UnserializedLogStore: LogStore {
    private let state = Mutex(MemoryLogStore.State())

    func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        let snapshot = MemorySnapshot(state.withLock { $0 })
        usleep(200) // widen the window two writers share, as a slow disk would
        let result = try body(MemoryLogTransaction(snapshot, kind: log))
        state.withLock { $0 = snapshot.state }
        return result
    }

    func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try body(MemoryLogTransaction(MemorySnapshot(state.withLock { $0 }), kind: log))
    }
}

@Suite("The conformance suite catches a broken store")
struct UnserializedStoreTests {
    @Test("concurrent-writers fails on a store whose write transactions are not serialized")
    func concurrentWritersCatchLostUpdates() throws {
        let check = try #require(LogStoreConformance.checks.first { $0.name == "concurrent-writers" })
        let failure = #expect(throws: ConformanceFailure.self) {
            try check.run(with: { try ConformanceLog.founded(UnserializedLogStore()) })
        }
        #expect(failure?.check == "concurrent-writers")
        // The same store passes the checks that need no concurrency: only the contract's serialization is missing.
        let single = try #require(LogStoreConformance.checks.first { $0.name == "appends-verify" })
        try single.run(with: { try ConformanceLog.founded(UnserializedLogStore()) })
    }
}
