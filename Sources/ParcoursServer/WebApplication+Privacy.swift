import Foundation
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// The privacy officer's workspace (`/confidentialite`): the logs' signed checkpoints and
/// their verification in the background, the access log's search with each record's proof
/// of inclusion, and the review of break-glass reads and other anomalies.
///
/// Every page asks a use case with the signed-in person's identity: the access policy
/// decides (the privacy officer's views: `metadata`, `access-log`, `registers`) and the
/// access log records each read and each refusal before the answer.
extension WebApplication {
    func addPrivacyRoutes(to router: Router<WebContext>) {
        router.get("/confidentialite") { request, context in
            await page(request, context) { session in try await privacyHome(session: session) }
        }
        addPrivacyFormRoutes(to: router)
        router.post("/confidentialite/verification") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let job = await verificationJobs.start(try await caseRecord.logVerification(by: session.identity), for: session.actor)
                return .redirect(to: "/confidentialite/verification/" + job.id, type: .normal)
            }
        }
        // The job was decided and recorded when it was asked for; its page shows only its
        // progress and verdict (no record read), to those who asked for it.
        router.get("/confidentialite/verification/:job") { request, context in
            await page(request, context) { session in
                guard let job = await verificationJobs.job(context.parameters.get("job") ?? "", for: session.actor) else { throw WebFailure.notFound }
                return WebPages.verification(job, session: session)
            }
        }
        router.get("/confidentialite/acces") { request, context in
            await page(request, context) { session in
                let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
                let search = try AccessSearch(query)
                let records = try await caseRecord.accessLog(search.filter, by: session.identity).filter(search.matches)
                return WebPages.accessLog(records, search: search, session: session)
            }
        }
        router.get("/confidentialite/acces/:seq/preuve") { request, context in
            await page(request, context) { session in
                guard let seq = UInt64(context.parameters.get("seq") ?? "") else { throw AppError.invalidInput(field: "seq", reason: "a record's number") }
                let (proof, checkpoint) = try await caseRecord.accessInclusionProof(seq: seq, by: session.identity)
                return WebPages.inclusionProof(proof, checkpoint: checkpoint, session: session)
            }
        }
        // The access log of a period as a FHIR R4 Bundle of AuditEvents (IHE BALP), to download:
        // an attachment, never kept by the browser's cache.
        router.get("/confidentialite/telechargements/audit-fhir") { request, context in
            await page(request, context) { session in
                let query = request.uri.queryParameters
                func day(_ name: Substring) throws -> Day? {
                    let text = String(query[name] ?? "").trimmingCharacters(in: .whitespaces)
                    return text.isEmpty ? nil : try Day(checking: text, field: String(name))
                }
                let (bundle, _) = try await caseRecord.fhirAuditBundle(from: try day("from"), to: try day("to"), by: session.identity)
                return Response(status: .ok, headers: [.contentType: "application/fhir+json; charset=utf-8", .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"parcours-audit-fhir.json\""],
                                body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(bundle) + [0x0A])))
            }
        }
        router.get("/confidentialite/registres") { request, context in
            await page(request, context) { session in
                try await registers(recorded: request.uri.queryParameters["inscrit"] != nil, updated: request.uri.queryParameters["misajour"] != nil,
                                    session: session)
            }
        }
        // An incident of the register, from the form's eight elements; refused by the register's
        // rules, the page again with what was typed and the field named (400), nothing written.
        router.post("/confidentialite/registres/incidents") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let incident: ConfidentialityIncident
                do throws(ClinicalError) { incident = try ConfidentialityIncident(json: Self.incidentJSON(form)) } catch {
                    return try await registers(form: form, refused: error, session: session)
                }
                _ = try await caseRecord.recordIncident(incident, id: form["id"], by: session.identity)
                return .redirect(to: "/confidentialite/registres?inscrit=1", type: .normal)
            }
        }
        router.get("/confidentialite/revue") { request, context in
            await page(request, context) { session in
                try await reviewQueue(recorded: request.uri.queryParameters["revu"] != nil, session: session)
            }
        }
        router.post("/confidentialite/revue") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                guard let seq = UInt64(form["seq"] ?? "") else { throw AppError.invalidInput(field: "seq", reason: "a record's number") }
                let comment = form["comment"] ?? ""
                do {
                    _ = try await caseRecord.reviewAccess(seq: seq, comment: comment, by: session.identity)
                } catch AppError.invalidInput(field: "comment", reason: _) {
                    return try await reviewQueue(refused: (seq, comment), session: session)
                }
                return .redirect(to: "/confidentialite/revue?revu=1", type: .normal)
            }
        }
    }

    /// The registers, each read decided and recorded.
    func registers(form: WebForm? = nil, refused: ClinicalError? = nil, recorded: Bool = false, update: IncidentUpdateForm.Refused? = nil,
                   updated: Bool = false, session: WebSession) async throws -> Response {
        let communications = try await caseRecord.communications(by: session.identity)
        let (incidents, problems) = try await caseRecord.incidentRegister(by: session.identity)
        return WebPages.registers(communications: communications, incidents: incidents, problems: problems, form: form, refused: refused,
                                  recorded: recorded, update: update, updated: updated, session: session)
    }

    /// The incident's JSON members from the form: empty fields left out, checkboxes as booleans.
    static func incidentJSON(_ form: WebForm) -> [String: JSONValue] {
        var json: [String: JSONValue] = ["categories": .array(form.values("categories").map { .string($0) })]
        for name in ["informationDetail", "circumstances", "occurredFrom", "learnedOn", "riskAssessment", "measures"] {
            if let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty { json[name] = .string(value) }
        }
        for name in ["occurredApproximate", "personsApproximate", "seriousInjuryRisk"] { json[name] = .bool(form[name] != nil) }
        if let count = form["personsConcerned"].flatMap({ Int64($0) }) { json["personsConcerned"] = .int(count) }
        var notices: [String: JSONValue] = [:]
        for name in ["commissionNotifiedOn", "personsNotifiedOn"] {
            if let value = form[name], !value.isEmpty { notices[name] = .string(value) }
        }
        if !notices.isEmpty || json["seriousInjuryRisk"] == .bool(true) { notices["publicNotice"] = .bool(false); json["notices"] = .object(notices) }
        return json
    }

    /// The review queue and the reviews, each read decided and recorded: the anomalies, the
    /// access log for their break-glass justifications, the register of reviews.
    private func reviewQueue(recorded: Bool = false, refused: (seq: UInt64, typed: String)? = nil, session: WebSession) async throws -> Response {
        let anomalies = try await caseRecord.accessAnomalies(by: session.identity)
        let raised = Set(anomalies.map(\.seq))
        let justifications = Dictionary(try await caseRecord.accessLog(by: session.identity).compactMap { access in
            raised.contains(access.seq) ? access.record.justification.map { (access.seq, $0) } : nil
        }, uniquingKeysWith: { first, _ in first })
        let reviews = try await caseRecord.accessReviews(by: session.identity)
        return WebPages.reviewQueue(anomalies, justifications: justifications, reviews: reviews, recorded: recorded, refused: refused, session: session)
    }
}
