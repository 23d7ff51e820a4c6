/// A projection that does not agree with the log: found by `Projector.verify()`.
///
/// Readers trust the projections (a caseload row grants a clinician the participant's
/// journey; a position tells them what is already applied), so `parcours verify` names
/// the one that differs. The reason holds only table names and counts, never personal data.
public struct ProjectionDiscrepancy: Error, Sendable, Equatable, CustomStringConvertible {
    /// The projection that differs.
    public var projection: ProjectionName
    /// What differs, e.g. its position beyond the log, or a table unlike a fold of the log.
    public var reason: String

    public init(projection: ProjectionName, reason: String) {
        self.projection = projection
        self.reason = reason
    }

    public var description: String { "projection \(projection.rawValue): \(reason)" }
}
