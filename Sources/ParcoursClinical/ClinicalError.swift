/// Why a clinical act was refused: the field and what would be accepted, in English
/// (`reason`, what the command line, the JSON API and the logs say) and in French
/// (`frenchReason`, as a clinician reads it beside a form field).
/// Never carries personal or clinical data (no age, no stage, nothing the person said):
/// error text may reach logs and terminals that the record's protections do not cover.
public struct ClinicalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String
    /// The same reason in French (Québec), for pages read in French.
    public var frenchReason: String

    public init(_ field: String, _ reason: String, fr frenchReason: String) {
        self.field = field
        self.reason = reason
        self.frenchReason = frenchReason
    }

    /// A refusal with its English reason only: the French is then the English one.
    @available(*, deprecated, message: "give the reason in French too: ClinicalError(field, reason, fr: …)")
    public init(_ field: String, _ reason: String) {
        self.init(field, reason, fr: reason)
    }

    /// The English reason is what a refusal is known by (the French says the same in
    /// other words): two refusals are the same when they name the same field and reason.
    public static func == (lhs: ClinicalError, rhs: ClinicalError) -> Bool {
        lhs.field == rhs.field && lhs.reason == rhs.reason
    }

    public var description: String { "\(field): \(reason)" }
}
