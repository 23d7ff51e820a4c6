/// `followup.closed` and `followup.reopened` — a follow-up lasts as long as the
/// person needs it; a closed one can be reopened.
public struct FollowUpChange: Codable, Sendable, Equatable {
    public var reason: String
}
