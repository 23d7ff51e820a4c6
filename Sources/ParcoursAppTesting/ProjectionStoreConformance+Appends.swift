import Dispatch
import ParcoursLog
import ParcoursLogTesting
import ParcoursProjections
import Synchronization

/// The write path: acts and their access records together or not at all, drawn up under the writer's lock.
extension ProjectionStoreConformance {
    /// An access record of the kind the consent-aware writer gives with a write under break-glass.
    static func accessRecord(_ participant: String) -> (type: String, data: [String: JSONValue]) {
        (type: "access.write", data: ["participant": .string(participant), "actor": .string(ConformanceProjections.clinician)])
    }

    static let appendWithAccess = Check("append-with-access",
                                        "an append writes its acts and the access records prepare gives, in one transaction") { store in
        let (events, access) = (try store.size(.events), try store.size(.access))
        let drafts = ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05")
        let results = try await store.store.append(preparing: { _ in PreparedBatch(drafts: drafts, access: [accessRecord("P-CONF01")]) },
                                                   by: store.clinician)
        try check(results.map(\.seq) == [events, events + 1], "the acts took seqs \(results.map(\.seq)), not \(events) and \(events + 1)")
        try check(results.map(\.id) == drafts.map(\.id), "the results name other acts than the drafts")
        try check(try store.size(.events) == events + 2, "the event log did not grow by the two acts")
        try check(try store.size(.access) == access + 1, "the access log did not grow by the one access record")
    }

    static let appendAllOrNothing = Check("append-all-or-nothing",
                                          "a prepare that throws, a refused act or a refused access record leave both logs as they were") { store in
        try await store.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05"))
        let before = (try store.size(.events), try store.size(.access))
        let thrown = try await thrownError("a prepare that throws") {
            _ = try await store.store.append(preparing: { _ in throw PreparedRefusal() }, by: store.clinician)
        }
        try check(thrown is PreparedRefusal, "a prepare's own error came back as \(thrown)")
        _ = try await thrownError("a batch whose second act expects a stale version") {
            var stale = ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-01", step: "crisis", wheel: "contemplation")
            stale.expectedVersion = 0
            let drafts = [ConformanceProjections.stage(of: "P-CONF02", on: "2026-02-01", step: "crisis", wheel: "contemplation"), stale]
            _ = try await store.store.append(preparing: { _ in PreparedBatch(drafts: drafts, access: [accessRecord("P-CONF01")]) },
                                             by: store.clinician)
        }
        _ = try await thrownError("an access record of a type outside the access log's") {
            let drafts = [ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-01", step: "crisis", wheel: "contemplation")]
            _ = try await store.store.append(preparing: { _ in PreparedBatch(drafts: drafts, access: [(type: "participant.read", data: [:])]) },
                                             by: store.clinician)
        }
        let after = (try store.size(.events), try store.size(.access))
        try check(after == before, "a refused append changed the logs: \(before) records before, \(after) after")
        let head = try await store.store.read { try $0.streamHead(of: "P-CONF02") }
        try check(head == nil, "a refused batch left a stream behind")
    }

    static let prepareUnderLock = Check("prepare-under-lock",
                                        "prepare reads the log and projections as they stand once the writer's lock is taken") { store in
        try await store.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05"))
        let heads = Shared<[UInt64]>([])
        // Each writer decides its act's version from what prepare reads: none may read a stale stream head.
        let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await store.store.append(preparing: { source in
                        let head = try source.head()
                        heads.value.withLock { $0.append(head) }
                        var draft = ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-0\(index + 1)", step: "crisis", wheel: "contemplation")
                        draft.expectedVersion = try source.streamHead(of: "P-CONF01").map { $0.version + 1 } ?? 0
                        return PreparedBatch(drafts: [draft], access: [])
                    }, by: store.clinician)[0]
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try check(Set(results.map(\.version)) == Set(2...9), "eight writers took versions \(results.map(\.version).sorted()), not 2…9")
        try check(Set(heads.value.withLock { $0 }) == Set(results.map(\.seq)), "prepare read a head other than the seq its act took")
    }

    static let readSnapshot = Check("read-snapshot", "a read sees one snapshot: an append committed meanwhile is not in it") { store in
        try await store.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05"))
        let (first, second, appended) = try await store.store.read { source in
            let first = (try source.head(), try source.events(from: 0, limit: 1_000).count)
            let appended = Self.waitFor { try await store.record(ConformanceProjections.admission(of: "P-CONF02", on: "2026-01-06")) }
            return (first, (try source.head(), try source.events(from: 0, limit: 1_000).count), appended)
        }
        try appended.get()
        try check(first == second, "a read saw an append committed while it ran: \(first), then \(second)")
        let after = try await store.store.read { try $0.head() }
        try check(after == first.0 + 2, "the append is not there after the read: \(after) records, not \(first.0 + 2)")
    }

    /// Runs `body` on another task and waits for it on this thread (a read body is synchronous).
    static func waitFor(_ body: @escaping @Sendable () async throws -> Void) -> Result<Void, any Error> {
        let outcome = Shared<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await body()
                outcome.value.withLock { $0 = .success(()) }
            } catch {
                outcome.value.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return outcome.value.withLock { $0! }
    }
}

/// A value tasks share, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
}
