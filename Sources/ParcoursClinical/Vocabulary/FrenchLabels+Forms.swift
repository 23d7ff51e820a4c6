/// The French words for the vocabularies the recording forms offer that had none yet,
/// in the framework's own terms (the seeds): describing, never judging.

extension PlanRevision.ObjectiveStatus {
    public var frenchLabel: String {
        switch self {
        case .active: "en cours"
        case .reached: "atteint"
        case .paused: "en pause"
        case .revised: "révisé"
        }
    }
}

extension FallPlanRevision.SignalKind {
    public var frenchLabel: String {
        switch self {
        case .situational: "situationnel"
        case .behavioural: "comportemental"
        case .affective: "affectif"
        case .cognitive: "cognitif"
        }
    }
}

extension RelapseRecord.Factor.Origin {
    public var frenchLabel: String {
        switch self {
        case .external: "externe (environnement et entourage)"
        case .internal: "interne (pensées et émotions)"
        }
    }
}

extension RelapseRecord.Factor.Category {
    public var frenchLabel: String {
        switch self {
        case .lifestyleImbalance: "déséquilibre du mode de vie"
        case .criticalEvent: "événement critique"
        case .wantingAGoodTime: "envie de bon temps"
        case .lettingGo: "envie de se laisser aller"
        case .needForImmediateSatisfaction: "besoin de satisfaction immédiate"
        case .criminogenicPlacesOrPeople: "milieux ou personnes criminogènes"
        }
    }
}

extension SafetyAssessment.Risk {
    public var frenchLabel: String {
        switch self {
        case .debts: "dettes"
        case .threats: "menaces"
        case .harassment: "harcèlement"
        case .violence: "violence"
        case .selfHarm: "automutilation"
        case .substanceUse: "consommation de substances"
        case .housing: "logement"
        case .other: "autre risque"
        }
    }
}

extension SessionRecord.Process {
    public var frenchLabel: String {
        switch self {
        case .engaging: "engager (créer le lien)"
        case .focusing: "focaliser"
        case .evoking: "évoquer"
        case .planning: "planifier"
        }
    }
}

extension SessionRecord.Technique {
    public var frenchLabel: String {
        switch self {
        case .openQuestions: "questions ouvertes"
        case .affirmations: "valoriser"
        case .reflectiveListening: "écoute réflective"
        case .summaries: "résumer"
        case .askProvideAsk: "demander, informer, demander"
        }
    }
}

extension TraumaObservation.SurvivalStrategy {
    public var frenchLabel: String {
        switch self {
        case .fight: "combat"
        case .flight: "fuite"
        case .freeze: "paralysie"
        case .fawn: "soumission (chercher à apaiser)"
        }
    }
}

extension ConsentDecision.ScopeKind {
    public var frenchLabel: String {
        switch self {
        case .organization: "une organisation"
        case .clinician: "un·e intervenant·e"
        case .research: "la recherche"
        case .program: "le programme"
        }
    }
}

extension ConsentDecision.Decider {
    public var frenchLabel: String {
        switch self {
        case .participant: "la personne elle-même"
        case .parentalAuthority: "le ou la titulaire de l'autorité parentale"
        case .tutor: "le tuteur ou la tutrice"
        }
    }
}
