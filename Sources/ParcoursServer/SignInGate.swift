import Foundation

/// Sign-ins proven a few at once: each derives a key from a passphrase (Argon2id, 64 MiB and
/// most of a core for a tenth of a second or more), made-up ids included, which derive from a
/// decoy. At most `places` derive together; up to `queued` more wait their turn in order, and
/// any beyond are refused at once (asked to come back). So a flood of attempts, on one id or on
/// thousands, costs the server a bounded memory and a few cores, while the per-id throttle
/// (`SignInThrottle`) keeps guesses on one id slow (a page's attempt waits its turn on its id
/// first, the API's is told to come back). The door is everyone's: under a flood, a real
/// sign-in may be asked to come back too — slowed, never let in unchecked.
actor SignInGate {
    /// When a client refused at the door is asked to come back (`Retry-After`).
    static let comeBack: Duration = .seconds(5)
    let places: Int
    let queued: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(places: Int = 2 * ProcessInfo.processInfo.activeProcessorCount, queued: Int = 64) {
        (self.places, self.queued) = (max(1, places), queued)
    }

    /// Enters (true), waiting for a place if all are taken and the queue has room; false when
    /// the queue is full: the attempt is refused, nothing tried.
    func enter() async -> Bool {
        if inside < places {
            inside += 1
            return true
        }
        guard waiting.count < queued else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    /// How many wait for a place.
    var waitingCount: Int { waiting.count }

    /// Leaves: the place goes to the first waiting, if any.
    func leave() {
        if waiting.isEmpty { inside -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Runs `attempt` inside the gate (where the caller runs), or returns nil when refused at the door.
    nonisolated func through<T: Sendable>(_ attempt: () async throws -> T) async rethrows -> T? {
        guard await enter() else { return nil }
        do {
            let value = try await attempt()
            await leave()
            return value
        } catch {
            await leave()
            throw error
        }
    }
}
