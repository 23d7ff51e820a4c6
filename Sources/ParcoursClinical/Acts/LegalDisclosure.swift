/// `disclosure.legal` — a disclosure the law requires whatever the consent (e.g. to
/// the director of youth protection, Youth Protection Act s. 39): its legal basis,
/// the recipient, what was disclosed, when and by whom, whether and when the person
/// was told, and why. Always visible to the participant.
public struct LegalDisclosure: Codable, Sendable, Equatable {
    public enum LegalBasis: String, Codable, CaseIterable, Sendable {
        case youthProtectionActSection39 = "youth-protection-act-s39"
        case courtOrder = "court-order"
        case imminentDanger = "imminent-danger"
        case other
    }

    public var legalBasis: LegalBasis
    public var basisDetail: String?
    public var recipient: String
    public var categories: [InformationCategory]
    public var disclosedAt: String
    public var participantTold: Bool
    public var participantToldAt: String?
    public var justification: String
}
