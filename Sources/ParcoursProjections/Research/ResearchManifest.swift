/// What a research export says of itself: its parameters, its quasi-identifiers and
/// sensitive attributes, the k and l measured on the files written, what was suppressed,
/// each file's SHA-256, and an honest statement of what it is.
public struct ResearchManifest: Codable, Sendable, Equatable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var project: String
        public var k: Int
        public var timeUnit: String
        public var maxSuppressedFraction: Double
        public var exportedOn: String
    }
    public struct Achieved: Codable, Sendable, Equatable {
        /// The smallest equivalence class over the quasi-identifiers in participants.csv.
        public var k: Int
        /// The fewest distinct values of the sensitive attribute in one class (distinct l-diversity).
        public var l: Int
        public var equivalenceClasses: Int
    }

    public var format = "parcours-research-export/1"
    public var parameters: Parameters
    public var quasiIdentifiers: [String]
    /// The generalization level chosen for each quasi-identifier (0 the finest).
    public var generalization: [String: Int]
    public var sensitiveAttributes: [String]
    public var eligible: Int
    public var exported: Int
    public var suppressed: Int
    public var achieved: Achieved
    public var files: [String: String]
    public var statement: String
    public var reason: String
}
