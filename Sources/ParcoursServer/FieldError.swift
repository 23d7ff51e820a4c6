import ParcoursLog
import ParcoursProjections

/// A refusal beside the form field it names: one of the form's own checks, or the domain's
/// `ActRefused` put beside the field its `data.x.y` path names. An empty `field` is about the
/// form as a whole (shown in the summary at the top).
struct FieldError: Sendable, Equatable {
    var field: String
    var message: String

    init(field: String, message: String) {
        (self.field, self.message) = (field, message)
    }

    /// The domain's refusal, beside the field of `form` its path names: the field itself, or the
    /// nearest field that holds it (`objectives[0]` → the objectives), or the form as a whole.
    /// The reason is shown as the domain words it, in the page's language.
    init(_ refused: ActRefused, on form: ActForm, draft: ActDraft, in language: Language) {
        message = language == .fr ? refused.frenchReason : refused.reason
        field = Self.field(named: refused.field, on: form, draft: draft)
    }

    static func field(named path: String, on form: ActForm, draft: ActDraft) -> String {
        if path == "occurredAt" { return "day" }
        guard path.hasPrefix("data.") else { return "" }
        let names = form.fieldNames(rows: draft.rows)
        var place = Substring(path.dropFirst(5))
        while !place.isEmpty {
            if let alias = form.aliases[String(place)] { return alias }
            if names.contains(String(place)) { return String(place) }
            guard let end = place.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            place = place[..<end]
        }
        return ""
    }

    // The form's own checks, in words.
    static let missing = Wording("à remplir", en: "to be filled in")
    static let choose = Wording("choisissez dans la liste", en: "choose from the list")
    static let notADay = Wording("une date réelle, par exemple 2026-11-23", en: "a real date, for example 2026-11-23")
    static let notAnInstant = Wording("une date et une heure réelles, par exemple 2026-11-23 14:30", en: "a real date and time, for example 2026-11-23 14:30")
    static func notAnInteger(_ range: ClosedRange<Int>) -> Wording {
        Wording("un nombre entier de \(range.lowerBound) à \(range.upperBound)", en: "a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    static func tooLong(_ limit: Int) -> Wording { Wording("\(limit) caractères au plus", en: "at most \(limit) characters") }
}

extension ActForm {
    /// The names of the fields a refusal may be shown beside, groups' rows included; hidden ones left out.
    func fieldNames(rows: [String: Int]) -> Set<String> {
        var names: Set<String> = []
        for field in fields {
            switch field.kind {
            case .fixedInteger: continue
            case .group(let members, _, _):
                names.insert(field.name)
                for row in 0..<(rows[field.name] ?? 0) { for member in members { names.insert("\(field.name)[\(row)].\(member.name)") } }
            default: names.insert(field.name)
            }
        }
        return names
    }
}
