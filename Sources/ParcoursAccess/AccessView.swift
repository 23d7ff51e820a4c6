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
    /// Signing in to the web application or its API: no view of the record, only the door to it.
    case signIn = "sign-in"

    /// What a request for this view is for, when nothing more is known (a refusal before
    /// the policy could decide, e.g. an identity not proven); none for a sign-in, which reads nothing.
    public var usualPurpose: AccessPurpose? {
        switch self {
        case .journey, .timeline, .caseload, .record: .care
        case .program: .supervision
        case .directory, .metadata, .accessLog, .registers: .audit
        case .events, .export, .backup, .maintenance: .administration
        case .participantReport: .participantRequest
        case .researchExport: .research
        case .signIn: nil
        }
    }

    /// As the program's people say it: the access log's pages and the registers show it.
    public var frenchLabel: String {
        switch self {
        case .journey: "parcours"
        case .timeline: "chronologie"
        case .caseload: "charge de cas"
        case .program: "portrait du programme"
        case .directory: "annuaire"
        case .metadata: "métadonnées (qui a écrit quoi, quand)"
        case .accessLog: "journal des accès"
        case .registers: "registres des communications et des incidents"
        case .events: "événements d'un flux"
        case .export: "exportation du journal"
        case .participantReport: "rapport remis à la personne"
        case .researchExport: "exportation de recherche dépersonnalisée"
        case .record: "inscription au dossier"
        case .backup: "sauvegarde"
        case .maintenance: "entretien du dépôt"
        case .signIn: "connexion"
        }
    }

    /// As the program's people say it, in English.
    public var englishLabel: String {
        switch self {
        case .journey: "journey"
        case .timeline: "timeline"
        case .caseload: "caseload"
        case .program: "program picture"
        case .directory: "directory"
        case .metadata: "metadata (who wrote what, when)"
        case .accessLog: "access log"
        case .registers: "registers of communications and incidents"
        case .events: "a stream's events"
        case .export: "log export"
        case .participantReport: "report to the participant"
        case .researchExport: "de-identified research export"
        case .record: "recording in the record"
        case .backup: "backup"
        case .maintenance: "store upkeep"
        case .signIn: "sign-in"
        }
    }
}
