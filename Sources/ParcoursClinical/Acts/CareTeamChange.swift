/// `careteam.assigned` and `careteam.released` — a clinician joins or leaves the follow-up.
public struct CareTeamChange: Codable, Sendable, Equatable {
    /// The clinician's actor id.
    public var clinician: String
    public var reason: String?
}
