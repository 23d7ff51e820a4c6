import Foundation
import ParcoursClinical
import ParcoursLog

/// A recording form as typed: every value kept as sent, so a refusal shows it again with
/// nothing lost, and turned into the act the use case records (`ActDraft+Request`).
///
/// Its hidden `id` and `openedAt` make a form sent twice the same act: the use case returns
/// the first one. Groups keep their rows in order, blank rows left out when sent back.
struct ActDraft: Sendable {
    var id: String
    /// When the blank form was made: the act's instant when its day is that day.
    var openedAt: String
    /// Values by the form's names (`objectives[0].what`); boxes ticked under one name give several.
    var values: [String: [String]]
    /// How many rows of each group the form shows, by the group's name.
    var rows: [String: Int]
    /// The form was sent to add a row to a group, not to record.
    var addingRow = false

    /// The most rows a group shows.
    static let maximumRows = 30

    func value(_ name: String) -> String { values[name]?.first ?? "" }

    /// A blank form for today: a new act id, each field's first value, and what the record
    /// gives (`prefill`: a plan in force to revise).
    static func blank(_ form: ActForm, today: String, prefill: [String: String] = [:]) -> ActDraft {
        var draft = ActDraft(id: Identifiers.newEventID(), openedAt: ClinicalDate.format(Date()), values: [:], rows: [:])
        for field in form.fields {
            if case .group(let members, let shown, _) = field.kind {
                var filled = 0
                while prefill.keys.contains(where: { $0.hasPrefix("\(field.name)[\(filled)].") }) { filled += 1 }
                draft.rows[field.name] = max(shown, filled)
                draft.fillBlankRows(of: field.name, members, from: filled)
            } else if !field.initial.isEmpty {
                draft.values[field.name] = [field.initial]
            }
        }
        draft.values["day"] = [today]
        for (name, value) in prefill { draft.values[name] = [value] }
        return draft
    }

    /// The form as sent: its rows renumbered without the blank ones, one more where "add a row" was pressed.
    init(_ web: WebForm, form: ActForm) {
        (id, openedAt, values, rows) = (web["id"] ?? "", web["openedAt"] ?? "", [:], [:])
        addingRow = web["_ajouter"] != nil
        for field in form.fields {
            guard case .group(let members, let shown, _) = field.kind else {
                values[field.name] = web.values(field.name)
                continue
            }
            let sent = min(Int(web["_rows.\(field.name)"] ?? "") ?? shown, Self.maximumRows)
            var kept = 0
            for row in 0..<max(sent, 0) {
                let typed = members.map { (member: $0, values: web.values("\(field.name)[\(row)].\($0.name)")) }
                let blank = typed.allSatisfy { item in
                    if case .choice = item.member.kind { return true }
                    return item.values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                }
                guard !blank else { continue }
                for item in typed { values["\(field.name)[\(kept)].\(item.member.name)"] = item.values }
                kept += 1
            }
            let adding = web["_ajouter"] == field.name ? 1 : 0
            rows[field.name] = min(max(shown, kept) + adding, Self.maximumRows)
            fillBlankRows(of: field.name, members, from: kept)
        }
    }

    init(id: String, openedAt: String, values: [String: [String]], rows: [String: Int]) {
        (self.id, self.openedAt, self.values, self.rows) = (id, openedAt, values, rows)
    }

    /// The rows of a group from `first` on are blank: each member at its first value.
    private mutating func fillBlankRows(of group: String, _ members: [FormField], from first: Int) {
        for row in first..<max(first, rows[group] ?? 0) {
            for member in members { values["\(group)[\(row)].\(member.name)"] = member.initial.isEmpty ? [] : [member.initial] }
        }
    }

    /// How many rows of `group` hold something (the first ones, once sent back).
    func filledRows(of group: String, _ members: [FormField]) -> Int {
        var count = 0
        while count < (rows[group] ?? 0), members.contains(where: { member in
            if case .choice = member.kind { return false }
            return !(values["\(group)[\(count)].\(member.name)"] ?? []).allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }) { count += 1 }
        return count
    }
}
