/// What is read: each view is one question the program answers.
public enum AccessView: String, Codable, Sendable, CaseIterable {
    /// A participant's journey (and its timeline).
    case journey
    case timeline
    /// A clinician's caseload.
    case caseload
    /// The program's picture.
    case program
    /// The directory of actors.
    case directory
    /// Who wrote what type when — never content.
    case metadata
    /// The access log.
    case accessLog = "access-log"
    /// The registers of communications and incidents.
    case registers
    /// A stream's raw events (administration).
    case events
    /// An export of the log.
    case export
    /// What a participant receives on request.
    case participantReport = "participant-report"
    /// A de-identified research export.
    case researchExport = "research-export"
    /// Writing an act into a participant's record (a write, decided like a read).
    case record
    /// A consistent copy of the whole store, for its operator.
    case backup
    /// Upkeep of the store: low-level appends, rebuilding the projections.
    case maintenance

    /// What a request for this view is for, when nothing more is known (a refusal before
    /// the policy could decide, e.g. an identity not proven).
    public var usualPurpose: AccessPurpose {
        switch self {
        case .journey, .timeline, .caseload, .record: .care
        case .program: .supervision
        case .directory, .metadata, .accessLog, .registers: .audit
        case .events, .export, .backup, .maintenance: .administration
        case .participantReport: .participantRequest
        case .researchExport: .research
        }
    }
}
