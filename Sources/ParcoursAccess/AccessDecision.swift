import ParcoursClinical

/// The policy's answer: permitted with the categories the reader may see, or denied
/// with a reason (a category, never free text).
public struct AccessDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable { case permitted, denied }

    /// Why a request was denied; the access log records the raw value.
    public enum Denial: String, Sendable, Equatable, CaseIterable {
        case roleNotPermitted = "role not permitted"
        case notInCareTeam = "not in the care team"
        case refusedByParticipant = "refused by the participant"
        case noConsent = "no consent in force"
        case notOwnOrganization = "not of the reader's organization"
        case justificationTooShort = "break-glass justification too short"
        /// No journey for this participant (never admitted, or erased).
        case unknownParticipant = "unknown participant"
        /// The participant's record was erased: nothing more is read or written.
        case erasedParticipant = "erased participant"

        /// What the reader is told, in French first.
        public var frenchLabel: String {
            switch self {
            case .roleNotPermitted: "votre rôle ne donne pas accès à cette vue"
            case .notInCareTeam: "vous ne faites pas partie de l'équipe de suivi"
            case .refusedByParticipant: "la personne a refusé que vous accédiez à son dossier"
            case .noConsent: "aucun consentement en vigueur ne partage ces renseignements avec votre organisation"
            case .notOwnOrganization: "ce dossier n'est pas suivi par votre organisation"
            case .justificationTooShort: "la justification écrite doit compter au moins 20 caractères"
            case .unknownParticipant: "aucun dossier sous cet identifiant"
            case .erasedParticipant: "ce dossier a été effacé"
            }
        }

        /// What the reader is told, in English (the raw value is what the access log records).
        public var englishLabel: String {
            switch self {
            case .roleNotPermitted: "your role does not give access to this view"
            case .notInCareTeam: "you are not part of the care team"
            case .refusedByParticipant: "the person has refused you access to her or his record"
            case .noConsent: "no consent in force shares this information with your organization"
            case .notOwnOrganization: "this record is not followed by your organization"
            case .justificationTooShort: "the written justification must be at least 20 characters long"
            case .unknownParticipant: "no record under this identifier"
            case .erasedParticipant: "this record was erased"
            }
        }
    }

    public var outcome: Outcome
    /// What may be shown; empty when denied.
    public var categories: Set<InformationCategory>
    public var purpose: AccessPurpose
    public var denial: Denial?
    /// The glass was broken: permitted, marked, and raised for review.
    public var brokeGlass: Bool

    public var permitted: Bool { outcome == .permitted }

    public init(outcome: Outcome, categories: Set<InformationCategory>, purpose: AccessPurpose, denial: Denial?, brokeGlass: Bool) {
        self.outcome = outcome
        self.categories = categories
        self.purpose = purpose
        self.denial = denial
        self.brokeGlass = brokeGlass
    }

    static func permit(_ categories: Set<InformationCategory>, _ purpose: AccessPurpose, brokeGlass: Bool = false) -> AccessDecision {
        AccessDecision(outcome: .permitted, categories: categories, purpose: purpose, denial: nil, brokeGlass: brokeGlass)
    }

    static func deny(_ denial: Denial, _ purpose: AccessPurpose) -> AccessDecision {
        AccessDecision(outcome: .denied, categories: [], purpose: purpose, denial: denial, brokeGlass: false)
    }
}
