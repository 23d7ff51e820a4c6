import ParcoursClinical

/// One participant in a clinician's caseload: what needs attention, without clinical content.
public struct CaseloadEntry: Codable, Sendable, Equatable {
    public var participant: String
    public var wheelStage: WheelStage?
    public var engagementStep: EngagementStep?
    public var assessedOn: String?
    public var lastContactOn: String?
    public var nextReviewOn: String?
    public var openReferrals: Int
    public var safetyLevel: SafetyAssessment.DangerLevel?
    public var openWarnings: Int
    public var followUpOpen: Bool

    public init(participant: String, wheelStage: WheelStage?, engagementStep: EngagementStep?, assessedOn: String?, lastContactOn: String?,
                nextReviewOn: String?, openReferrals: Int, safetyLevel: SafetyAssessment.DangerLevel?, openWarnings: Int, followUpOpen: Bool) {
        (self.participant, self.wheelStage, self.engagementStep, self.assessedOn) = (participant, wheelStage, engagementStep, assessedOn)
        (self.lastContactOn, self.nextReviewOn, self.openReferrals) = (lastContactOn, nextReviewOn, openReferrals)
        (self.safetyLevel, self.openWarnings, self.followUpOpen) = (safetyLevel, openWarnings, followUpOpen)
    }
}
