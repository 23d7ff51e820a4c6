/// What a warning is about: a stable code for programs and pages (which act answers it,
/// how a page shows it). Warnings never refuse; they are recorded with the act.
///
/// An open set, not an enum: a code recorded by another version still reads back (as
/// itself) from acts already in the log.
public struct WarningCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// A stage pair that rarely goes together (e.g. rupture and precontemplation).
    public static let stagePairUnusual: WarningCode = "stage-pair-unusual"
    /// A decisional balance recorded before any stage assessment.
    public static let balanceWithoutStage: WarningCode = "balance-without-stage"
    /// More active objectives than a plan should carry at once.
    public static let severalActiveObjectives: WarningCode = "several-active-objectives"
    /// The plan in force is past its review day.
    public static let planReviewOverdue: WarningCode = "plan-review-overdue"
    /// In action without a fall plan.
    public static let noFallPlanInAction: WarningCode = "no-fall-plan-in-action"
    /// The legal obligations were not explained yet.
    public static let obligationsNotExplained: WarningCode = "obligations-not-explained"
    /// High or imminent danger without a crisis plan.
    public static let dangerWithoutCrisisPlan: WarningCode = "danger-without-crisis-plan"

    /// The codes this version writes, each with its English message.
    public static let known: [WarningCode] = [
        .stagePairUnusual, .balanceWithoutStage, .severalActiveObjectives, .planReviewOverdue,
        .noFallPlanInAction, .obligationsNotExplained, .dangerWithoutCrisisPlan,
    ]

    /// What a warning of this code says, in English; nil for a code this version does not
    /// know (recorded by another). Mirrors the French messages the rules record; the one
    /// that names a stage pair is said in general here (`ClinicalWarning.englishMessage`
    /// names the pair).
    public var englishMessage: String? {
        switch self {
        case .stagePairUnusual:
            "This engagement step and this wheel stage rarely go together. A guide, not a rule."
        case .balanceWithoutStage:
            "No stage has been assessed yet: a decisional balance is contraindicated in precontemplation, contemplation, crisis and honeymoon."
        case .severalActiveObjectives:
            "More than one active objective at a time: the framework recommends one objective at a time."
        case .planReviewOverdue: "The action plan has not been reviewed since its review date."
        case .noFallPlanInAction: "The person is in action and does not have a fall plan yet."
        case .obligationsNotExplained: "The legal obligations have not been explained yet, at the third act of the follow-up."
        case .dangerWithoutCrisisPlan: "High or imminent danger with no crisis plan recorded."
        default: nil
        }
    }

    /// The English the rules record after the French in some messages (« français — English »).
    var recordedEnglish: String? {
        switch self {
        case .dangerWithoutCrisisPlan: "High or imminent danger without a crisis plan."
        case .planReviewOverdue: "The action plan is past its review date."
        case .noFallPlanInAction: "In action without a fall plan."
        case .obligationsNotExplained: "Legal obligations not yet explained at the third act."
        case .severalActiveObjectives: "More than one active objective."
        default: nil
        }
    }
}
