import Synchronization

/// Runs the bodies given for one key one after another, in the order they came, in this
/// server; bodies for other keys run beside them. A read-modify-write of one session's record
/// (its break-glass grants) so never loses another tab's change made at the same moment.
final class OneAtATime: Sendable {
    private let tails = Mutex<[String: Task<Void, Never>]>([:])

    func run<T: Sendable>(_ key: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let (task, tail): (Task<T, any Error>, Task<Void, Never>) = tails.withLock { tails in
            let previous = tails[key]
            let task = Task {
                _ = await previous?.value
                return try await body()
            }
            let tail = Task { _ = try? await task.value }
            tails[key] = tail
            return (task, tail)
        }
        defer {
            // The last in line leaves no entry behind.
            tails.withLock { tails in if tails[key] == tail { tails[key] = nil } }
        }
        return try await task.value
    }
}
