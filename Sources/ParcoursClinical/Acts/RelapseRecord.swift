/// `relapse.recorded` — a relapse (chute), momentary or prolonged: part of the path,
/// never a failure. What precipitated it and what helped.
///
/// Version 2 (current) keeps the precipitating factors as one list, each external
/// (environment and people) or internal (thoughts and emotions), optionally in one of
/// the framework's high-risk categories, so a fall plan can be revised from them.
/// Version 1 had two lists of plain text; `ClinicalUpcaster` reads it as version 2.
public struct RelapseRecord: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case momentary
        case prolonged
    }

    public struct Factor: Codable, Sendable, Equatable {
        public enum Origin: String, Codable, Sendable {
            case external
            case `internal`
        }

        /// The high-risk situations of relapse prevention (Marlatt & Donovan).
        public enum Category: String, Codable, Sendable {
            case lifestyleImbalance = "lifestyle-imbalance"
            case criticalEvent = "critical-event"
            case wantingAGoodTime = "wanting-a-good-time"
            case lettingGo = "letting-go"
            case needForImmediateSatisfaction = "need-for-immediate-satisfaction"
            case criminogenicPlacesOrPeople = "criminogenic-places-or-people"
        }

        public var origin: Origin
        public var category: Category?
        public var description: String
    }

    public var kind: Kind
    public var startedOn: String
    public var endedOn: String?
    public var factors: [Factor]
    public var whatHelped: String?

    /// The shape of version 1, read only to be upcast.
    struct Version1: Codable {
        var kind: Kind
        var startedOn: String
        var endedOn: String?
        var externalFactors: [String]
        var internalFactors: [String]
        var whatHelped: String?
    }
}
