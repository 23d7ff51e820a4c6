import ParcoursClinical
import ParcoursLog

extension AccessRecord {
    /// The members this reading takes by hand: every one of `CodingKeys` (a test holds the two
    /// lists equal, so a member added to the record and not here is read by `init(from:)`).
    static let membersReadByHand: Set<String> = [
        "actor", "role", "organization", "participant", "stream", "view", "categories", "purpose", "outcome", "justification",
        "reason", "review", "clinician", "act", "command", "report", "project", "manifestSHA256", "aggregate", "participants",
    ]

    /// A payload read member by member when it holds exactly what `init(from:)` reads, each
    /// member of its type; nil at the first thing out of the ordinary (an unknown member, a
    /// null, a wrong type, a value out of its vocabulary): then `JSONValueDecoder` reads it
    /// and names what does not fit. Whatever this returns is what `init(from:)` gives (tested
    /// member by member against it); each page of the care team's "who opened this record"
    /// reads dozens of records, and `Codable`'s machinery was most of it.
    init?(readingByHand payload: [String: JSONValue]) {
        for name in payload.keys where !Self.membersReadByHand.contains(name) { return nil }
        guard case .string(let actorText)? = payload["actor"], let actor = ActorID(actorText),
              case .string(let outcomeText)? = payload["outcome"], let outcome = AccessDecision.Outcome(rawValue: outcomeText)
        else { return nil }
        self.init(kind: .read, actor: actor, outcome: outcome)
        /// An optional member's text: absent is nil, anything but text is `.none` (out of the ordinary).
        func text(_ name: String) -> String?? {
            switch payload[name] {
            case nil: return .some(nil)
            case .string(let text)?: return .some(text)
            default: return .none
            }
        }
        /// An optional member's value of a vocabulary, as `text`.
        func word<Word>(_ name: String, _ make: (String) -> Word?) -> Word?? {
            guard let text = text(name) else { return .none }
            guard let text else { return .some(nil) }
            return make(text).map { .some($0) } ?? .none
        }
        guard let role = word("role", Role.init(rawValue:)), let organization = text("organization"),
              let participant = word("participant", ParticipantID.init), let stream = text("stream"),
              let view = word("view", AccessView.init(rawValue:)), let purpose = word("purpose", AccessPurpose.init(rawValue:)),
              let justification = text("justification"), let reason = word("reason", Reason.init(rawValue:)),
              let clinician = text("clinician"), let act = text("act"), let command = text("command"),
              let report = word("report", Report.init(rawValue:)), let project = text("project"),
              let manifestSHA256 = text("manifestSHA256")
        else { return nil }
        (self.role, self.organization, self.participant, self.stream, self.view) = (role, organization, participant, stream, view)
        (self.purpose, self.justification, self.reason, self.clinician, self.act) = (purpose, justification, reason, clinician, act)
        (self.command, self.report, self.project, self.manifestSHA256) = (command, report, project, manifestSHA256)
        switch payload["categories"] {
        case nil: break
        case .array(let elements)?:
            var categories: [InformationCategory] = []
            for element in elements {
                guard case .string(let text) = element, let category = InformationCategory(rawValue: text) else { return nil }
                categories.append(category)
            }
            self.categories = categories
        default: return nil
        }
        switch payload["review"] {
        case nil: break
        case .bool(true)?: review = true
        default: return nil
        }
        switch payload["aggregate"] {
        case nil: break
        case .bool(let truth)?: aggregate = truth
        default: return nil
        }
        switch payload["participants"] {
        case nil: break
        case .null?: participants = .aggregate
        case .int(let count)?: participants = .count(Int(count))
        default: return nil
        }
    }
}
