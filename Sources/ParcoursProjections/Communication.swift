import ParcoursClinical

/// One entry of the register of communications the law requires: information that left
/// the program (a referral to a partner, a legal-obligation disclosure, an export), with
/// its recipient, what was shared, its purpose and justification.
public struct Communication: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case referral
        case legalDisclosure = "legal-disclosure"
        case export
    }

    public var kind: Kind
    /// The act or access record it comes from.
    public var id: String
    public var on: String
    public var participant: String?
    public var recipient: String
    /// The categories of information shared (for a referral: those of the consent it relies on).
    public var categories: [String]
    public var purpose: String
    /// Why: the legal basis and justification of a disclosure, the consent a referral relies on.
    public var justification: String?
    /// Whether the participant was told (legal disclosures).
    public var participantTold: Bool?
    public var by: String?

    public init(kind: Kind, id: String, on: String, participant: String?, recipient: String, categories: [String], purpose: String,
                justification: String?, participantTold: Bool?, by: String?) {
        (self.kind, self.id, self.on, self.participant, self.recipient, self.categories) = (kind, id, on, participant, recipient, categories)
        (self.purpose, self.justification, self.participantTold, self.by) = (purpose, justification, participantTold, by)
    }
}

extension Journey {
    /// The communications this journey holds: its referrals and legal disclosures.
    public var communications: [Communication] {
        let referrals = referrals.map { referral in
            let consent = referral.consent.flatMap { id in consents.first { $0.id == id } }
            return Communication(kind: .referral, id: referral.id, on: referral.on, participant: participant,
                                 recipient: "\(referral.to.name) (\(referral.to.kind.rawValue))",
                                 categories: consent.map { $0.categories.map(\.rawValue) } ?? [],
                                 purpose: "referral", justification: consent.map { "consent \($0.id) of \($0.on)" } ?? "no consent referenced",
                                 participantTold: nil, by: nil)
        }
        let disclosures = disclosures.map { entry in
            Communication(kind: .legalDisclosure, id: entry.id, on: String(entry.disclosure.disclosedAt.prefix(10)), participant: participant,
                          recipient: entry.disclosure.recipient, categories: entry.disclosure.categories.map(\.rawValue),
                          purpose: "legal obligation: \(entry.disclosure.legalBasis.rawValue)", justification: entry.disclosure.justification,
                          participantTold: entry.disclosure.participantTold, by: entry.by)
        }
        return referrals + disclosures
    }
}
