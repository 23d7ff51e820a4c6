import ParcoursClinical

/// The program's picture for a coordinator over a period: counts only, participants
/// named by their pseudonymous id where a follow-up needs attention.
public struct ProgramPicture: Codable, Sendable, Equatable {
    public struct StageCount: Codable, Sendable, Equatable {
        public var wheelStage: WheelStage?
        public var engagementStep: EngagementStep?
        public var participants: Int
    }
    public struct Transition: Codable, Sendable, Equatable {
        public var month: String
        public var from: WheelStage
        public var to: WheelStage
        public var direction: WheelDirection
        public var count: Int
    }
    public struct RelapseMonth: Codable, Sendable, Equatable {
        public var month: String
        public var momentary: Int
        public var prolonged: Int
    }
    public struct ReferralOutcome: Codable, Sendable, Equatable {
        public var resourceKind: Referral.ResourceKind
        public var resource: String
        public var outcome: Journey.ReferralEntry.Status
        public var count: Int
    }
    public struct FirstPlanDelay: Codable, Sendable, Equatable {
        /// Participants admitted in the period.
        public var admitted: Int
        public var withPlan: Int
        public var medianDays: Int?
        public var meanDays: Double?
    }
    public struct Silent: Codable, Sendable, Equatable {
        public var participant: String
        public var lastContactOn: String
        public var days: Int
    }

    public var from: String
    public var to: String
    /// Open follow-ups, closed ones, and all.
    public var openFollowUps: Int
    public var closedFollowUps: Int
    /// Open follow-ups by wheel stage and engagement step as they stand.
    public var byStage: [StageCount]
    /// Stage transitions in the period, by month (`YYYY-MM`), from and to: the transition matrix, month by month.
    public var transitions: [Transition]
    public var relapses: [RelapseMonth]
    public var referrals: [ReferralOutcome]
    public var admissionToFirstPlan: FirstPlanDelay
    /// Open follow-ups without contact for more than `silentAfterDays` on `to`.
    public var silentAfterDays: Int
    public var withoutContact: [Silent]
}
