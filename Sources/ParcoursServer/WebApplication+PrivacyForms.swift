import Foundation
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// The privacy officer's forms beyond reading: an export uploaded and verified in the
/// background as the store's logs are, an incident of the register updated, a participant's
/// report downloaded. Each asks a use case with her identity, so the access policy decides
/// it and the access log records it first; a refusal of the input names its field and
/// nothing is written.
extension WebApplication {
    /// The most an uploaded export (its zip, with the form around it) may weigh by default.
    public static let defaultExportUploadLimit = 64 * 1024 * 1024

    func addPrivacyFormRoutes(to router: Router<WebContext>) {
        // Decided and recorded first, then a place among the exports verified at once taken: only
        // then is the zip read into memory, capped, and never written to a disk; unpacked in memory
        // too (`ExportArchive`), it is verified by the export verifier anyone would run, in the background.
        router.post("/confidentialite/verification-export") { request, context in
            await page(request, context) { session in
                let language = session.language
                func refused(_ key: String, _ status: HTTPResponse.Status, detail: String = "") async throws -> Response {
                    try await privacyHome(refusals: [("export", Catalogue.privacyForms["exportFile"]!(language),
                                                      Catalogue.privacyForms[key]!(language) + detail)], status: status, session: session)
                }
                let verification: ExportVerification
                var placeTaken = false
                do {
                    verification = try await caseRecord.exportVerification(by: session.identity) {
                        guard await verificationJobs.takeExportPlace() else { throw ExportUpload.busy }
                        placeTaken = true
                        let body: ByteBuffer
                        do { body = try await request.body.collect(upTo: exportUploadLimit) } catch let error as HTTPResponseError where error.status == .contentTooLarge {
                            throw ExportUpload.tooLarge
                        }
                        guard let upload = MultipartForm(contentType: request.headers[.contentType] ?? "", body: body),
                              upload.form.carries(token: session.csrfToken) else { throw ExportUpload.crossSite }
                        guard let archive = upload.files["export"], !archive.isEmpty else { throw ExportUpload.missingFile }
                        return archive
                    }
                } catch {
                    // No job to keep the place: given back, whatever ended the request (a store that cannot record included).
                    if placeTaken { await verificationJobs.leaveExportPlace() }
                    switch error {
                    case ExportArchive.Refusal.notAnArchive: return try await refused("exportNotAnArchive", .badRequest)
                    case ExportArchive.Refusal.unsafePath: return try await refused("exportUnsafePath", .badRequest)
                    case ExportArchive.Refusal.unexpectedEntry: return try await refused("exportUnexpected", .badRequest)
                    case ExportArchive.Refusal.missing(let name): return try await refused("exportMissing", .badRequest, detail: " " + name + ".")
                    case ExportArchive.Refusal.tooLargeExpanded: return try await refused("exportExpanded", .contentTooLarge)
                    case ExportUpload.busy:
                        // When to try again, said to any client: a verification holds its place until its verdict.
                        var busy = try await refused("exportBusy", .serviceUnavailable)
                        busy.headers[.retryAfter] = "60"
                        return busy
                    case ExportUpload.tooLarge: return try await refused("exportTooLarge", .contentTooLarge)
                    case ExportUpload.crossSite: return WebFailure.response(for: WebFailure.crossSite, session: session)
                    case ExportUpload.missingFile: return try await refused("exportMissingFile", .badRequest)
                    default: throw error
                    }
                }
                // The job keeps the place until its verdict.
                let job = await verificationJobs.start(verification, for: session.actor)
                return .redirect(to: "/confidentialite/verification/" + job.id, type: .normal)
            }
        }
        // An update of an incident, from the form under it: the register's rules decide the incident
        // with the update applied; refused, the register again with the form as typed and the field named (400).
        router.post("/confidentialite/registres/incidents/mise-a-jour") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let (entries, _) = try await caseRecord.incidentRegister(by: session.identity)
                guard let entry = entries.first(where: { $0.id == form["incident"] }) else {
                    throw AppError.invalidInput(field: "incident", reason: "an incident of the register")
                }
                let update: IncidentUpdate
                do throws(ClinicalError) {
                    update = try IncidentUpdateForm.update(form, of: entry)
                    _ = try update.applied(to: entry.incident)
                } catch {
                    return try await registers(update: IncidentUpdateForm.Refused(incident: entry.id, form: form, error: error), session: session)
                }
                _ = try await caseRecord.updateIncident(update, id: form["id"], by: session.identity)
                return .redirect(to: "/confidentialite/registres?misajour=1", type: .normal)
            }
        }
        // What a participant receives on request, as a text file: the id in the form's body (never
        // the URL), the request decided and recorded before anything is read, a name that says nothing.
        router.post("/confidentialite/telechargements/rapport-participant") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let typed = (form["participant"] ?? "").trimmingCharacters(in: .whitespaces)
                let participant: ParticipantID
                do { participant = try ParticipantID(checking: typed) } catch {
                    let language = session.language
                    return try await privacyHome(refusals: [("participant", Catalogue.privacyForms["reportParticipant"]!(language),
                                                             Catalogue.privacyForms["reportBadID"]!(language))],
                                                 reportTyped: String(typed.prefix(32)), status: .badRequest, session: session)
                }
                let (journey, accesses) = try await caseRecord.participantReport(of: participant, by: session.identity)
                let report = ParticipantReport(journey: journey, accesses: accesses, today: CaseRecord.today())
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"parcours-rapport.txt\""],
                                body: .init(byteBuffer: ByteBuffer(string: report.text)))
            }
        }
    }

    /// The privacy officer's home, its checkpoints read (decided and recorded), with the refusals of a form beside their field.
    func privacyHome(refusals: WebPages.Refusals = [], reportTyped: String = "", status: HTTPResponse.Status = .ok,
                     session: WebSession) async throws -> Response {
        WebPages.privacyHome(try await caseRecord.logCheckpoints(by: session.identity), refusals: refusals, reportTyped: reportTyped,
                             exportLimit: exportUploadLimit, status: status, session: session)
    }
}
