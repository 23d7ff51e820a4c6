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
}
