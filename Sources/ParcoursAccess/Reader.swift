import ParcoursLog

/// Who asks: an actor of the directory, her or his key proven, with the roles and the
/// organization the directory gives.
public struct Reader: Sendable, Equatable {
    public var id: String
    public var roles: Set<String>
    public var organization: String?

    public init(id: String, roles: Set<String>, organization: String?) {
        self.id = id
        self.roles = roles
        self.organization = organization
    }

    /// The reader an actor of the directory is: her or his id, roles and organization.
    public init(_ actor: DirectoryActor) {
        self.init(id: actor.id, roles: Set(actor.roles), organization: actor.organization)
    }

    public func holds(_ role: Role) -> Bool { roles.contains(role.rawValue) }
}

/// The program's roles, as the directory spells them: the one vocabulary of roles.
///
/// `designatedProfessional` (« professionnel·le habilité·e ») is held, together with
/// `clinician`, by members of a professional order whose designation allows diagnosing
/// mental disorders (psychologists, physicians): it is what lets a `trauma.observed` carry a
/// diagnosis; a clinician without it records observed symptoms and a referral.
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin, clinician, coordinator, partner, researcher
    case privacyOfficer = "privacy-officer"
    case designatedProfessional = "designated-professional"

    /// As the participant's report says it.
    public var frenchLabel: String {
        switch self {
        case .admin: "administration"
        case .clinician: "intervenant·e"
        case .coordinator: "coordination"
        case .partner: "partenaire"
        case .researcher: "recherche"
        case .privacyOfficer: "responsable de la protection des renseignements"
        case .designatedProfessional: "professionnel·le habilité·e"
        }
    }

    /// As the participant's report says it, in English.
    public var englishLabel: String {
        switch self {
        case .admin: "administration"
        case .clinician: "clinician"
        case .coordinator: "clinical coordination"
        case .partner: "partner"
        case .researcher: "research"
        case .privacyOfficer: "privacy officer"
        case .designatedProfessional: "designated professional"
        }
    }
}
