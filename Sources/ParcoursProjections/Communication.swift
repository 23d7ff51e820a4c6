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
    /// The same facts as codes, for a reader to put `recipient`, `purpose` and `justification`
    /// (written in English for machines) in her own language.
    public var terms: Terms

    /// The codes behind a communication's English wording; each present where its kind has it.
    public struct Terms: Codable, Sendable, Equatable {
        /// A referral's destination: its name as recorded, and its kind of resource (`Referral.ResourceKind`).
        public var recipientName: String?
        public var recipientKind: String?
        /// The consent a referral relies on (its act id and day).
        public var consentID: String?
        public var consentOn: String?
        /// A legal disclosure's basis (`LegalDisclosure.LegalBasis`).
        public var legalBasis: String?
        /// An export's research project, the purpose its access record gave, the view it read, its manifest's hash.
        public var project: String?
        public var accessPurpose: String?
        public var view: String?
        public var manifestSHA256: String?

        public init(recipientName: String? = nil, recipientKind: String? = nil, consentID: String? = nil, consentOn: String? = nil,
                    legalBasis: String? = nil, project: String? = nil, accessPurpose: String? = nil, view: String? = nil,
                    manifestSHA256: String? = nil) {
            (self.recipientName, self.recipientKind, self.consentID, self.consentOn) = (recipientName, recipientKind, consentID, consentOn)
            (self.legalBasis, self.project, self.accessPurpose, self.view, self.manifestSHA256) = (legalBasis, project, accessPurpose, view, manifestSHA256)
        }
    }

    public init(kind: Kind, id: String, on: String, participant: String?, recipient: String, categories: [String], purpose: String,
                justification: String?, participantTold: Bool?, by: String?, terms: Terms) {
        (self.kind, self.id, self.on, self.participant, self.recipient, self.categories) = (kind, id, on, participant, recipient, categories)
        (self.purpose, self.justification, self.participantTold, self.by, self.terms) = (purpose, justification, participantTold, by, terms)
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
                                 participantTold: nil, by: nil,
                                 terms: .init(recipientName: referral.to.name, recipientKind: referral.to.kind.rawValue,
                                              consentID: consent?.id, consentOn: consent?.on))
        }
        let disclosures = disclosures.map { entry in
            Communication(kind: .legalDisclosure, id: entry.id, on: String(entry.disclosure.disclosedAt.prefix(10)), participant: participant,
                          recipient: entry.disclosure.recipient, categories: entry.disclosure.categories.map(\.rawValue),
                          purpose: "legal obligation: \(entry.disclosure.legalBasis.rawValue)", justification: entry.disclosure.justification,
                          participantTold: entry.disclosure.participantTold, by: entry.by,
                          terms: .init(legalBasis: entry.disclosure.legalBasis.rawValue))
        }
        return referrals + disclosures
    }
}
