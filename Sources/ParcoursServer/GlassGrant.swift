import Foundation

/// A record opened by breaking the glass, for the rest of the day in this session: each read
/// is still decided by the policy and recorded with the justification, marked for review.
struct GlassGrant: Codable, Sendable, Equatable {
    var justification: String
    var until: Date

    /// The end of the day `time` falls in, in the server's time zone (the site's day), or the
    /// session's own end if sooner.
    static func endOfDay(after time: Date, sessionEnds: Date) -> Date {
        let calendar = Calendar.current
        let midnight = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: time)) ?? time
        return min(midnight, sessionEnds)
    }
}
