import Foundation
import ParcoursClinical

/// The period of the program's picture, read from its page's query: `du` and `au`, days
/// written `YYYY-MM-DD` (what a date field sends). Left empty, the year up to today, as the
/// command line. A day that is not one, or an end before the start, is refused beside its field.
struct ProgramPeriod: Sendable, Equatable {
    /// Why a field of the period is refused.
    enum Problem: String, Sendable {
        case notADay, outOfOrder
    }

    /// As typed, given back in the form (cut at 32 characters: a day is 10).
    let typedFrom: String
    let typedTo: String
    /// The period asked for; the default where a field is refused.
    let from: Day
    let to: Day
    /// The refused fields, by name (`du`, `au`).
    let problems: [String: Problem]

    init(du: String?, au: String?, today: String) {
        typedFrom = String((du ?? "").trimmingCharacters(in: .whitespaces).prefix(32))
        typedTo = String((au ?? "").trimmingCharacters(in: .whitespaces).prefix(32))
        var problems: [String: Problem] = [:]
        func day(_ text: String, field: String) -> Day? {
            guard !text.isEmpty else { return nil }
            guard let day = Day(text) else { problems[field] = .notADay; return nil }
            return day
        }
        let end = day(typedTo, field: "au"), start = day(typedFrom, field: "du")
        to = end ?? Day(today) ?? Day("2026-01-01")!
        from = start ?? to.yearBefore
        if problems.isEmpty, from > to { problems[start != nil && end == nil ? "du" : "au"] = .outOfOrder }
        self.problems = problems
    }

    var isValid: Bool { problems.isEmpty }
}
