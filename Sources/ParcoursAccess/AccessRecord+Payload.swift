import ParcoursClinical
import ParcoursLog

extension AccessRecord {
    /// The members this reading takes by hand: every one of `CodingKeys` (a test holds the two
    /// lists equal, and reads a record holding every member by hand: a member added to the
    /// record and not to the reading's cases would fail it, or be read by `init(from:)`).
    static let membersReadByHand: Set<String> = [
        "actor", "role", "organization", "participant", "stream", "view", "categories", "purpose", "outcome", "justification",
        "reason", "review", "clinician", "act", "command", "report", "project", "manifestSHA256", "aggregate", "participants",
    ]

    /// A payload read member by member when it holds exactly what `init(from:)` reads, each
    /// member of its type; nil at the first thing out of the ordinary (an unknown member, a
    /// null, a wrong type, a value out of its vocabulary): then `JSONValueDecoder` reads it
    /// and names what does not fit. Whatever this returns is what `init(from:)` gives (tested
    /// member by member against it); each page of the care team's "who opened this record"
    /// reads dozens of records, and `Codable`'s machinery was most of it. The payload's members
    /// are visited once, each by its name: looking each of twenty names up in the dictionary
    /// hashed them all, for every record (issue 12).
    ///
    /// The members come as a dictionary (a record's payload) or in the order written, read off
    /// the tape of an opening's row (`JSONTape.members(of:)`): names are never repeated in either.
    init?(readingByHand payload: some Collection<(key: String, value: JSONValue)>) {
        /// A member's text; nil (out of the ordinary) for anything else, null included.
        func text(_ value: JSONValue?) -> String? {
            guard case .string(let text)? = value else { return nil }
            return text
        }
        var actor: ActorID?, outcome: AccessDecision.Outcome?
        for (name, value) in payload where name == "actor" || name == "outcome" {
            if name == "actor" { actor = text(value).flatMap(ActorID.init) } else { outcome = text(value).flatMap(AccessDecision.Outcome.init(rawValue:)) }
        }
        guard let actor, let outcome else { return nil }
        var record = AccessRecord(kind: .read, actor: actor, outcome: outcome)
        for (name, value) in payload {
            switch name {
            case "actor", "outcome": continue
            case "role": guard let read = text(value).flatMap(Role.init(rawValue:)) else { return nil }; record.role = read
            case "organization": guard let read = text(value) else { return nil }; record.organization = read
            case "participant": guard let read = text(value).flatMap(ParticipantID.init) else { return nil }; record.participant = read
            case "stream": guard let read = text(value) else { return nil }; record.stream = read
            case "view": guard let read = text(value).flatMap(AccessView.init(rawValue:)) else { return nil }; record.view = read
            case "purpose": guard let read = text(value).flatMap(AccessPurpose.init(rawValue:)) else { return nil }; record.purpose = read
            case "justification": guard let read = text(value) else { return nil }; record.justification = read
            case "reason": guard let read = text(value).flatMap(Reason.init(rawValue:)) else { return nil }; record.reason = read
            case "clinician": guard let read = text(value) else { return nil }; record.clinician = read
            case "act": guard let read = text(value) else { return nil }; record.act = read
            case "command": guard let read = text(value) else { return nil }; record.command = read
            case "report": guard let read = text(value).flatMap(Report.init(rawValue:)) else { return nil }; record.report = read
            case "project": guard let read = text(value) else { return nil }; record.project = read
            case "manifestSHA256": guard let read = text(value) else { return nil }; record.manifestSHA256 = read
            case "categories":
                guard case .array(let elements) = value else { return nil }
                var categories: [InformationCategory] = []
                categories.reserveCapacity(elements.count)
                for element in elements {
                    guard let category = text(element).flatMap(InformationCategory.init(rawValue:)) else { return nil }
                    categories.append(category)
                }
                record.categories = categories
            case "review": guard value == .bool(true) else { return nil }; record.review = true
            case "aggregate": guard case .bool(let truth) = value else { return nil }; record.aggregate = truth
            case "participants":
                switch value {
                case .null: record.participants = .aggregate
                case .int(let count): record.participants = .count(Int(count))
                default: return nil
                }
            default: return nil
            }
        }
        self = record
    }
}
