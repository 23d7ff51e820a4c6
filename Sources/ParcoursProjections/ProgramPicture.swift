import ParcoursClinical

/// The program's picture for a coordinator over a period: counts only, participants
/// named by their pseudonymous id where a follow-up needs attention.
public struct ProgramPicture: Codable, Sendable, Equatable {
    public struct StageCount: Codable, Sendable, Equatable {
        public var wheelStage: WheelStage?
        public var engagementStep: EngagementStep?
        public var participants: Int

        public init(wheelStage: WheelStage?, engagementStep: EngagementStep?, participants: Int) {
            (self.wheelStage, self.engagementStep, self.participants) = (wheelStage, engagementStep, participants)
        }
    }
    public struct Transition: Codable, Sendable, Equatable {
        public var month: String
        public var from: WheelStage
        public var to: WheelStage
        public var direction: WheelDirection
        public var count: Int

        public init(month: String, from: WheelStage, to: WheelStage, direction: WheelDirection, count: Int) {
            (self.month, self.from, self.to, self.direction, self.count) = (month, from, to, direction, count)
        }
    }
    public struct RelapseMonth: Codable, Sendable, Equatable {
        public var month: String
        public var momentary: Int
        public var prolonged: Int

        public init(month: String, momentary: Int, prolonged: Int) {
            (self.month, self.momentary, self.prolonged) = (month, momentary, prolonged)
        }
    }
    public struct ReferralOutcome: Codable, Sendable, Equatable {
        public var resourceKind: Referral.ResourceKind
        public var resource: String
        public var outcome: Journey.ReferralEntry.Status
        public var count: Int

        public init(resourceKind: Referral.ResourceKind, resource: String, outcome: Journey.ReferralEntry.Status, count: Int) {
            (self.resourceKind, self.resource, self.outcome, self.count) = (resourceKind, resource, outcome, count)
        }
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

extension ProgramPicture {
    /// The picture of a period from the program projection's figures: delays and silences
    /// computed here, the same for every backend.
    init(from: String, to: String, silentAfterDays: Int, _ figures: ProgramFigures) {
        let delays = figures.admissions.compactMap { admission in
            admission.firstPlanOn.flatMap { Journey.days(from: admission.admittedOn, to: $0) }
        }.sorted()
        let silent = figures.openLastContacts.compactMap { open -> Silent? in
            guard let days = Journey.days(from: open.lastContactOn, to: to), days > silentAfterDays else { return nil }
            return Silent(participant: open.participant, lastContactOn: open.lastContactOn, days: days)
        }
        self.init(
            from: from, to: to, openFollowUps: figures.openFollowUps, closedFollowUps: figures.closedFollowUps, byStage: figures.byStage,
            transitions: figures.transitions, relapses: figures.relapses, referrals: figures.referrals,
            admissionToFirstPlan: .init(admitted: figures.admissions.count, withPlan: delays.count,
                                        medianDays: delays.isEmpty ? nil : delays[delays.count / 2],
                                        meanDays: delays.isEmpty ? nil : (Double(delays.reduce(0, +)) / Double(delays.count) * 10).rounded() / 10),
            silentAfterDays: silentAfterDays, withoutContact: silent)
    }
}
