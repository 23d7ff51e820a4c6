import Foundation

/// The JSON API's rate limit, per session: a bucket of `burst` requests refilled at `perSecond`.
/// It is asked only for a session already resumed, so it counts each live session on its own
/// (two sessions never share a bucket, so one never slows another); a bucket that has refilled
/// is forgotten, since an absent bucket is a full one, so memory holds only the sessions that
/// spent some of theirs lately.
actor APIRateLimit {
    let burst: Double
    let perSecond: Double

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private var buckets: [String: Bucket] = [:]
    private var nextSweep: Int

    init(burst: Double = 60, perSecond: Double = 20) {
        (self.burst, self.perSecond) = (burst, perSecond)
        nextSweep = Self.sweepFloor
    }

    /// How many buckets are kept before the refilled ones are forgotten.
    static let sweepFloor = 256

    /// Whether a request of `session` (its public handle) may be answered now; takes one token if so.
    func allow(_ session: String, at now: ContinuousClock.Instant = .now) -> Bool {
        var bucket = buckets[session].map { Bucket(tokens: refilled($0, at: now), updated: max(now, $0.updated)) }
            ?? Bucket(tokens: burst, updated: now)
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[session] = bucket
        if buckets.count >= nextSweep { sweep(at: now) }
        return allowed
    }

    /// How many sessions have a bucket not yet refilled (for tests).
    var tracked: Int { buckets.count }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Double {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(burst, bucket.tokens + max(0, seconds) * perSecond)  // instants taken just before the hop may arrive out of order
    }

    /// Forgets the buckets that are full again; the next sweep comes when the table has doubled,
    /// so sweeping costs a constant share of the requests.
    private func sweep(at now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now) < burst }
        nextSweep = max(Self.sweepFloor, 2 * buckets.count)
    }
}
