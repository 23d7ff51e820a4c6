/// The clinical acts recorded so far, one event type each (more come with the next increments).
public enum ClinicalActType: String, CaseIterable, Sendable {
    case participantEnrolled = "participant.enrolled"
    case obligationsExplained = "obligations.explained"
    case stageAssessed = "stage.assessed"
    case decisionalBalanceRecorded = "decisional-balance.recorded"
    case relapseRecorded = "relapse.recorded"
    case followUpClosed = "followup.closed"
    case followUpReopened = "followup.reopened"
    case consentGiven = "consent.given"
    case consentWithdrawn = "consent.withdrawn"
    case consentRefused = "consent.refused"
    case planRevised = "plan.revised"
    case sessionHeld = "session.held"
    case careTeamAssigned = "careteam.assigned"
    case careTeamReleased = "careteam.released"
    case fallPlanRevised = "fall-plan.revised"
    case safetyAssessed = "safety.assessed"
    case referralMade = "referral.made"
    case referralUpdated = "referral.updated"
    case legalDisclosure = "disclosure.legal"
    case traumaObserved = "trauma.observed"
    case entryCorrected = "entry.corrected"
    case entryVoided = "entry.voided"

    /// The version of the type's schema new acts are recorded in (`Schemas/events/<type>.v<N>.schema.json`).
    public var currentSchema: Int64 {
        switch self {
        case .relapseRecorded: 2
        default: 1
        }
    }

    /// Members of the act's data whose content its type does not describe, kept as given:
    /// the corrected members of an `entry.corrected`, checked against the corrected act's
    /// `members`. Every other member is read by the act's type, at every depth.
    var freeMembers: Set<String> { self == .entryCorrected ? ["correction"] : [] }

    /// The members the act's data may have, listed so an unknown one is named before a
    /// missing one; `ClinicalRecorder`'s tests hold it to what the act's type reads.
    var members: Set<String> {
        switch self {
        case .participantEnrolled:
            ["identity", "genderIdentity", "preferredLanguage", "referringOrganization", "voluntary", "recognizesHarms", "notes"]
        case .obligationsExplained: ["obligationsExplained", "rulesAgreed", "notes"]
        case .stageAssessed: ["engagementStep", "wheelStage", "importance", "confidence", "personSaid"]
        case .decisionalBalanceRecorded: ["statusQuo", "change", "clinicalJustification"]
        case .relapseRecorded: ["kind", "startedOn", "endedOn", "factors", "whatHelped"]
        case .followUpClosed, .followUpReopened: ["reason"]
        case .consentGiven, .consentWithdrawn: ["scope", "categories", "purpose", "expiresOn", "decidedBy", "notes"]
        case .consentRefused: ["scope", "decidedBy", "reason"]
        case .planRevised: ["revision", "replaces", "needs", "objectives", "means", "reviewOn"]
        case .sessionHeld: ["kind", "minutes", "processes", "techniques", "notes"]
        case .careTeamAssigned, .careTeamReleased: ["clinician", "reason"]
        case .fallPlanRevised: ["revision", "replaces", "riskSituations", "peopleToCall"]
        case .safetyAssessed: ["risks", "dangerLevel", "crisisPlan", "peopleInvolved", "resourcesEngaged", "notes"]
        case .referralMade: ["to", "reason", "urgency", "consent"]
        case .referralUpdated: ["referral", "status", "reason"]
        case .legalDisclosure:
            ["legalBasis", "basisDetail", "recipient", "categories", "disclosedAt", "participantTold", "participantToldAt", "justification"]
        case .traumaObserved: ["survivalStrategies", "triggers", "symptoms", "notes", "diagnosis"]
        case .entryCorrected: ["corrects", "reason", "correction"]
        case .entryVoided: ["voids", "reason"]
        }
    }
}
