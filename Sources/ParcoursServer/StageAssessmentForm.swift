import Foundation
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// The stage-assessment form, as typed: kept whole so a refusal shows it again with nothing
/// lost, and turned into the act the use case records.
struct StageAssessmentForm: Sendable {
    var id: String
    /// When the blank form was made: the act's instant when its day is that day, so a form
    /// sent twice makes the same act (and its id returns the first).
    var openedAt: String
    var day: String
    var engagementStep: String
    var wheelStage: String
    var importance: String
    var confidence: String
    var personSaid: String

    /// A blank form for today; its act id makes a resubmission return the act first written.
    static func blank(today: String) -> StageAssessmentForm {
        StageAssessmentForm(id: Identifiers.newEventID(), openedAt: ClinicalDate.format(Date()), day: today, engagementStep: "", wheelStage: "",
                            importance: "", confidence: "", personSaid: "")
    }

    init(id: String, openedAt: String, day: String, engagementStep: String, wheelStage: String, importance: String, confidence: String,
         personSaid: String) {
        (self.id, self.openedAt, self.day, self.engagementStep, self.wheelStage) = (id, openedAt, day, engagementStep, wheelStage)
        (self.importance, self.confidence, self.personSaid) = (importance, confidence, personSaid)
    }

    init(_ form: WebForm) {
        self.init(id: form["id"] ?? "", openedAt: form["openedAt"] ?? "", day: form["day"] ?? "", engagementStep: form["engagementStep"] ?? "", wheelStage: form["wheelStage"] ?? "",
                  importance: form["importance"] ?? "", confidence: form["confidence"] ?? "", personSaid: form["personSaid"] ?? "")
    }

    /// A refusal beside the field it names.
    struct FieldError: Sendable {
        var field: String
        var message: String
    }

    /// The fields' labels, for the summary at the top.
    static let labels = [
        "day": "Date de la rencontre", "engagementStep": "Étape du cycle de l'engagement", "wheelStage": "Stade de la roue du changement",
        "importance": "Importance", "confidence": "Confiance", "personSaid": "Ce que la personne a dit", "id": "Formulaire",
    ]

    /// What the form makes: the act to record, or the fields that cannot make one.
    enum Drafted: Sendable {
        case act(ActRequest)
        case refused([FieldError])
    }

    /// The act to record, or the fields that cannot make one (nothing is asked of the use case then).
    func act(for participant: ParticipantID) -> Drafted {
        var errors: [FieldError] = []
        if (try? Day(checking: day, field: "day")) == nil { errors.append(FieldError(field: "day", message: "une date réelle, par exemple 2026-11-23")) }
        if EngagementStep(rawValue: engagementStep) == nil { errors.append(FieldError(field: "engagementStep", message: "choisissez une étape")) }
        if WheelStage(rawValue: wheelStage) == nil { errors.append(FieldError(field: "wheelStage", message: "choisissez un stade")) }
        let rulers = [("importance", importance), ("confidence", confidence)].map { field, text -> Int? in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), StageAssessment.ruler.contains(value) else {
                errors.append(FieldError(field: field, message: "un nombre entier de 0 à 10"))
                return nil
            }
            return value
        }
        guard errors.isEmpty, let importance = rulers[0], let confidence = rulers[1] else { return .refused(errors) }
        var data: [String: JSONValue] = ["engagementStep": .string(engagementStep), "wheelStage": .string(wheelStage),
                                         "importance": .int(Int64(importance)), "confidence": .int(Int64(confidence))]
        let said = personSaid.trimmingCharacters(in: .whitespacesAndNewlines)
        if !said.isEmpty { data["personSaid"] = .string(said) }
        let request: JSONValue = ["type": "stage.assessed", "participant": .string(participant.rawValue),
                                  "occurredAt": .string(openedAt.hasPrefix(day) ? openedAt : day + "T12:00:00.000Z"), "data": .object(data), "id": .string(id)]
        do throws(ActRefused) { return .act(try ActRequest(json: request)) } catch {
            return .refused([Self.fieldError(error)])
        }
    }

    /// A domain refusal, put beside the form field it names.
    static func fieldError(_ refused: ActRefused) -> FieldError {
        let field = switch refused.field {
        case "occurredAt": "day"
        case "data.engagementStep": "engagementStep"
        case "data.wheelStage": "wheelStage"
        case "data.importance": "importance"
        case "data.confidence": "confidence"
        case "data.personSaid": "personSaid"
        default: "id"
        }
        return FieldError(field: field, message: refused.reason)
    }
}
