import Dispatch

/// The threads a storage backend blocks on, off the cooperative pool: a database's locks
/// and syncs, a driver's futures waited on, Argon2id unlocks. Every `CaseStore` operation
/// of a backend whose work is synchronous is handed here, and its caller suspends until
/// it is done, so blocking waits only on work that is itself running.
public enum StorageThreads {
    static let queue = DispatchQueue(label: "parcours.storage-threads", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on the storage threads; the caller suspends until it returns or throws.
    /// A caller already on them (a task that prefers `StorageExecutor`, as each request of
    /// the web server does) runs it in place: blocking there holds no cooperative thread,
    /// and the two thread switches of a hand-over are saved.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        if StorageExecutor.isCurrent { return try body() }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Where a body that mostly waits for other callers' work runs: a group commit, whose
    /// callers wait for the leader's sync or for the batch before theirs to be written. Its own
    /// quality of service, so its threads are neither the storage threads nor those of
    /// `DispatchQueue.global()` (a batch's second signing core, verification's parsers, the
    /// sign-in's decoy unlock, which must take as long under load as a real one).
    static let waiting = DispatchQueue(label: "parcours.storage-waits", qos: .utility, attributes: .concurrent)

    /// Runs `body`, which waits on work other callers started, on threads of its own (`waiting`),
    /// always: never in place, even from a task that prefers `StorageExecutor`.
    ///
    /// On Linux, libdispatch keeps few threads for a quality of service and adds more only slowly
    /// when they block. The web server's requests run on `StorageExecutor`'s threads; each page's
    /// wait for its access record (issue 12) held one of them — a third or more of them at a time
    /// under thirty-two pages at once — while pages ready to run waited for a thread and the cores
    /// idled. Waiting here instead: pages a second ×1.25 (median; BENCHMARKS.md, twentieth
    /// measurement).
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            waiting.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
