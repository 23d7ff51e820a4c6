import ParcoursLog
import ParcoursProjections
import Synchronization

/// Follows the log into the projections for the readers of one process.
///
/// A reader waits for the log position it needs — the head when its request arrived, so it
/// sees every act acknowledged before it (read-your-writes) — instead of each reader taking
/// the writer's lock to catch up: one catch-up at a time runs, and every reader waiting for
/// a position it reaches is served by it. On a store several servers share, it also follows
/// the log as it grows (`CaseStore.logGrowth`), so their readers seldom wait.
actor ProjectionFollower {
    let store: any CaseStore
    let projector: Projector
    /// The log position the projections are known to have reached.
    private(set) var reached: UInt64 = 0
    private var running: Task<UInt64, any Error>?

    /// Follows the sizes another server's appends leave, while this follower lives.
    private nonisolated let warming = Mutex<Task<Void, Never>?>(nil)

    init(store: any CaseStore, master: MasterKey) {
        self.store = store
        projector = Projector(store: store.projections(master: master))
        if let growth = store.logGrowth() { keepWarm(following: growth) }
    }

    deinit { warming.withLock { $0?.cancel() } }

    /// Follows the log to each size heard, so that readers find the projections there: on a
    /// store several servers share, the acts appended through the others. A catch-up that
    /// fails is left to the next reader, who waits for it and hears its error.
    private nonisolated func keepWarm(following growth: AsyncStream<UInt64>) {
        let task = Task(executorPreference: StorageExecutor.shared) { [weak self] in
            for await size in growth {
                guard let self else { return }
                try? await self.reach(size)
            }
        }
        warming.withLock { $0 = task }
    }

    /// Returns once the projections have followed the log up to `position` (a number of records).
    func reach(_ position: UInt64) async throws {
        while reached < position {
            // On the storage executor: what of catching up still blocks (the disk) never holds a cooperative thread.
            let catchUp = running ?? Task(executorPreference: StorageExecutor.shared) { [projector, store] in
                try await projector.catchUp()
                return try await store.size(.events)
            }
            running = catchUp
            defer { if running == catchUp { running = nil } }
            // A catch-up that began before the position was written may end short of it: the loop starts another.
            reached = max(reached, try await catchUp.value)
        }
    }

    /// Returns once the projections hold everything the log holds now.
    func reachHead() async throws {
        try await reach(try await store.size(.events))
    }
}
