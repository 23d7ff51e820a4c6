/// The French words the program's people use for each vocabulary of the acts,
/// chosen to describe and never to judge (a relapse is a « chute », part of the path).

extension ClinicalActType {
    public var frenchLabel: String {
        switch self {
        case .participantEnrolled: "admission"
        case .obligationsExplained: "obligations légales expliquées"
        case .consentGiven: "consentement donné"
        case .consentWithdrawn: "consentement retiré"
        case .consentRefused: "refus d'accès"
        case .careTeamAssigned: "arrivée dans l'équipe de suivi"
        case .careTeamReleased: "départ de l'équipe de suivi"
        case .stageAssessed: "évaluation de l'étape"
        case .decisionalBalanceRecorded: "balance décisionnelle"
        case .planRevised: "plan d'action"
        case .fallPlanRevised: "plan de chute"
        case .relapseRecorded: "chute"
        case .safetyAssessed: "évaluation de la sécurité"
        case .sessionHeld: "rencontre ou activité"
        case .referralMade: "orientation"
        case .referralUpdated: "suite d'une orientation"
        case .legalDisclosure: "divulgation légale"
        case .traumaObserved: "observation tenant compte du trauma"
        case .followUpClosed: "fermeture du suivi"
        case .followUpReopened: "réouverture du suivi"
        case .entryCorrected: "correction d'une entrée"
        case .entryVoided: "annulation d'une entrée"
        }
    }
}

extension Referral.ResourceKind {
    public var frenchLabel: String {
        switch self {
        case .medicalClinic: "clinique médicale"
        case .addictionFollowUp: "suivi en dépendance"
        case .psychologicalSupport: "soutien psychologique"
        case .housing: "hébergement"
        case .legalAid: "aide juridique"
        case .school: "école"
        case .employment: "emploi"
        case .partner: "partenaire"
        case .other: "autre ressource"
        }
    }
}

extension Referral.Urgency {
    public var frenchLabel: String {
        switch self {
        case .routine: "courante"
        case .soon: "prochainement"
        case .urgent: "urgente"
        }
    }
}

extension ReferralUpdate.Status {
    public var frenchLabel: String {
        switch self {
        case .accepted: "acceptée"
        case .declined: "refusée"
        case .completed: "complétée"
        case .noShow: "rendez-vous manqué"
        }
    }
}

extension SessionRecord.Kind {
    public var frenchLabel: String {
        switch self {
        case .individualMeeting: "rencontre individuelle"
        case .recreationalActivity: "activité récréative"
        case .culturalActivity: "activité culturelle"
        case .accompaniment: "accompagnement vers une ressource"
        case .schoolOrEmploymentHelp: "aide scolaire ou à l'emploi"
        }
    }
}

extension SafetyAssessment.DangerLevel {
    public var frenchLabel: String {
        switch self {
        case .low: "faible"
        case .moderate: "modéré"
        case .high: "élevé"
        case .imminent: "imminent"
        }
    }
}

extension LegalDisclosure.LegalBasis {
    public var frenchLabel: String {
        switch self {
        case .youthProtectionActSection39: "Loi sur la protection de la jeunesse, art. 39"
        case .courtOrder: "ordonnance du tribunal"
        case .imminentDanger: "danger imminent"
        case .other: "autre fondement légal"
        }
    }
}

extension RelapseRecord.Kind {
    public var frenchLabel: String {
        switch self {
        case .momentary: "momentanée"
        case .prolonged: "prolongée"
        }
    }
}

extension InformationCategory {
    public var frenchLabel: String {
        switch self {
        case .identity: "identité"
        case .stages: "étapes"
        case .plans: "plans"
        case .relapses: "chutes"
        case .safety: "sécurité"
        case .referrals: "orientations"
        case .disclosures: "divulgations"
        case .notes: "notes"
        }
    }
}

extension ConsentDecision.Scope {
    public var frenchLabel: String {
        switch kind {
        case .organization: "organisation " + (value ?? "")
        case .clinician: "intervenant·e " + (value ?? "")
        case .research: "recherche"
        case .program: "programme"
        }
    }
}
