import Foundation
import ParcoursLog

/// Slows sign-in down after failures for an actor id: each failure doubles the wait before
/// the next attempt is answered (1 s, 2 s, 4 s… at most 30 s), and attempts for one id are
/// answered one after another — each reserves its turn before waiting, so attempts sent
/// together wait their turns rather than share one wait, and turns are `spacing` apart at
/// least, so a burst sent before any failure is recorded is not tried all at once. A success
/// clears it.
///
/// Turns are never queued more than `longest` ahead: an attempt beyond is refused at once
/// rather than put to sleep, and a failure moves the next turn no further than twice that
/// from now. So a flood of attempts on someone's id holds no task and locks her out for no
/// longer than the flood lasts and a minute after it.
///
/// Ids are counted in a fixed number of buckets, by a keyed digest: memory stays bounded
/// whatever is sent, a flood of made-up ids cannot push a real id's count out, and nobody
/// who does not know the key can aim at another id's bucket.
actor SignInThrottle {
    static let buckets = 4096
    static let longest: Duration = .seconds(30)
    /// The least time between two turns on one id, failures or not.
    static let spacing: Duration = .seconds(1)

    private struct Bucket {
        var failures = 0
        var nextTurn = ContinuousClock.Instant.now
    }

    private var table = [Bucket](repeating: Bucket(), count: SignInThrottle.buckets)
    private let key = Sodium.randomBytes(32)

    /// Reserves the next turn for an attempt on `actor`; returns how long to wait for it, or nil
    /// when the turns already reserved reach further than `longest` (the attempt is refused).
    func reserve(for actor: String, at now: ContinuousClock.Instant = .now) -> Duration? {
        let index = bucket(actor)
        let turn = max(now, table[index].nextTurn)
        guard turn - now <= Self.longest else { return nil }
        table[index].nextTurn = turn + max(Self.spacing, Self.backoff(table[index].failures))
        return turn - now
    }

    /// Takes the turn for an attempt on `actor` when it has come (returns zero), or returns how
    /// long until it comes without taking it — for clients told to come back (the API's 429).
    func take(for actor: String, at now: ContinuousClock.Instant = .now) -> Duration {
        let index = bucket(actor)
        guard table[index].nextTurn <= now else { return table[index].nextTurn - now }
        table[index].nextTurn = now + max(Self.spacing, Self.backoff(table[index].failures))
        return .zero
    }

    /// The wait a number of failures gives: none, then 1 s, 2 s, 4 s… at most 30 s.
    static func backoff(_ failures: Int) -> Duration {
        failures == 0 ? .zero : min(longest, .seconds(1 << min(failures - 1, 5)))
    }

    /// A failure: the id's next turn moves one more (longer) backoff away, so that attempts one
    /// after another come no faster than one a backoff after its own — but never further than
    /// twice the longest backoff from now, however many failed together.
    func failed(_ actor: String, at now: ContinuousClock.Instant = .now) {
        let index = bucket(actor)
        table[index].failures += 1
        let stacked = max(now, table[index].nextTurn) + Self.backoff(table[index].failures), ceiling = now + Self.longest * 2
        table[index].nextTurn = min(stacked, ceiling)
    }

    func succeeded(_ actor: String) { table[bucket(actor)] = Bucket() }

    func bucket(_ actor: String) -> Int {
        let digest = Sodium.hmacSHA256(key: key, Array(actor.utf8))
        return (Int(digest[0]) << 8 | Int(digest[1])) % Self.buckets
    }
}
