import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// Recording clinical acts: the list of acts a participant's record offers, a form per act
/// type (GET blank, POST recorded), and the admission of a new participant.
///
/// Every page asks the use cases with the signed-in person's identity: the access policy
/// decides what is offered and what is written, and the access log records each read and
/// each refusal. Nothing personal goes in a path: names and dates of birth only in a body.
extension WebApplication {
    func addRecordingRoutes(to router: Router<WebContext>) {
        router.get("/participants/:participant/actes") { request, context in
            await page(request, context) { session in
                let options = try await caseRecord.recordingOptions(for: try Self.participant(context), by: session.identity)
                return WebPages.actList(options, offered: Self.offered(options), session: session)
            }
        }
        router.get("/participants/:participant/actes/:act") { request, context in
            await page(request, context) { session in
                try await blankForm(try Self.form(context), of: try Self.participant(context), session: session)
            }
        }
        router.post("/participants/:participant/actes/:act") { request, context in
            await page(request, context) { session in
                try await record(try Self.form(context), of: try Self.participant(context), request, context: context, session: session)
            }
        }
        let stageAssessment = ActForm.all.first { $0.type == .stageAssessed }!
        router.get("/participants/:participant/evaluation") { request, context in
            await page(request, context) { session in try await blankForm(stageAssessment, of: try Self.participant(context), session: session) }
        }
        router.post("/participants/:participant/evaluation") { request, context in
            await page(request, context) { session in
                try await record(stageAssessment, of: try Self.participant(context), request, context: context, session: session)
            }
        }
        router.get("/admission") { request, context in
            await page(request, context) { session in
                guard try await caseRecord.mayAdmit(by: session.identity) else { return Self.notOffered(session) }
                let form = ActForm.admissionForm
                return WebPages.actForm(form, draft: .blank(form, today: CaseRecord.today()), errors: [], journey: nil, session: session)
            }
        }
        router.post("/admission") { request, context in
            await page(request, context) { session in
                try await record(ActForm.admissionForm, of: nil, request, context: context, session: session)
            }
        }
    }

    /// The forms offered on a record: those of the acts the policy permits, that make sense now.
    static func offered(_ options: RecordingOptions) -> [ActForm] {
        ActForm.all.filter { options.permitted.contains($0.type) && $0.applies(options.journey) }
    }

    /// A blank form, when the record offers it: the read recorded, and its values from the record.
    private func blankForm(_ form: ActForm, of participant: ParticipantID, session: WebSession) async throws -> Response {
        let options = try await caseRecord.recordingOptions(for: participant, by: session.identity)
        guard Self.offered(options).contains(where: { $0.type == form.type }) else { return Self.notOffered(session) }
        let draft = ActDraft.blank(form, today: CaseRecord.today(), prefill: form.prefill(options.journey))
        return WebPages.actForm(form, draft: draft, errors: [], journey: options.journey, session: session)
    }

    /// Records the act a form makes, as the signed-in person; shows the journey with what was
    /// recorded and its warnings, or the form again, whole, each refusal beside its field.
    private func record(_ form: ActForm, of participant: ParticipantID?, _ request: Request, context: WebContext,
                        session: WebSession) async throws -> Response {
        let web = try await WebForm(request, context: context)
        guard web.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
        let draft = ActDraft(web, form: form)
        if draft.addingRow { return try await again(form, draft, errors: [], of: participant, session: session) }
        let act: ActRequest
        switch draft.act(form, for: participant, in: session.language) {
        case .refused(let errors): return try await again(form, draft, errors: errors, of: participant, session: session)
        case .act(let request): act = request
        }
        let written: [ConsentAwareWriter.Written]
        do { written = try await caseRecord.record([act], by: session.identity) } catch let refused as ActRefused {
            return try await again(form, draft, errors: [FieldError(refused, on: form, draft: draft, in: session.language)], of: participant, session: session)
        } catch let error as LogError where error.contradictsTheRecord {
            // The record changed under the form, or this form was sent before with other values: nothing written, everything typed kept.
            return try await again(form, draft, errors: [FieldError(field: "", message: Catalogue.forms["conflict"]!(session.language))],
                                   of: participant, session: session, status: .conflict)
        }
        let recorded = try ParticipantID(checking: written.first?.participant ?? "")
        let (journey, decision, openings, acts) = try await caseRecord.journeyWithOpenings(of: recorded, by: session.identity,
                                                                                          latestActs: WebPages.recentActs)
        let what = written.first?.result.existing == true ? Catalogue.forms["alreadyRecorded"]! : form.recorded
        return WebPages.journey(journey, acts: acts, shown: decision.categories, today: CaseRecord.today(), session: session,
                                recorded: (what(session.language), written.flatMap(\.warnings)),
                                openings: openings)
    }

    /// The form shown again as typed: the record read again for its lists and guidance.
    private func again(_ form: ActForm, _ draft: ActDraft, errors: [FieldError], of participant: ParticipantID?,
                       session: WebSession, status: HTTPResponse.Status? = nil) async throws -> Response {
        let journey = if let participant { try await caseRecord.recordingOptions(for: participant, by: session.identity).journey } else { nil as Journey? }
        return WebPages.actForm(form, draft: draft, errors: errors, journey: journey, session: session, status: status)
    }

    private static func participant(_ context: WebContext) throws -> ParticipantID {
        try ParticipantID(checking: context.parameters.get("participant") ?? "")
    }

    private static func form(_ context: WebContext) throws -> ActForm {
        guard let form = ActForm.named(context.parameters.get("act") ?? "") else { throw WebFailure.notFound }
        return form
    }

    private static func notOffered(_ session: WebSession) -> Response {
        WebPages.problem(.forbidden, heading: Catalogue.forms["notOfferedHeading"]!(session.language),
                         message: Catalogue.forms["notOffered"]!(session.language), session: session)
    }
}
