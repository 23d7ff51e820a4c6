import ParcoursAccess

/// The parts of the application a person works in, each for the roles the directory gives her:
/// the main navigation lists hers, and the home page is her first. Which page opens what is still
/// decided, on each request, by the access policy.
enum Workspace: String, CaseIterable, Sendable {
    case caseload, program, privacy, research, directory

    /// Where it opens.
    var path: String {
        switch self {
        case .caseload: "/"
        case .program: "/programme"
        case .privacy: "/confidentialite"
        case .research: "/recherche"
        case .directory: "/administration"
        }
    }

    /// The roles it is for.
    var roles: Set<Role> {
        switch self {
        case .caseload: [.clinician, .designatedProfessional]
        case .program: [.coordinator]
        case .privacy: [.privacyOfficer]
        case .research: [.researcher]
        case .directory: [.admin]
        }
    }

    /// The workspaces of a person holding `roles`, in the navigation's order.
    static func of(_ roles: Set<Role>) -> [Workspace] {
        allCases.filter { !$0.roles.isDisjoint(with: roles) }
    }

    /// As the navigation names it (`Catalogue.layout`).
    func label(in language: Language) -> String { Catalogue.layout["workspace-" + rawValue]!(language) }
}
