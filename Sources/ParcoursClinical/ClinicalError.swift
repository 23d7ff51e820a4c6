/// Why a clinical act was refused: the field and what would be accepted.
/// Never carries personal or clinical data (no age, no stage, nothing the person said):
/// error text may reach logs and terminals that the record's protections do not cover.
public struct ClinicalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Something worth the clinician's attention, recorded and returned, never a refusal.
public struct ClinicalWarning: Sendable, Equatable, Codable {
    /// A stable code for programs, e.g. `stage-pair-unusual`.
    public var code: WarningCode
    /// The message, in French first.
    public var message: String

    public init(code: WarningCode, message: String) {
        self.code = code
        self.message = message
    }
}
