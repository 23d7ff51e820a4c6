import Foundation

/// Slows sign-in down after failures for an actor id: each failure doubles the wait before
/// the next attempt is answered (1 s, 2 s, 4 s… at most 30 s), whatever its outcome, so a
/// passphrase cannot be guessed at speed. A success clears it.
actor SignInThrottle {
    private var failures: [String: Int] = [:]

    /// How long to wait before answering an attempt for `actor`.
    func delay(for actor: String) -> Duration {
        guard let count = failures[actor], count > 0 else { return .zero }
        return .seconds(min(30, 1 << min(count - 1, 5)))
    }

    func failed(_ actor: String) {
        failures[actor, default: 0] += 1
        if failures.count > 10_000 { failures.removeAll() }
    }

    func succeeded(_ actor: String) { failures[actor] = nil }
}
