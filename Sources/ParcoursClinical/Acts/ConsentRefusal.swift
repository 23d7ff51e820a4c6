/// `consent.refused` — the person refuses that a named clinician, an organization or
/// researchers access her or his information; for a participant under 14, the holder
/// of parental authority or the tutor refuses. The latest decision for a scope wins: a
/// later `consent.given` with the same scope (kind and value) lifts the refusal.
public struct ConsentRefusal: Codable, Sendable, Equatable {
    /// Whom the refusal is about: a clinician (her or his actor id) or an organization
    /// (its name), with a `value`; researchers, without one. Never the program itself.
    public var scope: ConsentDecision.Scope
    /// Who refused: the participant, or for a participant under 14 the holder of
    /// parental authority or the tutor.
    public var decidedBy: ConsentDecision.Decider
    /// The person's own words, if she or he gave any; never shown in a summary.
    public var reason: String?

    /// The scopes a refusal may name.
    public static let scopeKinds: [ConsentDecision.ScopeKind] = [.clinician, .organization, .research]
}
