/// The quasi-identifiers a research export declares, each with its generalization
/// hierarchy: level 0 is the finest the export ever shows, the last level hides it all.
enum QuasiIdentifier: String, CaseIterable, Sendable {
    case ageBand
    case genderGroup
    case referringKind
    case region

    /// How many levels the hierarchy has.
    var levels: Int {
        switch self {
        case .ageBand, .genderGroup: 3
        case .referringKind: 2
        case .region: 1
        }
    }

    /// The value of a subject at a level of generalization.
    func value(_ subject: ResearchSubject, level: Int) -> String {
        switch self {
        case .ageBand:
            switch level {
            case 0: return subject.age <= 14 ? "12-14" : subject.age <= 17 ? "15-17" : subject.age <= 20 ? "18-20" : "21-24"
            case 1: return subject.age <= 17 ? "12-17" : "18-24"
            default: return "12-24"
            }
        case .genderGroup:
            let group = Self.genderGroup(subject.genderIdentity)
            switch level {
            case 0: return group
            case 1: return group == "woman" || group == "man" ? group : "gender-diverse"
            default: return "any"
            }
        case .referringKind:
            return level == 0 ? Self.organizationKind(subject.referringOrganization) : "any"
        case .region:
            // The record holds no address: every participant of SPHÈRES is followed in the Montréal region.
            return "montreal"
        }
    }

    /// Gender identity, an open list, in four groups.
    static func genderGroup(_ identity: String) -> String {
        switch identity.lowercased().trimmingCharacters(in: .whitespaces) {
        case "woman", "femme", "girl", "fille": "woman"
        case "man", "homme", "boy", "garçon": "man"
        case let other where other.contains("trans"): "trans"
        default: "non-binary-or-other"
        }
    }

    /// The kind of a referring organization: the exact organization never leaves.
    static func organizationKind(_ organization: String) -> String {
        let name = organization.lowercased()
        if name.contains("spvm") || name.contains("police") || name.contains("sq ") { return "police" }
        if name.contains("cisss") || name.contains("ciusss") || name.contains("ccsmtl") || name.contains("dpj") || name.contains("protection de la jeunesse") {
            return "health-and-social-services"
        }
        if name.contains("école") || name.contains("school") || name.contains("cégep") { return "school" }
        return ["codim", "en marge", "l'anonyme", "marie-vincent", "fondation", "maison", "organisme"].contains { name.contains($0) }
            ? "community" : "other"
    }
}

import Foundation
