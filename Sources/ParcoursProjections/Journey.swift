import ParcoursClinical

/// A participant's journey: what a clinician opens first, folded from her or his
/// stream. Dates are days (`YYYY-MM-DD`, UTC) or instants as recorded; nothing in it
/// depends on the day it is read, so following the log and rebuilding it agree.
///
/// Every entry keeps the id of the act it comes from; `corrections` says which were
/// corrected (the corrected values are the ones shown), voided acts are left out and
/// counted in `voidedCount`.
public struct Journey: Codable, Sendable, Equatable {
    public var participant: String
    /// The log position this journey reflects: every event of the stream below it.
    public var throughSeq: UInt64 = 0
    public var admission: Admission?
    /// The latest stage assessment.
    public var stage: StagePoint?
    /// Runs of one wheel stage, the last one open while no other stage was assessed.
    public var episodes: [StageEpisode] = []
    public var transitions: [StageTransition] = []
    public var rulers: [RulerReading] = []
    /// Every stage assessment in the order applied, both models side by side: the path the
    /// journey's chart draws (no free text: what the person said stays in `stage`).
    public var assessments: [StageReading] = []
    public var relapses: [RelapseEntry] = []
    /// The action plan in force, and the versions it replaced, oldest first.
    public var plan: PlanEntry?
    public var planHistory: [PlanEntry] = []
    public var fallPlan: FallPlanEntry?
    public var referrals: [ReferralEntry] = []
    public var consents: [ConsentEntry] = []
    /// Refusals of access (a named clinician, an organization, researchers), lifted or not.
    public var refusals: [RefusalEntry] = []
    /// Legal-obligation disclosures: always visible to the participant.
    public var disclosures: [DisclosureEntry] = []
    /// The latest safety assessment, and every level assessed.
    public var safety: SafetyEntry?
    public var safetyLevels: [SafetyLevelReading] = []
    public var sessions: [SessionTally] = []
    public var balances: [BalanceEntry] = []
    public var traumaObservations: [TraumaEntry] = []
    /// Clinicians' actor ids, sorted.
    public var careTeam: [String] = []
    public var careTeamChanges: [CareTeamEntry] = []
    public var followUp = FollowUpState()
    public var obligationsExplainedOn: String?
    /// The day of the latest act with the person (not corrections, care-team changes or referral news).
    public var lastContactOn: String?
    /// Corrected acts, by the id of the act corrected.
    public var corrections: [String: CorrectionMark] = [:]
    public var voidedCount = 0
    /// Clinical warnings not yet answered by a later act, by code.
    public var warnings: [OpenWarning] = []
    /// Every act in date order (then log order), with a one-line summary in French.
    public var timeline: [TimelineEntry] = []

    public init(participant: String) { self.participant = participant }

    /// Clinicians (actor ids) the person refused, refusals not lifted.
    public var refusedClinicians: Set<String> { accessFacts.refused(.clinician) }
    /// Organizations the person refused, refusals not lifted.
    public var refusedOrganizations: Set<String> { accessFacts.refused(.organization) }
    /// Whether the person refused researchers, and has not lifted it.
    public var researchRefused: Bool { refusals.contains { $0.scope.kind == .research && $0.liftedOn == nil } }

    public struct Admission: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var admittedBy: String
        public var name: String
        public var dateOfBirth: String
        public var contact: String?
        public var ageAtAdmission: Int?
        public var genderIdentity: String
        public var preferredLanguage: String
        public var referringOrganization: String
        public var voluntary: Bool
        public var recognizesHarms: Bool
    }

    public struct StagePoint: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var engagementStep: EngagementStep
        public var wheelStage: WheelStage
        public var importance: Int
        public var confidence: Int
        public var personSaid: String?
    }

    public struct StageEpisode: Codable, Sendable, Equatable {
        public var wheelStage: WheelStage
        public var from: String
        /// The day the next stage was assessed; nil while it lasts.
        public var to: String?
        public var days: Int?
    }

    public struct StageTransition: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var from: WheelStage
        public var to: WheelStage
        public var direction: WheelDirection
    }

    public struct RulerReading: Codable, Sendable, Equatable {
        public var on: String
        public var importance: Int
        public var confidence: Int
    }

    /// One stage assessment, as the path through both models keeps it.
    public struct StageReading: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var engagementStep: EngagementStep
        public var wheelStage: WheelStage
        public var importance: Int
        public var confidence: Int
    }

    public struct RelapseEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var kind: RelapseRecord.Kind
        public var startedOn: String
        public var endedOn: String?
        public var factors: [RelapseRecord.Factor]
        public var whatHelped: String?
    }

    public struct PlanEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var plan: PlanRevision
    }

    public struct FallPlanEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var plan: FallPlanRevision
    }

    public struct ReferralEntry: Codable, Sendable, Equatable {
        public enum Status: String, Codable, CaseIterable, Sendable {
            case pending, accepted, declined, completed
            case noShow = "no-show"
        }
        public struct Update: Codable, Sendable, Equatable {
            public var id: String
            public var on: String
            public var status: Status
            public var reason: String?
        }
        public var id: String
        public var on: String
        public var to: Referral.Destination
        public var reason: String
        public var urgency: Referral.Urgency
        public var consent: String?
        public var status: Status = .pending
        public var updates: [Update] = []
        /// Still waiting for an answer or under way.
        public var isOpen: Bool { status == .pending || status == .accepted }
    }

    public struct ConsentEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var scope: ConsentDecision.Scope
        public var categories: [InformationCategory]
        public var purpose: String?
        public var expiresOn: String?
        public var decidedBy: ConsentDecision.Decider
        /// Categories withdrawn since, and the day the last of them was.
        public var withdrawnCategories: [InformationCategory] = []
        public var withdrawnOn: String?

        /// Whether it is in force on `day` (`YYYY-MM-DD`), for the categories not withdrawn.
        public func isInForce(on day: String) -> Bool {
            withdrawnOn == nil && (expiresOn.map { day <= $0 } ?? true) && day >= on
        }
    }

    /// A `consent.refused`: in force until a later `consent.given` with the same scope lifts it.
    public struct RefusalEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var scope: ConsentDecision.Scope
        public var decidedBy: ConsentDecision.Decider
        /// The person's own words, if any; never in the timeline's summary.
        public var reason: String?
        /// The day a later `consent.given` with the same scope lifted it; nil while it stands.
        public var liftedOn: String?
    }

    public struct DisclosureEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var by: String
        public var disclosure: LegalDisclosure
    }

    public struct SafetyEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var assessment: SafetyAssessment
    }

    public struct SafetyLevelReading: Codable, Sendable, Equatable {
        public var on: String
        public var level: SafetyAssessment.DangerLevel
    }

    public struct SessionTally: Codable, Sendable, Equatable {
        public var kind: SessionRecord.Kind
        public var count: Int
        public var minutes: Int
        public var lastOn: String
    }

    public struct BalanceEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var balance: DecisionalBalance
    }

    public struct TraumaEntry: Codable, Sendable, Equatable {
        public var id: String
        public var on: String
        public var observation: TraumaObservation
    }

    public struct CareTeamEntry: Codable, Sendable, Equatable {
        public var on: String
        public var clinician: String
        public var joined: Bool
    }

    public struct FollowUpState: Codable, Sendable, Equatable {
        public var open = true
        public var since: String?
        public var reason: String?
    }

    public struct CorrectionMark: Codable, Sendable, Equatable {
        /// The `entry.corrected` acts, in log order.
        public var by: [String]
        public var on: String
        public var reason: String
        /// The members the corrections changed.
        public var members: [String]
    }

    public struct OpenWarning: Codable, Sendable, Equatable {
        public var code: WarningCode
        public var message: String
        public var since: String
        public var act: String
    }

    public struct TimelineEntry: Codable, Sendable, Equatable {
        public var id: String
        public var seq: UInt64
        public var occurredAt: String
        public var type: String
        public var author: String
        /// One line in French.
        public var summary: String
        /// The same line in English; nil in a journey sealed before it was kept (a read-only
        /// backup of an older store), whose English pages show the French.
        public var englishSummary: String?
        public var corrected: Bool
    }
}

/// How a stage transition moves on the wheel: a description, never a judgement.
public enum WheelDirection: String, Codable, CaseIterable, Sendable {
    /// In the wheel's own turning: precontemplation → … → maintenance → relapse → contemplation.
    case forward
    /// Back to a stage the wheel passed before.
    case back
    /// From outside the wheel into it.
    case entering
    /// Out of the wheel, or to permanent exit.
    case leaving

    /// The wheel's six stages in their turning order.
    static let wheel: [WheelStage] = [.precontemplation, .contemplation, .determination, .action, .maintenance, .relapse]

    public init(from: WheelStage, to: WheelStage) {
        let start = Self.wheel.firstIndex(of: from), end = Self.wheel.firstIndex(of: to)
        guard let end else { self = .leaving; return }
        guard let start else { self = .entering; return }
        // Half the wheel ahead is forward; a tie goes by the order of the stages.
        let steps = (end - start + Self.wheel.count) % Self.wheel.count
        self = steps < 3 || (steps == 3 && end > start) ? .forward : .back
    }

    public var frenchLabel: String {
        switch self {
        case .forward: "vers l'avant"
        case .back: "retour à une étape antérieure"
        case .entering: "entrée dans la roue"
        case .leaving: "sortie de la roue"
        }
    }

    public var englishLabel: String {
        switch self {
        case .forward: "forward"
        case .back: "back to an earlier stage"
        case .entering: "entering the wheel"
        case .leaving: "leaving the wheel"
        }
    }
}

extension Journey.ReferralEntry.Status {
    /// As the pages and the command line say it.
    public var frenchLabel: String {
        switch self {
        case .pending: "en attente de réponse"
        case .accepted: "acceptée"
        case .declined: "refusée"
        case .completed: "complétée"
        case .noShow: "rendez-vous manqué"
        }
    }

    /// As the pages say it in English.
    public var englishLabel: String {
        switch self {
        case .pending: "awaiting a reply"
        case .accepted: "accepted"
        case .declined: "declined"
        case .completed: "completed"
        case .noShow: "missed appointment"
        }
    }
}
