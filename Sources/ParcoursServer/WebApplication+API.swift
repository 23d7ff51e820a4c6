import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// The JSON API under `/api/v1`, for partners' systems and the command line's server mode: the
/// same use cases as the pages, decided by the same policy and recorded the same way.
///
/// A client signs in as a person does — id, passphrase and the second factor's code — and gets
/// a bearer session kept like a page's (the same idle and absolute limits, the signing key sealed
/// under a secret only the token carries); only `Authorization: Bearer` opens the API, never the
/// pages' cookie, so no browser carries it to another site. Bodies are capped, each session is
/// rate-limited, and every error is a problem document (`APIProblem`) naming the field.
extension WebApplication {
    static let apiBodyLimit = 1 << 20

    func addAPIRoutes(to router: Router<WebContext>) {
        router.post("/api/v1/sessions") { request, _ in await apiSignIn(request) }
        router.delete("/api/v1/sessions/current") { request, _ in
            await api(request) { _, token in
                try await sessions.end(token)
                return Response(status: .noContent)
            }
        }
        router.get("/api/v1/caseload") { request, _ in
            await api(request) { session, _ in
                // Another's caseload (`?clinician=`) is decided by the policy, as the command line's --clinician.
                let asked = try request.uri.queryParameters.get("clinician").map { text throws(AppError) in
                    try ActorID(checking: text, field: "clinician")
                }
                let (whose, entries) = try await caseRecord.caseload(of: asked, by: session.identity)
                return try Self.json(Caseload(clinician: whose, participants: entries))
            }
        }
        for view in [AccessView.journey, .timeline] {
            let path = RouterPath("/api/v1/participants/:participant/\(view.rawValue)")
            router.get(path) { request, context in
                await api(request) { session, _ in try await participantRead(view, context, session, breakGlass: nil) }
            }
            // Breaking the glass: the justification travels in the body, never in a URL or a header that logs keep.
            router.post(path) { request, context in
                await api(request) { session, _ in
                    try await participantRead(view, context, session, breakGlass: try await Self.breakGlass(request))
                }
            }
        }
        router.post("/api/v1/acts") { request, context in
            await api(request) { session, _ in
                let body = try await request.body.collect(upTo: Self.apiBodyLimit)
                let json: JSONValue
                do { json = try JSONParser.parse(Array(buffer: body)) } catch {
                    throw APIProblem.invalid("body", "one JSON object (Schemas/cli/record-act.v1.schema.json)",
                                             fr: "un objet JSON (Schemas/cli/record-act.v1.schema.json)")
                }
                let written = try await caseRecord.record([try ActRequest(json: json)], by: session.identity)
                let created = written.contains { !$0.result.existing }
                return Response(status: created ? .created : .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: CanonicalJSON.string(["acts": .array(written.map(\.json))]))))
            }
        }
    }

    /// A participant's journey or timeline as the policy lets the signed-in reader see it, the read
    /// recorded first (under `breakGlass`, marked for review); `Parcours-Categories` says which
    /// information categories the reader was allowed, so a client says what was left out.
    private func participantRead(_ view: AccessView, _ context: WebContext, _ session: WebSession, breakGlass: String?) async throws -> Response {
        let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
        let (journey, decision) = try await caseRecord.journey(of: participant, view: view, by: session.identity, breakGlass: breakGlass)
        var response = view == .timeline ? try Self.json(Timeline(journey)) : try Self.json(journey)
        response.headers[.parcoursCategories] = InformationCategory.allCases.filter(decision.categories.contains).map(\.rawValue).joined(separator: ",")
        return response
    }

    /// The written justification of a break-glass read: `{"breakGlass": "…"}`, not empty.
    static func breakGlass(_ request: Request) async throws -> String {
        let body = try await request.body.collect(upTo: 8 * signInLimit)  // 4096 characters of 12 bytes each once escaped; beyond: 413
        guard case .object(let fields)? = try? JSONParser.parse(Array(buffer: body)), fields.count == 1,
              case .string(let justification)? = fields["breakGlass"] else {
            throw APIProblem.invalid("body", "an object with breakGlass, the written justification (a string)",
                                     fr: "un objet avec breakGlass, la justification écrite (une chaîne)")
        }
        guard !justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, justification.unicodeScalars.count <= 4096 else {
            throw APIProblem.invalid("breakGlass", "a written justification of \(AccessPolicy.minimumJustification) to 4096 characters",
                                     fr: "une justification écrite de \(AccessPolicy.minimumJustification) à 4096 caractères")
        }
        return justification
    }

    /// A request of the API: its bearer session resumed (a page's set-up session opens nothing),
    /// its rate checked, then `body`; any error as a problem document.
    func api(_ request: Request, _ body: (WebSession, String) async throws -> Response) async -> Response {
        let language = Self.apiLanguage(request)
        guard let token = Self.bearer(request), var session = try? await sessions.resume(token, kind: .api), session.enrolment == nil else {
            return APIProblem.unauthorized.response(in: language)
        }
        guard await apiLimit.allow(session.handle) else { return APIProblem.tooMany.response(in: language) }
        session.language = language
        do { return try await body(session, token) } catch { return APIProblem.of(error).response(in: language) }
    }

    /// Signs in as the pages do — the same throttle, the same records, the same answer whatever
    /// was wrong — for a bearer session: `{"actor", "passphrase", "code"}` → `{"token", "expiresAt"}`.
    private func apiSignIn(_ request: Request) async -> Response {
        let language = Self.apiLanguage(request)
        do {
            // A passphrase of 1024 characters may take 12 bytes each once escaped in JSON.
            let body = try await request.body.collect(upTo: 2 * Self.signInLimit)
            guard case .object(let fields)? = try? JSONParser.parse(Array(buffer: body)),
                  case .string(let actor)? = fields["actor"], case .string(let passphrase)? = fields["passphrase"] else {
                throw APIProblem.invalid("body", "an object with actor, passphrase and code (strings)",
                                         fr: "un objet avec actor, passphrase et code (des chaînes)")
            }
            let code: String = if case .string(let given)? = fields["code"] { given } else { "" }
            // An id refused by its syntax is named in the answer, but only once its attempt has gone the way of any
            // other — its turn on the id, the gate, a derivation, the refusal recorded (as a digest): otherwise a
            // client could write signed refusals into the access log as fast as it sends them.
            let malformed: (any Error)? = { do { _ = try ActorID(checking: actor, field: "actor"); return nil } catch { return error } }()
            guard passphrase.count <= 1024 else { throw APIProblem.invalid("passphrase", "at most 1024 characters", fr: "au plus 1024 caractères") }
            // The pages wait their turn; a client is told when to come back (429), holding nothing.
            let wait = await throttle.take(for: actor)
            guard wait == .zero else { throw APIProblem.signInThrottled(wait) }
            let key: UnlockedActor
            do {
                // The server derives as many keys as it takes at once, with a queue: asked to come back, nothing tried.
                guard let proven = try await proveSignIn(actor, passphrase) else { throw APIProblem.signInThrottled(SignInGate.comeBack) }
                key = proven
            } catch let problem as APIProblem { throw problem } catch {
                await throttle.failed(actor)
                throw malformed ?? APIProblem.signInFailed
            }
            guard let secret = try await caseRecord.secondFactorSecret(for: key) else {
                // The API sets up no second factor (the pages do): refused, and recorded as a sign-in without it.
                try await caseRecord.recordSignInRefusal(claimed: key.id, reason: .identityNotProven)
                throw APIProblem.noSecondFactor
            }
            guard let step = OneTimeCode(secret: secret).matchingStep(code, at: sessions.now()),
                  try await caseRecord.claimSecondFactorStep(step, of: key.id)
            else {
                try await caseRecord.recordSignInRefusal(claimed: key.id, reason: .identityNotProven)
                await throttle.failed(actor)
                throw APIProblem.signInFailed
            }
            await throttle.succeeded(actor)
            try await caseRecord.recordSignIn(of: key.id)
            let token = try await sessions.open(for: key, device: WebSessions.apiDevice, kind: .api)
            let answer: JSONValue = ["token": .string(token), "idleSeconds": .int(Int64(WebSessions.idleLimit)),
                                     "expiresAt": .string(ClinicalDate.format(sessions.now() + WebSessions.absoluteLimit))]
            return Response(status: .created, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: CanonicalJSON.string(answer))))
        } catch {
            return APIProblem.of(error).response(in: language)
        }
    }

    /// The bearer token of `Authorization`, when there is one.
    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        let token = value.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// French first; English when the client's `Accept-Language` puts it first.
    static func apiLanguage(_ request: Request) -> Language {
        (request.headers[.acceptLanguage] ?? "").lowercased().hasPrefix("en") ? .en : .fr
    }

    /// A value of the projections as JSON, keys sorted, as the command line prints it.
    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// An encodable value of any type, to put different ones in one object.
struct AnyEncodable: Encodable {
    let encode: (Encoder) throws -> Void
    init(_ value: some Encodable) { encode = value.encode(to:) }
    func encode(to encoder: Encoder) throws { try encode(encoder) }
}
