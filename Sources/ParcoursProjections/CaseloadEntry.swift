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
}
