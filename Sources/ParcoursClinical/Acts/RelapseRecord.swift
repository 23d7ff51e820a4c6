/// `relapse.recorded` — a relapse (chute), momentary or prolonged: part of the path,
/// never a failure. What precipitated it and what helped.
public struct RelapseRecord: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case momentary
        case prolonged
    }

    public var kind: Kind
    public var startedOn: String
    public var endedOn: String?
    /// Environment and people.
    public var externalFactors: [String]
    /// Thoughts and emotions.
    public var internalFactors: [String]
    public var whatHelped: String?
}
