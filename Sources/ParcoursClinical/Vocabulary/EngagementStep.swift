/// The eight steps of the engagement cycle (Fleury & Fredette, 2002): where the
/// person is in the course of exploitation. Movement is not linear.
public enum EngagementStep: String, Codable, CaseIterable, Sendable {
    case anticipationOfBenefits = "anticipation-of-benefits"
    case involvementAndCommitment = "involvement-and-commitment"
    case honeymoon
    case crisis
    case reflectionAndDilemma = "reflection-and-dilemma"
    case cutOffAndDistance = "cut-off-and-distance"
    case resumptionOfActivities = "resumption-of-activities"
    case cessationOfActivities = "cessation-of-activities"

    /// The clinicians' words.
    public var frenchLabel: String {
        switch self {
        case .anticipationOfBenefits: "anticipation des avantages"
        case .involvementAndCommitment: "implication et engagement"
        case .honeymoon: "lune de miel"
        case .crisis: "situation de crise"
        case .reflectionAndDilemma: "réflexion et dilemme"
        case .cutOffAndDistance: "coupure et distance"
        case .resumptionOfActivities: "reprise des activités"
        case .cessationOfActivities: "arrêt des activités"
        }
    }

    /// The same steps in English (Fleury & Fredette's cycle, as DOMAIN.md names them).
    public var englishLabel: String {
        switch self {
        case .anticipationOfBenefits: "anticipation of benefits"
        case .involvementAndCommitment: "involvement and commitment"
        case .honeymoon: "honeymoon"
        case .crisis: "crisis"
        case .reflectionAndDilemma: "reflection and dilemma"
        case .cutOffAndDistance: "cut-off and distance"
        case .resumptionOfActivities: "resumption of activities"
        case .cessationOfActivities: "cessation of activities"
        }
    }

    /// The wheel stages that usually go with this step (DOMAIN.md): a guide, not a law.
    /// A pair outside it is worth a warning, never a refusal.
    public var usualWheelStages: Set<WheelStage> {
        switch self {
        case .anticipationOfBenefits: [.precontemplation]
        case .involvementAndCommitment: [.precontemplation, .contemplation]
        case .honeymoon: [.outsideTheWheel, .precontemplation]
        case .crisis: [.contemplation]
        case .reflectionAndDilemma: [.determination]
        case .cutOffAndDistance: [.action]
        case .resumptionOfActivities: [.relapse]
        case .cessationOfActivities: [.maintenance, .permanentExit]
        }
    }
}
