import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension ActDraft {
    /// What a draft makes: the act to record, or the fields that cannot make one.
    enum Drafted: Sendable {
        case act(ActRequest)
        case refused([FieldError])
    }

    /// The act to record for `participant` (nil: an admission, which creates one), or the
    /// fields that cannot make one — nothing is asked of the use case then. Only the form's
    /// own checks here (a day is a day, a number in its range, a required field filled);
    /// the framework's rules are the domain's.
    func act(_ form: ActForm, for participant: ParticipantID?, in language: Language) -> Drafted {
        var errors: [FieldError] = []
        var data: [String: JSONValue] = [:]
        for field in form.fields where field.name != "day" {
            if case .group(let members, _, _) = field.kind {
                var items: [JSONValue] = []
                for row in 0..<filledRows(of: field.name, members) {
                    var item: [String: JSONValue] = [:]
                    for member in members {
                        let name = "\(field.name)[\(row)].\(member.name)"
                        switch Self.json(member, values[name] ?? []) {
                        case .success(let value?): Self.set(value, at: member.name, in: &item)
                        case .success(nil): break
                        case .failure(let message): errors.append(FieldError(field: name, message: message(language)))
                        }
                    }
                    items.append(.object(item))
                }
                Self.set(.array(items), at: field.name, in: &data)
                continue
            }
            switch Self.json(field, values[field.name] ?? []) {
            case .success(let value?): Self.set(value, at: field.name, in: &data)
            case .success(nil): break
            case .failure(let message): errors.append(FieldError(field: field.name, message: message(language)))
            }
        }
        let day = value("day").trimmingCharacters(in: .whitespaces)
        if Day(day) == nil { errors.insert(FieldError(field: "day", message: FieldError.notADay(language)), at: 0) }
        guard errors.isEmpty else { return .refused(errors) }
        var request: [String: JSONValue] = ["type": .string(form.type.rawValue), "occurredAt": .string(Self.occurredAt(day: day, openedAt: openedAt)),
                                            "data": .object(form.finish(data)), "id": .string(id)]
        if let participant { request["participant"] = .string(participant.rawValue) }
        do throws(ActRefused) { return .act(try ActRequest(json: .object(request))) } catch {
            return .refused([FieldError(error, on: form, draft: self, in: language)])
        }
    }

    /// The act's instant: when the blank form was made if it is the act's day (so the same form
    /// sent again is the same act); otherwise noon of an earlier day, or the start of a later one.
    static func occurredAt(day: String, openedAt: String) -> String {
        if openedAt.hasPrefix(day) { return openedAt }
        return day < String(openedAt.prefix(10)) ? day + "T12:00:00.000Z" : day + "T00:00:00.000Z"
    }

    /// A field's member of the act's data: nil when left out, or what is wrong with it.
    static func json(_ field: FormField, _ typed: [String]) -> Result<JSONValue?, Failure> {
        let text = (typed.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func required() -> Result<JSONValue?, Failure> {
            field.required ? .failure(Failure(field.missing ?? FieldError.missing)) : .success(nil)
        }
        switch field.kind {
        case .day:
            if text.isEmpty { return required() }
            return Day(text) == nil ? .failure(Failure(FieldError.notADay)) : .success(.string(text))
        case .instant:
            if text.isEmpty { return required() }
            guard let instant = montrealInstant(text) else { return .failure(Failure(FieldError.notAnInstant)) }
            return .success(.string(instant))
        case .text, .longText:
            if text.isEmpty { return required() }
            let limit = if case .longText = field.kind { 4000 } else { 300 }
            return text.count > limit ? .failure(Failure(FieldError.tooLong(limit))) : .success(.string(text))
        case .integer(let range):
            if text.isEmpty { return field.required ? .failure(Failure(FieldError.notAnInteger(range))) : .success(nil) }
            guard let number = Int(text), range.contains(number) else { return .failure(Failure(FieldError.notAnInteger(range))) }
            return .success(.int(Int64(number)))
        case .fixedInteger:
            return Int(text).map { .success(.int(Int64($0))) } ?? .success(nil)
        case .choice(let options):
            if text.isEmpty { return required() }
            guard options.contains(where: { $0.value == text }) else { return .failure(Failure(field.missing ?? FieldError.choose)) }
            return .success(.string(text))
        case .recordChoice:
            if text.isEmpty { return required() }
            return .success(.string(text))
        case .yesNo:
            return .success(.bool(text == "true"))
        case .choices(let options):
            let chosen = options.map(\.value).filter(typed.contains)
            if chosen.isEmpty, field.required { return .failure(Failure(field.missing ?? FieldError.missing)) }
            return .success(.array(chosen.map(JSONValue.string)))
        case .lines:
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.isEmpty, field.required { return .failure(Failure(field.missing ?? FieldError.missing)) }
            return .success(.array(lines.map(JSONValue.string)))
        case .group:
            return .success(nil)
        }
    }

    /// What is wrong with a field, in both languages.
    struct Failure: Error {
        let words: Wording
        init(_ words: Wording) { self.words = words }
        func callAsFunction(_ language: Language) -> String { words(language) }
    }

    /// Sets `value` at a dotted place of an object (`to.kind`: the member `kind` of `to`).
    static func set(_ value: JSONValue, at place: String, in object: inout [String: JSONValue]) {
        let parts = place.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { object[place] = value; return }
        var inner = object[parts[0]]?.objectValue ?? [:]
        set(value, at: parts[1], in: &inner)
        object[parts[0]] = .object(inner)
    }

    /// Montreal's time zone: a day and an hour typed in a form are Montreal's.
    static let montreal = TimeZone(identifier: "America/Toronto") ?? TimeZone(identifier: "UTC")!

    /// `YYYY-MM-DDTHH:MM[:SS]` (or with a space), Montreal time, as an instant in UTC; nil when it is not one.
    static func montrealInstant(_ text: String) -> String? {
        let parts = text.replacingOccurrences(of: " ", with: "T").split(separator: "T")
        guard parts.count == 2, let day = try? ClinicalDate.day(String(parts[0]), field: "") else { return nil }
        let time = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(time.count), let hour = time[0], let minute = time[1], (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second, (0..<60).contains(second) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = montreal
        var components = day
        (components.hour, components.minute, components.second) = (hour, minute, second)
        return calendar.date(from: components).map(ClinicalDate.format)
    }
}
