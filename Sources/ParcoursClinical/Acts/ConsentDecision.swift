/// `consent.given` and `consent.withdrawn` — what may be shared, with whom, for what,
/// until when, and who decided: the participant, or for a participant under 14 the
/// holder of parental authority or the tutor. Withdrawal takes effect at once.
public struct ConsentDecision: Codable, Sendable, Equatable {
    public enum ScopeKind: String, Codable, CaseIterable, Sendable {
        case organization
        case clinician
        case research
        case program
    }

    public struct Scope: Codable, Sendable, Equatable {
        public var kind: ScopeKind
        /// The organization's name or the clinician's actor id; absent for research and the program.
        public var value: String?
    }

    public enum Decider: String, Codable, Sendable {
        case participant
        case parentalAuthority = "parental-authority"
        case tutor
    }

    public var scope: Scope
    public var categories: [InformationCategory]
    public var purpose: String?
    public var expiresOn: String?
    public var decidedBy: Decider
    public var notes: String?

    /// Under this age, the participant does not consent alone (Quebec).
    public static let ageOfConsent = 14
}

/// The categories a view, a consent or a disclosure is made of.
public enum InformationCategory: String, Codable, CaseIterable, Sendable {
    case identity, stages, plans, relapses, safety, referrals, disclosures, notes
}
