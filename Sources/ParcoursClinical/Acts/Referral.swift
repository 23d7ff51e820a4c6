/// `referral.made` — to a partner or a resource, with the reason, the urgency and
/// the consent it relies on (the id of a `consent.given`).
public struct Referral: Codable, Sendable, Equatable {
    public enum ResourceKind: String, Codable, CaseIterable, Sendable {
        case medicalClinic = "medical-clinic"
        case addictionFollowUp = "addiction-follow-up"
        case psychologicalSupport = "psychological-support"
        case housing
        case legalAid = "legal-aid"
        case school, employment, partner, other
    }

    public struct Destination: Codable, Sendable, Equatable {
        public var kind: ResourceKind
        public var name: String
    }

    public enum Urgency: String, Codable, CaseIterable, Sendable {
        case routine, soon, urgent
    }

    public var to: Destination
    public var reason: String
    public var urgency: Urgency
    public var consent: String?
}

/// `referral.updated` — what became of a referral (the id of its `referral.made`).
public struct ReferralUpdate: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case accepted, declined, completed
        case noShow = "no-show"
    }

    public var referral: String
    public var status: Status
    public var reason: String?
}
