/// What a write does to a participant's record, as far as the policy cares: who may
/// record it depends on it.
public enum WriteAct: Sendable, Equatable {
    /// An admission: creates the participant, and her or his care team with the admitting clinician.
    case admission
    /// Someone joins or leaves the care team: it changes who reads and writes the record.
    case careTeamChange(clinician: String, joins: Bool)
    /// A consent, a withdrawal or a refusal of access: it changes who reads the record.
    case consentDecision
    /// A legal-obligation disclosure: made whatever the consent, so recorded whatever the refusals.
    case legalDisclosure
    /// Any other clinical act.
    case clinicalAct

    /// The kind of write an act of `type` is; `clinician` is a care-team change's member.
    public init(type: String, clinician: String?) {
        switch type {
        case "participant.enrolled": self = .admission
        case "careteam.assigned", "careteam.released": self = .careTeamChange(clinician: clinician ?? "", joins: type == "careteam.assigned")
        case "consent.given", "consent.withdrawn", "consent.refused": self = .consentDecision
        case "disclosure.legal": self = .legalDisclosure
        default: self = .clinicalAct
        }
    }
}
