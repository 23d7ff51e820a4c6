import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// The form under each incident of the register that records what moved on: the risk
/// reassessed, notices sent, measures taken. It shows the incident as it stands; what the
/// person changed becomes the update's members (RFC 7396, as `parcours incident update`
/// takes them), and the register's rules decide the incident with the update applied.
enum IncidentUpdateForm {
    /// An update the register's rules refused: the incident, the form as typed, and why.
    struct Refused: Sendable {
        var incident: String
        var form: WebForm
        var error: ClinicalError
    }

    static let texts = ["riskAssessment", "measures"]
    static let notices = ["ministerNotifiedOn", "commissionNotifiedOn", "personsNotifiedOn"]

    /// The update's JSON (`incident` and the changed members), refused when nothing changed.
    static func update(_ form: WebForm, of entry: IncidentRegister.Entry) throws(ClinicalError) -> IncidentUpdate {
        let incident = entry.incident
        var changes: [String: JSONValue] = [:]
        for name in texts {
            let typed = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !typed.isEmpty, typed != current(name, of: incident) { changes[name] = .string(typed) }
        }
        let risk = form["seriousInjuryRisk"] != nil
        var sent: [String: JSONValue] = [:]
        if risk != incident.seriousInjuryRisk {
            changes["seriousInjuryRisk"] = .bool(risk)
            if risk, incident.notices == nil { sent["publicNotice"] = .bool(false) }
            if !risk { changes["notices"] = .null }
        }
        for name in notices {
            let typed = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            if !typed.isEmpty, typed != current(name, of: incident) { sent[name] = .string(typed) }
        }
        if !sent.isEmpty { changes["notices"] = .object(sent) }
        guard !changes.isEmpty else {
            throw ClinicalError("incident", Catalogue.privacyForms["nothingChanged"]!(.en), fr: Catalogue.privacyForms["nothingChanged"]!(.fr))
        }
        changes["incident"] = .string(entry.id)
        return try IncidentUpdate(json: changes)
    }

    /// A member of the incident as it stands, as the form shows it ("" when absent).
    static func current(_ name: String, of incident: ConfidentialityIncident) -> String {
        switch name {
        case "riskAssessment": incident.riskAssessment
        case "measures": incident.measures
        case "ministerNotifiedOn": incident.notices?.ministerNotifiedOn ?? ""
        case "commissionNotifiedOn": incident.notices?.commissionNotifiedOn ?? ""
        case "personsNotifiedOn": incident.notices?.personsNotifiedOn ?? ""
        default: ""
        }
    }

    /// The form's values for `entry` (`PageTemplates.privacyIncidentUpdate`): the incident as it
    /// stands, or as typed and open with its refusal.
    static func values(_ entry: IncidentRegister.Entry, refused: Refused?, in language: Language) -> [String: Any] {
        var values: [String: Any] = ["open": refused != nil, "eventID": refused?.form["id"] ?? Identifiers.newEventID(),
                                     "seriousInjuryRisk": refused.map { $0.form["seriousInjuryRisk"] != nil } ?? entry.incident.seriousInjuryRisk,
                                     "error": refused.map { ["label": $0.error.field, "message": language == .fr ? $0.error.frenchReason : $0.error.reason] } ?? false]
        for name in texts + notices { values[name] = refused.map { $0.form[name] ?? "" } ?? current(name, of: entry.incident) }
        return values
    }
}
