import ParcoursProjections

/// What a researcher asks for: a project (pseudonyms are keyed per project) and how the
/// export protects the people in it.
public struct ResearchExportRequest: Sendable, Equatable {
    /// How the export protects the people in it.
    public enum Method: Sendable, Equatable {
        /// Rows per participant under pseudonyms, quasi-identifiers generalized until `k`
        /// holds (suppressing at most `maxSuppressed` of the participants first); time in
        /// months since admission instead of days with `months`.
        case deidentified(k: Int = 5, months: Bool = false, maxSuppressed: Double = 0.05)
        /// Counts only, each with Laplace noise: ε-differential privacy (0 < ε ≤ 10).
        case aggregate(epsilon: Double)
    }

    /// What was published: the manifest written beside the files.
    public enum Manifest: Sendable, Equatable {
        case deidentified(ResearchManifest)
        case aggregate(AggregateExport.Manifest)

        /// `de-identified` or `anonymized`, as the manifest states it.
        public var statement: String {
            switch self {
            case .deidentified(let manifest): manifest.statement
            case .aggregate(let manifest): manifest.statement
            }
        }
    }

    /// 1 to 64 lowercase letters, digits or '-'.
    public var project: String
    public var method: Method

    public init(project: String, method: Method = .deidentified()) {
        self.project = project
        self.method = method
    }

    /// Refuses a request the export cannot take, naming the field (`project`, `k`,
    /// `maxSuppressed`, `epsilon`) and what would be accepted.
    public func validate() throws(AppError) {
        guard (1...64).contains(project.count), project.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw .invalidInput(field: "project", reason: "1 to 64 lowercase letters, digits or '-', e.g. trajectoires-2027")
        }
        switch method {
        case .deidentified(let k, _, let maxSuppressed):
            guard (2...1_000).contains(k) else { throw .invalidInput(field: "k", reason: "an integer from 2 to 1000") }
            guard (0...1).contains(maxSuppressed) else { throw .invalidInput(field: "maxSuppressed", reason: "a fraction from 0 to 1") }
        case .aggregate(let epsilon):
            guard epsilon > 0, epsilon <= 10 else { throw .invalidInput(field: "epsilon", reason: "a number greater than 0 and at most 10, e.g. 1") }
        }
    }
}
