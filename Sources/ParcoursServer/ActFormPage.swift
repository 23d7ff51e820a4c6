import ParcoursClinical
import ParcoursProjections

/// The values a recording form's template reads: each field as typed, its label, hint and
/// refusal in the page's language, and what its kind needs (options, range, rows).
struct ActFormPage {
    let form: ActForm
    let draft: ActDraft
    let errors: [String: String]
    /// The participant's journey, for the choices it lists and the guidance it calls for; nil for an admission.
    let journey: Journey?
    let language: Language
    /// Each field's label as the summary of refusals names it, by the form's names.
    private(set) var labels: [String: String] = [:]

    init(form: ActForm, draft: ActDraft, errors: [FieldError], journey: Journey?, language: Language) {
        (self.form, self.draft, self.journey, self.language) = (form, draft, journey, language)
        self.errors = Dictionary(errors.filter { !$0.field.isEmpty }.map { ($0.field, $0.message) }) { first, _ in first }
    }

    /// The fields, in the form's order.
    mutating func fields() -> [[String: Any]] {
        let fields = form.fields
        return fields.map { field($0, named: $0.name, label: $0.label(language)) }
    }

    /// An id for the page from a form name: `objectives[0].what` → `objectives-0-what`.
    static func htmlID(_ name: String) -> String {
        let dashed = String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return dashed.split(separator: "-").joined(separator: "-")
    }

    /// A field's values; in a group's row (`inRow`), a required field is not marked so for the
    /// browser, which would then refuse to send the form with a blank row: the server checks
    /// the rows filled.
    private mutating func field(_ field: FormField, named name: String, label: String, inRow: Bool = false) -> [String: Any] {
        let id = Self.htmlID(name), error = errors[name], hint = field.hint?(language)
        labels[name] = label
        let describedBy = [error.map { _ in id + "-error" }, hint.map { _ in id + "-hint" }].compactMap { $0 }.joined(separator: " ")
        let value = draft.value(name)
        var item: [String: Any] = [
            "name": name, "id": id, "label": field.label(language), "required": field.required, "requiredAttribute": field.required && !inRow, "value": value,
            "hint": hint ?? false, "hintId": id + "-hint", "error": error ?? false, "errorId": id + "-error", "invalid": error != nil,
            "describedBy": describedBy.isEmpty ? false : describedBy, "suggestionsId": false,
            "isSingle": false, "isHidden": false, "isText": false, "isLongText": false, "isLines": false, "isNumber": false, "isDay": false,
            "isInstant": false, "isChoice": false, "isYesNo": false, "isChoices": false, "isGroup": false,
        ]
        switch field.kind {
        case .day: (item["isSingle"], item["isDay"]) = (true, true)
        case .instant: (item["isSingle"], item["isInstant"]) = (true, true)
        case .text(let suggestions):
            (item["isSingle"], item["isText"]) = (true, true)
            if !suggestions.isEmpty { (item["suggestionsId"], item["suggestions"]) = (id + "-suggestions", suggestions) }
        case .longText: (item["isSingle"], item["isLongText"]) = (true, true)
        case .lines: (item["isSingle"], item["isLines"]) = (true, true)
        case .integer(let range): (item["isSingle"], item["isNumber"], item["min"], item["max"]) = (true, true, range.lowerBound, range.upperBound)
        case .fixedInteger: item["isHidden"] = true
        case .choice(let options): (item["isSingle"], item["isChoice"], item["options"]) = (true, true, choice(options, value: value))
        case .recordChoice(let list): (item["isSingle"], item["isChoice"], item["options"]) = (true, true, choice(options(list), value: value))
        case .yesNo: (item["isYesNo"], item["checked"]) = (true, value == "true")
        case .choices(let options):
            let chosen = draft.values[name] ?? []
            item["isChoices"] = true
            item["options"] = options.map { option -> [String: Any] in
                ["value": option.value, "label": option.label(language), "checked": chosen.contains(option.value),
                 "optionId": id + "-" + Self.htmlID(option.value)]
            }
        case .group(let members, _, let addRow):
            let count = draft.rows[name] ?? 0
            item["isGroup"] = true
            (item["addLabel"], item["rowsName"], item["rowsCount"]) = (addRow(language) + " — " + field.label(language), "_rows." + name, count)
            item["rows"] = (0..<count).map { row -> [String: Any] in
                let legend = "\(field.label(language)) — \(row + 1)"
                return ["legend": legend, "fields": members.map { self.field($0, named: "\(name)[\(row)].\($0.name)", label: legend + " — " + $0.label(language), inRow: true) }]
            }
        }
        return item
    }

    /// A list's options, the first one saying nothing is chosen yet.
    private func choice(_ options: [Option], value: String) -> [[String: Any]] {
        [["value": "", "label": Catalogue.forms["choose"]!(language), "selected": value.isEmpty] as [String: Any]]
            + options.map { ["value": $0.value, "label": $0.label(language), "selected": $0.value == value] }
    }

    /// The acts or people of the record a field chooses from.
    private func options(_ list: FormField.RecordList) -> [Option] {
        guard let journey else { return [] }
        let language = language
        switch list {
        case .referrals:
            return journey.referrals.map { referral in
                Option(referral.id, dated(referral.on, "\(VocabularyLabel.label(referral.to.kind, in: language)) — \(referral.to.name)"))
            }
        case .consentsGiven:
            return journey.consents.map { consent in
                let categories = consent.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", ")
                return Option(consent.id, dated(consent.on, "\(VocabularyLabel.label(consent.scope.kind, in: language)) \(consent.scope.value ?? "") — \(categories)"))
            }
        case .actsToCorrect, .actsToVoid:
            let kept = journey.timeline.filter { entry in
                !entry.type.hasPrefix("careteam.") && !entry.type.hasPrefix("consent.")
                    && (list == .actsToCorrect || entry.type != ClinicalActType.participantEnrolled.rawValue)
            }
            return kept.reversed().map { entry in
                let act = ClinicalActType(rawValue: entry.type).map { VocabularyLabel.label($0, in: language) } ?? entry.type
                return Option(entry.id, dated(entry.occurredAt.prefix(10), "\(act) — \(VocabularyLabel.summary(entry, in: language))"))
            }
        case .careTeam:
            return journey.careTeam.map { Option($0, Wording(stringLiteral: $0)) }
        }
    }

    /// An option of the record: its day, then what it was, with the colon each language puts after the day.
    private func dated(_ day: some StringProtocol, _ words: String) -> Wording {
        Wording(stringLiteral: day + Catalogue.colon(language) + words)
    }
}
