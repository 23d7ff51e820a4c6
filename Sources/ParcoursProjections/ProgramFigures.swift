/// What the program projection's tables give for a period (inclusive days), as a backend
/// reads them; `ProgramPicture` computes delays and silences from it.
public struct ProgramFigures: Sendable {
    /// Follow-ups of participants admitted by the period's end, open and closed.
    public var openFollowUps: Int
    public var closedFollowUps: Int
    /// Open follow-ups admitted by the period's end, by stage, in stage order.
    public var byStage: [ProgramPicture.StageCount]
    /// Transitions in the period, by month, from and to stage.
    public var transitions: [ProgramPicture.Transition]
    /// Relapses begun in the period, by month.
    public var relapses: [ProgramPicture.RelapseMonth]
    /// Referrals made in the period, by kind, resource and outcome.
    public var referrals: [ProgramPicture.ReferralOutcome]
    /// The participants admitted in the period: the day, and the day of their first plan if any.
    public var admissions: [(admittedOn: String, firstPlanOn: String?)]
    /// Open follow-ups admitted by the period's end, with their last contact (the admission when none).
    public var openLastContacts: [(participant: String, lastContactOn: String)]

    public init(openFollowUps: Int, closedFollowUps: Int, byStage: [ProgramPicture.StageCount], transitions: [ProgramPicture.Transition],
                relapses: [ProgramPicture.RelapseMonth], referrals: [ProgramPicture.ReferralOutcome],
                admissions: [(admittedOn: String, firstPlanOn: String?)], openLastContacts: [(participant: String, lastContactOn: String)]) {
        (self.openFollowUps, self.closedFollowUps, self.byStage, self.transitions) = (openFollowUps, closedFollowUps, byStage, transitions)
        (self.relapses, self.referrals, self.admissions, self.openLastContacts) = (relapses, referrals, admissions, openLastContacts)
    }
}
