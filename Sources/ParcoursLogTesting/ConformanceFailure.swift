/// What a conformance check found wrong with a `LogStore`: the check and what failed.
///
/// The suite does not import a test framework, so any test runner (Swift Testing,
/// XCTest, a command-line tool) can run it; each test target reports this error.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The check that failed.
    public var check: String
    /// What did not hold, e.g. "seq 12 is missing".
    public var what: String

    public init(check: String, what: String) {
        self.check = check
        self.what = what
    }

    public var description: String { "\(check): \(what)" }

    /// `error` as a failure of `check`: its own words when it is a `ConformanceFailure`, an unexpected error otherwise.
    public static func of(_ check: String, _ error: any Error) -> ConformanceFailure {
        guard var failure = error as? ConformanceFailure else { return ConformanceFailure(check: check, what: "unexpected error: \(error)") }
        failure.check = check
        return failure
    }
}
