/// `fall-plan.revised` — the relapse-prevention plan (Marlatt & Donovan): risk
/// situations ("traps") with their warning signals, each situational, behavioural,
/// affective or cognitive, the coping strategy for each, and people to call.
public struct FallPlanRevision: Codable, Sendable, Equatable {
    public enum SignalKind: String, Codable, CaseIterable, Sendable {
        case situational, behavioural, affective, cognitive
    }

    public struct RiskSituation: Codable, Sendable, Equatable {
        public var situation: String
        public var signalKind: SignalKind
        public var signals: [String]
        public var copingStrategies: [String]
    }

    public struct Contact: Codable, Sendable, Equatable {
        public var name: String
        public var relationship: String?
        public var phone: String?
    }

    public var revision: Int
    public var replaces: Int?
    public var riskSituations: [RiskSituation]
    public var peopleToCall: [Contact]
}
