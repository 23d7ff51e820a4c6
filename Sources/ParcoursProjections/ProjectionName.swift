/// The projections Parcours keeps, each with its tables and its position in the log.
public enum ProjectionName: String, CaseIterable, Sendable, Comparable {
    /// Each participant's journey (sealed) and the record the clinical rules check against.
    case journey
    /// Each clinician's participants, with what needs attention.
    case caseload
    /// The program's picture: stages, transitions, relapses, referrals, delays.
    case program

    public static func < (left: ProjectionName, right: ProjectionName) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}
