/// The same words in English, beside `FrenchLabels.swift`, for pages read in English.
/// The clinical literature's terms where it has them; like the French, they describe and
/// never judge: a « chute » is a relapse, part of the path, never a failure.

extension ClinicalActType {
    public var englishLabel: String {
        switch self {
        case .participantEnrolled: "admission"
        case .obligationsExplained: "legal obligations explained"
        case .consentGiven: "consent given"
        case .consentWithdrawn: "consent withdrawn"
        case .consentRefused: "refusal of access"
        case .careTeamAssigned: "joining the care team"
        case .careTeamReleased: "leaving the care team"
        case .stageAssessed: "stage assessment"
        case .decisionalBalanceRecorded: "decisional balance"
        case .planRevised: "action plan"
        case .fallPlanRevised: "fall plan"
        case .relapseRecorded: "relapse"
        case .safetyAssessed: "safety assessment"
        case .sessionHeld: "meeting or activity"
        case .referralMade: "referral"
        case .referralUpdated: "referral follow-up"
        case .legalDisclosure: "legal disclosure"
        case .traumaObserved: "trauma-informed observation"
        case .followUpClosed: "follow-up closed"
        case .followUpReopened: "follow-up reopened"
        case .entryCorrected: "correction of an entry"
        case .entryVoided: "voiding of an entry"
        }
    }
}

extension Referral.ResourceKind {
    public var englishLabel: String {
        switch self {
        case .medicalClinic: "medical clinic"
        case .addictionFollowUp: "addiction follow-up"
        case .psychologicalSupport: "psychological support"
        case .housing: "housing"
        case .legalAid: "legal aid"
        case .school: "school"
        case .employment: "employment"
        case .partner: "partner"
        case .other: "other resource"
        }
    }
}

extension Referral.Urgency {
    public var englishLabel: String {
        switch self {
        case .routine: "routine"
        case .soon: "soon"
        case .urgent: "urgent"
        }
    }
}

extension ReferralUpdate.Status {
    public var englishLabel: String {
        switch self {
        case .accepted: "accepted"
        case .declined: "declined"
        case .completed: "completed"
        case .noShow: "missed appointment"
        }
    }
}

extension SessionRecord.Kind {
    public var englishLabel: String {
        switch self {
        case .individualMeeting: "individual meeting"
        case .recreationalActivity: "recreational activity"
        case .culturalActivity: "cultural activity"
        case .accompaniment: "accompaniment to a resource"
        case .schoolOrEmploymentHelp: "help with school or employment"
        }
    }
}

extension SafetyAssessment.DangerLevel {
    public var englishLabel: String {
        switch self {
        case .low: "low"
        case .moderate: "moderate"
        case .high: "high"
        case .imminent: "imminent"
        }
    }
}

extension LegalDisclosure.LegalBasis {
    public var englishLabel: String {
        switch self {
        case .youthProtectionActSection39: "Youth Protection Act, s. 39"
        case .courtOrder: "court order"
        case .imminentDanger: "imminent danger"
        case .other: "other legal basis"
        }
    }
}

extension RelapseRecord.Kind {
    public var englishLabel: String {
        switch self {
        case .momentary: "momentary"
        case .prolonged: "prolonged"
        }
    }
}

extension InformationCategory {
    public var englishLabel: String {
        switch self {
        case .identity: "identity"
        case .stages: "stages"
        case .plans: "plans"
        case .relapses: "relapses"
        case .safety: "safety"
        case .referrals: "referrals"
        case .disclosures: "disclosures"
        case .notes: "notes"
        }
    }
}

extension ConsentDecision.Scope {
    public var englishLabel: String {
        switch kind {
        case .organization: "organization " + (value ?? "")
        case .clinician: "clinician " + (value ?? "")
        case .research: "research"
        case .program: "program"
        }
    }
}
