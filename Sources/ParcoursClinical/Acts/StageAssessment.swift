/// `stage.assessed` — where the person stands on both models, side by side, with
/// the importance and confidence rulers (0–10) and what the person said.
public struct StageAssessment: Codable, Sendable, Equatable {
    public var engagementStep: EngagementStep
    public var wheelStage: WheelStage
    public var importance: Int
    public var confidence: Int
    public var personSaid: String?

    public static let ruler = 0...10
}
