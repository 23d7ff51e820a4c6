import Foundation
import HTTPTypes
import Hummingbird
import ParcoursApp

/// The researcher's workspace (`/recherche`): she requests a research export (a project, k, time
/// in months, or an aggregate with ε), sees its manifest in words and numbers, and downloads its
/// files. The export is the command line's (`exportResearch`), recorded in the access log the same
/// way; the server keeps it on its shelf (`CaseRecord.shelveResearchExport`), in a private directory
/// under the store's, named by a random id that says nothing of the project or its people, and
/// serves its files to her only. The export is made during the request (synchronously): a store of
/// a few thousand journeys takes seconds.
extension WebApplication {
    func addResearchRoutes(to router: Router<WebContext>) {
        router.get("/recherche") { request, context in
            await page(request, context) { session in
                guard let shelf = researchShelf else { return Self.noShelf(session) }
                return WebPages.research(ResearchRequestForm(), exports: try await caseRecord.researchShelf(in: shelf, by: session.identity),
                                         session: session)
            }
        }
        router.post("/recherche") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                guard let shelf = researchShelf else { return Self.noShelf(session) }
                let typed = ResearchRequestForm(form)
                func again(_ errors: [FieldError]) async throws -> Response {
                    WebPages.research(typed, errors: errors, exports: try await caseRecord.researchShelf(in: shelf, by: session.identity), session: session)
                }
                switch typed.request(in: session.language) {
                case .failure(let refused): return try await again(refused.errors)
                case .success(let asked):
                    do {
                        let export = try await caseRecord.shelveResearchExport(asked, in: shelf, by: session.identity)
                        return .redirect(to: "/recherche/exports/\(export.id)?fait=1", type: .normal)
                    } catch AppError.invalidInput(let field, _) where ["project", "k", "maxSuppressed", "epsilon"].contains(field) {
                        return try await again([ResearchRequestForm.refusal(field: field, in: session.language)])
                    }
                }
            }
        }
        router.get("/recherche/exports/:export") { request, context in
            await page(request, context) { session in
                guard let shelf = researchShelf else { return Self.noShelf(session) }
                do {
                    let export = try await caseRecord.shelvedResearchExport(context.parameters.get("export") ?? "", in: shelf, by: session.identity)
                    return WebPages.researchExport(export, made: request.uri.queryParameters["fait"] == "1", session: session)
                } catch is ShelvedResearchExport.NotFound { throw WebFailure.notFound }
            }
        }
        router.get("/recherche/exports/:export/:file") { request, context in
            await page(request, context) { session in
                guard let shelf = researchShelf else { return Self.noShelf(session) }
                let name = context.parameters.get("file") ?? ""
                do {
                    let (_, bytes) = try await caseRecord.shelvedResearchFile(name, of: context.parameters.get("export") ?? "", in: shelf,
                                                                           by: session.identity)
                    // `name` is one the manifest lists (letters, digits, '-' and '.'), so it goes into the header as it is.
                    var headers: HTTPFields = [.contentType: name.hasSuffix(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8"]
                    headers[.contentDisposition] = "attachment; filename=\"\(name)\""
                    headers[.cacheControl] = "no-store"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
                } catch is ShelvedResearchExport.NotFound { throw WebFailure.notFound }
            }
        }
    }

    /// A server with no place for exports (it serves a backup, read only): said so, nothing made.
    private static func noShelf(_ session: WebSession) -> Response {
        WebPages.problem(.serviceUnavailable, heading: Catalogue.research["title"]!(session.language),
                         message: Catalogue.research["notAvailable"]!(session.language), session: session)
    }
}
