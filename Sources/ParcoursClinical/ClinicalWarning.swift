/// Something worth the clinician's attention, recorded and returned, never a refusal.
///
/// The `message` is recorded with the act (signed, never rewritten), in French first;
/// `englishMessage` says it in English from the `code` (and, for an unusual stage pair,
/// the pair the message names), without touching what was recorded.
public struct ClinicalWarning: Sendable, Equatable, Codable {
    /// A stable code for programs, e.g. `stage-pair-unusual`.
    public var code: WarningCode
    /// The message, in French first.
    public var message: String

    public init(code: WarningCode, message: String) {
        self.code = code
        self.message = message
    }
}

extension ClinicalWarning {
    /// An engagement step and a wheel stage that rarely go together (`stage-pair-unusual`):
    /// the message names the step, the usual stages and the stage given, by their French labels.
    static func stagePairUnusual(_ step: EngagementStep, _ stage: WheelStage) -> ClinicalWarning {
        let usual = step.usualWheelStages.map(\.frenchLabel).sorted().joined(separator: " ou ")
        return ClinicalWarning(code: .stagePairUnusual,
            message: "À l'étape « \(step.frenchLabel) », le stade est habituellement \(usual), ici « \(stage.frenchLabel) ». C'est un repère, pas une règle.")
    }

    /// The message of `stagePairUnusual` in English.
    public static func englishStagePairMessage(_ step: EngagementStep, _ stage: WheelStage) -> String {
        let usual = step.usualWheelStages.map(\.englishLabel).sorted().joined(separator: " or ")
        return "At the step “\(step.englishLabel)”, the stage is usually \(usual), here “\(stage.englishLabel)”. A guide, not a rule."
    }

    /// The step and the stage an unusual-pair message names (the first and the last « … »),
    /// when they are labels of this version; nil otherwise.
    var stagePair: (EngagementStep, WheelStage)? {
        guard code == .stagePairUnusual,
              let open = message.range(of: "« "), let close = message.range(of: " »", range: open.upperBound..<message.endIndex),
              let lastOpen = message.range(of: "« ", options: .backwards), let lastClose = message.range(of: " »", options: .backwards),
              lastOpen.lowerBound > open.lowerBound, lastOpen.upperBound <= lastClose.lowerBound
        else { return nil }
        let stepLabel = message[open.upperBound..<close.lowerBound], stageLabel = message[lastOpen.upperBound..<lastClose.lowerBound]
        guard let step = EngagementStep.allCases.first(where: { $0.frenchLabel == stepLabel }),
              let stage = WheelStage.allCases.first(where: { $0.frenchLabel == stageLabel }) else { return nil }
        return (step, stage)
    }

    /// The warning in English, from its code; for an unusual stage pair, with the step and
    /// the stage its message names. A code this version does not know keeps its message.
    public var englishMessage: String {
        if let (step, stage) = stagePair { return Self.englishStagePairMessage(step, stage) }
        return code.englishMessage ?? message
    }

    /// The French part of the message: messages recorded as « français — English » carry
    /// both; the others are French only and are returned whole.
    public var frenchMessage: String {
        guard let english = code.recordedEnglish, message.hasSuffix(" — " + english) else { return message }
        return String(message.dropLast(english.count + 3))
    }
}
