/// The wheel of change (Prochaska & DiClemente): readiness to change, plus being
/// outside the wheel and the permanent exit. A relapse is part of the path.
public enum WheelStage: String, Codable, CaseIterable, Sendable {
    case precontemplation
    case contemplation
    case determination
    case action
    case maintenance
    case relapse
    case outsideTheWheel = "outside-the-wheel"
    case permanentExit = "permanent-exit"

    public var frenchLabel: String {
        switch self {
        case .precontemplation: "précontemplation"
        case .contemplation: "contemplation"
        case .determination: "détermination"
        case .action: "action"
        case .maintenance: "maintien"
        case .relapse: "chute"
        case .outsideTheWheel: "hors de la roue"
        case .permanentExit: "sortie permanente"
        }
    }

    /// Prochaska & DiClemente's names for the stages. Determination is what the later
    /// model calls preparation; « chute » is the wheel's relapse stage: a turn of the
    /// wheel, part of the path, never a failure.
    public var englishLabel: String {
        switch self {
        case .precontemplation: "precontemplation"
        case .contemplation: "contemplation"
        case .determination: "determination (preparation)"
        case .action: "action"
        case .maintenance: "maintenance"
        case .relapse: "relapse"
        case .outsideTheWheel: "outside the wheel"
        case .permanentExit: "permanent exit"
        }
    }
}
