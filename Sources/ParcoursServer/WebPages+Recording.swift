import HTTPTypes
import Hummingbird
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

extension WebPages {
    /// The acts the signed-in person may record for a participant, by moment of the follow-up.
    static func actList(_ options: RecordingOptions, offered: [ActForm], session: WebSession) -> Response {
        let language = session.language, participant = options.journey.participant
        let moments: [[String: Any]] = Moment.allCases.compactMap { moment in
            let acts = offered.filter { $0.moment == moment }.map { ["path": $0.path(for: participant), "title": $0.title(language)] }
            var note: Any = false
            if moment == .admission, let admission = options.journey.admission { note = Catalogue.forms["admittedOn"]!(language) + " " + admission.on }
            guard !acts.isEmpty || note is String else { return nil }
            return ["key": moment.rawValue, "title": moment.title(language), "acts": acts, "hasActs": !acts.isEmpty, "note": note]
        }
        let values: [String: Any] = ["participant": participant, "moments": moments, "hasActs": !offered.isEmpty,
                                     "closed": !options.journey.followUp.open]
        return page("actList", title: Catalogue.forms["listTitle"]!(language) + " — " + participant, values, session: session)
    }

    /// A recording form, blank or as typed, with each refusal beside its field and summarized at
    /// the top (400 then: nothing was recorded). `journey` nil for an admission.
    static func actForm(_ form: ActForm, draft: ActDraft, errors: [FieldError], journey: Journey?, session: WebSession,
                        status: HTTPResponse.Status? = nil) -> Response {
        let language = session.language
        var model = ActFormPage(form: form, draft: draft, errors: errors, journey: journey, language: language)
        let fields = model.fields()
        let summary = errors.map { error -> [String: Any] in
            ["anchor": error.field.isEmpty ? "acte" : ActFormPage.htmlID(error.field), "message": error.message,
             "label": error.field.isEmpty ? Catalogue.forms["formAsAWhole"]!(language) : model.labels[error.field] ?? error.field]
        }
        let participant = journey?.participant
        var values: [String: Any] = [
            "title": form.title(language), "participant": participant ?? false, "action": form.path(for: participant),
            "cancel": participant.map { "/participants/\($0)" } ?? "/", "csrf": session.csrfToken, "id": draft.id, "openedAt": draft.openedAt,
            "guidance": form.guidance.map { $0(language) }, "fields": fields, "errors": summary, "hasErrors": !errors.isEmpty,
            "hasGroups": form.fields.contains { if case .group = $0.kind { true } else { false } }, "caution": false,
        ]
        if let journey, let caution = form.caution(journey) { values["caution"] = caution(language) }
        return page("actForm", title: form.title(language), values, session: session, status: status ?? (errors.isEmpty ? .ok : .badRequest))
    }
}
