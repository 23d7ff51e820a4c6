/// `session.held` — an activity of the follow-up, with the motivational-interviewing
/// processes and techniques used.
public struct SessionRecord: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case individualMeeting = "individual-meeting"
        case recreationalActivity = "recreational-activity"
        case culturalActivity = "cultural-activity"
        case accompaniment
        case schoolOrEmploymentHelp = "school-or-employment-help"
    }

    public enum Process: String, Codable, Sendable {
        case engaging, focusing, evoking, planning
    }

    public enum Technique: String, Codable, Sendable {
        case openQuestions = "open-questions"
        case affirmations
        case reflectiveListening = "reflective-listening"
        case summaries
        case askProvideAsk = "ask-provide-ask"
    }

    public var kind: Kind
    public var minutes: Int
    public var processes: [Process]
    public var techniques: [Technique]
    public var notes: String?
}
