/// `obligations.explained` — the clinician explained the legal obligations that bind
/// her or him and their consequences, and the rules of the follow-up were agreed.
public struct ObligationsExplanation: Codable, Sendable, Equatable {
    public var obligationsExplained: Bool
    public var rulesAgreed: Bool
    public var notes: String?
}
