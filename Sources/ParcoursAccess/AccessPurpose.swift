/// Why a read happens, as the access log records it.
public enum AccessPurpose: String, Codable, Sendable, CaseIterable {
    case care
    case supervision
    case audit
    case research
    case participantRequest = "participant-request"
    case breakGlass = "break-glass"
    /// A legal obligation: what a participant's refusal does not stop (legal-obligation disclosures).
    case legalObligation = "legal-obligation"
    case administration

    /// As the program's people say it: the access log's pages, the registers, the "who opened" panel.
    public var frenchLabel: String {
        switch self {
        case .care: "suivi"
        case .supervision: "supervision"
        case .audit: "vérification"
        case .research: "recherche"
        case .participantRequest: "demande de la personne"
        case .breakGlass: "accès d'urgence justifié"
        case .legalObligation: "obligation légale"
        case .administration: "administration"
        }
    }

    /// As the program's people say it, in English.
    public var englishLabel: String {
        switch self {
        case .care: "follow-up"
        case .supervision: "supervision"
        case .audit: "audit"
        case .research: "research"
        case .participantRequest: "the participant's request"
        case .breakGlass: "justified emergency access"
        case .legalObligation: "legal obligation"
        case .administration: "administration"
        }
    }

    /// As the participant's own report says it, speaking to her or him: her or his request is "votre demande".
    public var frenchLabelForTheParticipant: String {
        self == .participantRequest ? "votre demande" : frenchLabel
    }
}
