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
}
