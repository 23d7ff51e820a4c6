/// `safety.assessed` — risks and the level of danger, the crisis plan, the people
/// involved and the resources engaged (WrapAround).
public struct SafetyAssessment: Codable, Sendable, Equatable {
    public enum Risk: String, Codable, Sendable {
        case debts, threats, harassment, violence
        case selfHarm = "self-harm"
        case substanceUse = "substance-use"
        case housing, other
    }

    public enum DangerLevel: String, Codable, CaseIterable, Sendable {
        case low, moderate, high, imminent
    }

    public var risks: [Risk]
    public var dangerLevel: DangerLevel
    public var crisisPlan: String?
    public var peopleInvolved: [String]
    public var resourcesEngaged: [String]
    public var notes: String?
}
