import Foundation

/// What the rules need to know of a participant's record so far: a pure fold over
/// the acts of her or his stream.
public struct ParticipantRecord: Sendable {
    public let participant: String
    public private(set) var enrolled = false
    public private(set) var dateOfBirth: DateComponents?
    public private(set) var closed = false
    /// The stream was erased: nothing may be recorded any more.
    public private(set) var erased = false
    public private(set) var lastStage: StageAssessment?
    public private(set) var obligationsExplained = false
    /// Clinical acts recorded so far.
    public private(set) var acts = 0

    public init(participant: String) { self.participant = participant }

    /// Folds one recorded act (its type and canonical data); unknown types only count.
    public mutating func apply(type: String, data: Data) {
        acts += 1
        let decoder = JSONDecoder()
        switch ClinicalActType(rawValue: type) {
        case .participantEnrolled:
            enrolled = true
            if let enrolment = try? decoder.decode(ParticipantEnrolment.self, from: data) {
                dateOfBirth = try? ClinicalDate.day(enrolment.identity.dateOfBirth, field: "dateOfBirth")
            }
        case .stageAssessed: lastStage = try? decoder.decode(StageAssessment.self, from: data)
        case .obligationsExplained: obligationsExplained = true
        case .followUpClosed: closed = true
        case .followUpReopened: closed = false
        default: break
        }
    }

    /// The stream's content was crypto-shredded.
    public mutating func markErased() { erased = true }
}
