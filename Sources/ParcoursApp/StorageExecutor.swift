import Dispatch

/// Where the use cases' blocking work runs: SQLite's locks and syncs, Argon2id unlocks,
/// folding journeys. A task that prefers this executor runs its non-isolated async code on
/// threads of a concurrent dispatch queue, so waiting on the disk or the writer's lock never
/// holds one of the few cooperative threads a server (one per core) answers requests with.
///
/// A front that serves many requests runs each one under it, in one place:
/// `try await withTaskExecutorPreference(StorageExecutor.shared) { try await caseRecord.… }`.
/// The command line, one request per process, needs not.
public final class StorageExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor every case record of the process shares.
    public static let shared = StorageExecutor()

    /// Marks the queue's threads, so a test can tell where work ran.
    static let marker = DispatchSpecificKey<Bool>()
    let queue: DispatchQueue

    init() {
        queue = DispatchQueue(label: "parcours.storage", qos: .userInitiated, attributes: .concurrent)
        queue.setSpecific(key: Self.marker, value: true)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Whether the calling code runs on the executor's threads.
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == true }
}
