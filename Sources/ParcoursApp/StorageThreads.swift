import Dispatch

/// The threads a storage backend blocks on, off the cooperative pool: a database's locks
/// and syncs, a driver's futures waited on, Argon2id unlocks. Every `CaseStore` operation
/// of a backend whose work is synchronous is handed here, and its caller suspends until
/// it is done, so blocking waits only on work that is itself running.
public enum StorageThreads {
    static let queue = DispatchQueue(label: "parcours.storage-threads", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on the storage threads; the caller suspends until it returns or throws.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
