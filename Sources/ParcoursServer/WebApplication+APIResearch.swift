import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// The JSON API of research exports: the researcher asks for one (made during the request and
/// recorded as the command line's), lists hers, reads one's manifest and downloads its files —
/// the use cases of `/recherche`, on the same shelf, served to her only.
extension WebApplication {
    func addResearchAPIRoutes(to router: Router<WebContext>) {
        router.get("/api/v1/research-exports") { request, _ in
            await api(request) { session, _ in
                let exports = try await caseRecord.researchShelf(in: try shelf(), by: session.identity)
                return Self.canonical(["exports": .array(exports.map { Self.exportJSON($0) })])
            }
        }
        router.post("/api/v1/research-exports") { request, _ in
            await api(request) { session, _ in
                let body = try await Self.apiBody(request, as: ResearchExportBody.self,
                                             members: ["project", "kind", "k", "months", "maxSuppressed", "epsilon"], shape: "{\"project\", \"kind\", \"k\", \"months\", \"maxSuppressed\", \"epsilon\"}")
                let export = try await caseRecord.shelveResearchExport(try body.request, in: try shelf(), by: session.identity)
                var answer = try await exportJSON(export, session: session)
                answer.status = .created
                answer.headers[.location] = "/api/v1/research-exports/" + export.id
                return answer
            }
        }
        router.get("/api/v1/research-exports/:export") { request, context in
            await api(request) { session, _ in
                do {
                    let export = try await caseRecord.shelvedResearchExport(context.parameters.get("export") ?? "", in: try shelf(), by: session.identity)
                    return try await exportJSON(export, session: session)
                } catch is ShelvedResearchExport.NotFound { throw APIProblem.notFound }
            }
        }
        router.get("/api/v1/research-exports/:export/files/:file") { request, context in
            await api(request) { session, _ in
                let name = context.parameters.get("file") ?? ""
                do {
                    let (_, bytes) = try await caseRecord.shelvedResearchFile(name, of: context.parameters.get("export") ?? "", in: try shelf(),
                                                                           by: session.identity)
                    // `name` is one the manifest lists (letters, digits, '-' and '.'), so it goes into the header as it is.
                    return Response(status: .ok, headers: [.contentType: name.hasSuffix(".json") ? "application/json" : "text/csv; charset=utf-8",
                                                           .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
                } catch is ShelvedResearchExport.NotFound { throw APIProblem.notFound }
            }
        }
    }

    /// The shelf, or a 503 when this server has none (it serves a backup, read only).
    private func shelf() throws -> String {
        guard let researchShelf else {
            throw APIProblem(status: .serviceUnavailable, kind: "no-research-shelf",
                             detail: Wording("Ce serveur ne fait pas d'export de recherche (il sert une copie en lecture seule).",
                                             en: "This server makes no research export (it serves a read-only copy)."))
        }
        return researchShelf
    }

    /// An export as listed: its id, project, when, the manifest's digest and its files.
    static func exportJSON(_ export: ShelvedResearchExport) -> JSONValue {
        ["id": .string(export.id), "project": .string(export.project), "requestedAt": .string(ClinicalDate.format(export.requestedAt)),
         "manifestSHA256": .string(export.manifestSHA256), "files": .array(export.files.map(JSONValue.string))]
    }

    /// An export with its manifest, as manifest.json says it (its fractions and ε are not integers,
    /// which the log's JSON never holds: read and written by Foundation's coders).
    private func exportJSON(_ export: ShelvedResearchExport, session: WebSession) async throws -> Response {
        let (_, manifest) = try await caseRecord.shelvedResearchFile("manifest.json", of: export.id, in: try shelf(), by: session.identity)
        var json = try JSONSerialization.jsonObject(with: Data(CanonicalJSON.encode(Self.exportJSON(export)))) as? [String: Any] ?? [:]
        json["manifest"] = try JSONSerialization.jsonObject(with: manifest)
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes]))))
    }

    /// What a request of an export says (`ResearchExportRequest`'s members, as the form's).
    struct ResearchExportBody: Decodable {
        enum Kind: String, Decodable { case deidentified, aggregate }
        var project: String
        var kind: Kind?
        var k: Int?
        var months: Bool?
        var maxSuppressed: Double?
        var epsilon: Double?

        /// The request; the use case checks the values (project, k, the fraction suppressed, ε).
        var request: ResearchExportRequest {
            get throws {
                switch kind ?? .deidentified {
                case .deidentified:
                    guard epsilon == nil else { throw AppError.invalidInput(field: "epsilon", reason: "only for an aggregate export") }
                    return ResearchExportRequest(project: project, method: .deidentified(k: k ?? 5, months: months ?? false, maxSuppressed: maxSuppressed ?? 0.05))
                case .aggregate:
                    guard let epsilon else { throw AppError.invalidInput(field: "epsilon", reason: "the privacy budget ε, 0 < ε ≤ 10") }
                    guard k == nil, months == nil, maxSuppressed == nil else {
                        throw AppError.invalidInput(field: k != nil ? "k" : months != nil ? "months" : "maxSuppressed", reason: "only for a de-identified export")
                    }
                    return ResearchExportRequest(project: project, method: .aggregate(epsilon: epsilon))
                }
            }
        }
    }
}
