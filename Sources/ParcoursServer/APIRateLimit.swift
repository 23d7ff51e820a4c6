import Foundation
import ParcoursLog

/// The JSON API's rate limit, per session: a bucket of `burst` requests refilled at `perSecond`.
/// Sessions are counted in a fixed number of keyed buckets, like `SignInThrottle`'s, so memory
/// stays bounded whatever is sent.
actor APIRateLimit {
    static let buckets = 4096
    let burst: Double
    let perSecond: Double

    private struct Bucket {
        var tokens: Double
        var updated = ContinuousClock.Instant.now
    }

    private var table: [Bucket]
    private let key = Sodium.randomBytes(32)

    init(burst: Double = 60, perSecond: Double = 20) {
        (self.burst, self.perSecond) = (burst, perSecond)
        table = [Bucket](repeating: Bucket(tokens: burst), count: Self.buckets)
    }

    /// Whether a request of `session` (its public handle) may be answered now; takes one token if so.
    func allow(_ session: String) -> Bool {
        let digest = Sodium.hmacSHA256(key: key, Array(session.utf8))
        let index = (Int(digest[0]) << 8 | Int(digest[1])) % Self.buckets, now = ContinuousClock.Instant.now
        let elapsed = now - table[index].updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        table[index].tokens = min(burst, table[index].tokens + seconds * perSecond)
        table[index].updated = now
        guard table[index].tokens >= 1 else { return false }
        table[index].tokens -= 1
        return true
    }
}
