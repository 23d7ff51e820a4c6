/// The English words for the vocabularies `FrenchLabels+Forms.swift` puts in French,
/// in the literature's terms (motivational interviewing, relapse prevention, trauma-informed care).

extension PlanRevision.ObjectiveStatus {
    public var englishLabel: String {
        switch self {
        case .active: "in progress"
        case .reached: "reached"
        case .paused: "paused"
        case .revised: "revised"
        }
    }
}

extension FallPlanRevision.SignalKind {
    public var englishLabel: String {
        switch self {
        case .situational: "situational"
        case .behavioural: "behavioural"
        case .affective: "affective"
        case .cognitive: "cognitive"
        }
    }
}

extension RelapseRecord.Factor.Origin {
    public var englishLabel: String {
        switch self {
        case .external: "external (surroundings and people)"
        case .internal: "internal (thoughts and emotions)"
        }
    }
}

extension RelapseRecord.Factor.Category {
    public var englishLabel: String {
        switch self {
        case .lifestyleImbalance: "lifestyle imbalance"
        case .criticalEvent: "critical event"
        case .wantingAGoodTime: "wanting a good time"
        case .lettingGo: "wanting to let go"
        case .needForImmediateSatisfaction: "need for immediate satisfaction"
        case .criminogenicPlacesOrPeople: "criminogenic places or people"
        }
    }
}

extension SafetyAssessment.Risk {
    public var englishLabel: String {
        switch self {
        case .debts: "debts"
        case .threats: "threats"
        case .harassment: "harassment"
        case .violence: "violence"
        case .selfHarm: "self-harm"
        case .substanceUse: "substance use"
        case .housing: "housing"
        case .other: "other risk"
        }
    }
}

extension SessionRecord.Process {
    public var englishLabel: String {
        switch self {
        case .engaging: "engaging (building the relationship)"
        case .focusing: "focusing"
        case .evoking: "evoking"
        case .planning: "planning"
        }
    }
}

extension SessionRecord.Technique {
    public var englishLabel: String {
        switch self {
        case .openQuestions: "open questions"
        case .affirmations: "affirmations"
        case .reflectiveListening: "reflective listening"
        case .summaries: "summaries"
        case .askProvideAsk: "ask, provide, ask"
        }
    }
}

extension TraumaObservation.SurvivalStrategy {
    public var englishLabel: String {
        switch self {
        case .fight: "fight"
        case .flight: "flight"
        case .freeze: "freeze"
        case .fawn: "fawn (seeking to appease)"
        }
    }
}

extension ConsentDecision.ScopeKind {
    public var englishLabel: String {
        switch self {
        case .organization: "an organization"
        case .clinician: "a clinician"
        case .research: "research"
        case .program: "the program"
        }
    }
}

extension ConsentDecision.Decider {
    public var englishLabel: String {
        switch self {
        case .participant: "the person herself or himself"
        case .parentalAuthority: "the holder of parental authority"
        case .tutor: "the tutor"
        }
    }
}
