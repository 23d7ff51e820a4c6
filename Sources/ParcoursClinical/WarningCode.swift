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
}
