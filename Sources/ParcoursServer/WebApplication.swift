import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursProjections

/// The web application clinicians work in: sign-in, their caseload, a participant's journey.
///
/// Every page that shows a record calls a use case of `ParcoursApp` with the signed-in
/// person's identity, so the one access policy decides it and the access log records it
/// before the answer (fail closed: 503 when the record cannot be written).
public struct WebApplication: Sendable {
    let caseRecord: CaseRecord
    let sessions: WebSessions
    let throttle = SignInThrottle()
    /// Whether the server speaks TLS (HSTS).
    let tls: Bool

    public init(caseRecord: CaseRecord, tls: Bool = false) {
        self.init(caseRecord: caseRecord, tls: tls, sessions: WebSessions())
    }

    init(caseRecord: CaseRecord, tls: Bool, sessions: WebSessions) {
        (self.caseRecord, self.tls, self.sessions) = (caseRecord, tls, sessions)
    }

    /// The pre-session cookie the sign-in form's token is checked against (double submit).
    static let formCookieName = "__Host-parcours-form"

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders<WebContext>(tls: tls))
        router.add(middleware: CrossSiteGuard<WebContext>())
        router.add(middleware: SessionMiddleware(sessions: sessions))

        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: StyleSheet.css + StyleSheet.forms)))
        }
        router.get("/connexion") { request, context in
            if context.session != nil { return Response.redirect(to: "/", type: .normal) }
            return Self.signInForm(ended: request.uri.queryParameters["fin"] != nil, language: context.language)
        }
        router.post("/langue") { request, context in try await chooseLanguage(request, context: context) }
        router.post("/connexion") { request, context in try await signIn(request, context: context) }
        router.post("/deconnexion") { request, context in
            guard let session = context.session else { return Response.redirect(to: "/connexion", type: .normal) }
            let form = try await WebForm(request, context: context)
            guard form.carries(token: session.csrfToken) else {
                return WebFailure.response(for: WebFailure.crossSite, session: session)
            }
            await sessions.end(request.cookies[SessionMiddleware.cookieName]?.value ?? "")
            var response = Response.redirect(to: "/connexion", type: .normal)
            response.setCookie(SessionMiddleware.clearedCookie)
            return response
        }
        router.get("/") { request, context in
            await page(request, context) { session in
                let (_, entries) = try await caseRecord.caseload(by: session.identity)
                return WebPages.caseload(entries, today: CaseRecord.today(), session: session, mayAdmit: try await caseRecord.mayAdmit(by: session.identity))
            }
        }
        router.get("/participants/:participant") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                return try await journey(of: participant, session: session)
            }
        }
        router.post("/participants/:participant/bris-de-vitre") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                return try await journey(of: participant, session: session, breakingGlass: form["justification"] ?? "")
            }
        }
        addRecordingRoutes(to: router)
        return router
    }

    /// A journey as the policy lets the signed-in person see it. Refused for not being in the
    /// care team (or the organization), she is offered to break the glass with a written
    /// justification; a refusal the glass does not lift (the participant's own) is only a refusal.
    private func journey(of participant: ParticipantID, session: WebSession, breakingGlass justification: String? = nil) async throws -> Response {
        do {
            let (journey, decision) = try await caseRecord.journey(of: participant, by: session.identity, breakGlass: justification)
            return WebPages.journey(journey, shown: decision.categories, today: CaseRecord.today(), session: session,
                                    brokeGlass: decision.brokeGlass)
        } catch let denied as ConsentAwareReader.Denied {
            switch denied.decision.denial {
            case .notInCareTeam, .notOwnOrganization:
                return WebPages.breakGlass(participant, reason: denied.decision.denial!.frenchLabel, session: session)
            case .justificationTooShort:
                return WebPages.breakGlass(participant, reason: AccessDecision.Denial.notInCareTeam.frenchLabel, justification: justification ?? "",
                                           tooShort: true, session: session)
            default: throw denied
            }
        }
    }

    /// The application, listening on `host:port` (loopback unless told otherwise).
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil))
    }

    /// Serves on `host:port` until the process is asked to stop (SIGINT, SIGTERM).
    public func run(host: String, port: Int) async throws {
        try await application(host: host, port: port).runService()
    }

    /// A page that needs a session: signed out, to the sign-in (saying the session ended when
    /// the cookie named one); any error, in words (`WebFailure`).
    func page(_ request: Request, _ context: WebContext, _ body: (WebSession) async throws -> Response) async -> Response {
        guard let session = context.session else {
            return .redirect(to: request.cookies[SessionMiddleware.cookieName] == nil ? "/connexion" : "/connexion?fin=1", type: .normal)
        }
        do { return try await body(session) } catch { return WebFailure.response(for: error, session: session) }
    }

    static func signInForm(actor: String = "", failed: Bool = false, ended: Bool = false, language: Language) -> Response {
        let token = WebSessions.token()
        var response = WebPages.signIn(csrf: token, actor: actor, failed: failed, ended: ended, language: language,
                                       status: failed ? .unauthorized : .ok)
        response.setCookie(Cookie(name: formCookieName, value: token, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Keeps the language chosen by the switch and comes back to the page it was on (a path of
    /// this server only). A preference, nothing of the record: the cross-site guard suffices.
    private func chooseLanguage(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        let language = Language(rawValue: form["langue"] ?? "") ?? context.language
        let back = form["retour"] ?? "/"
        let local = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") && back.utf8.count <= 256
        var response = Response.redirect(to: local ? back : "/", type: .normal)
        response.setCookie(language.cookie)
        return response
    }

    /// Checks the form's token, waits as the throttle says, proves the identity; opens a
    /// session (a new id) on success. A failure says the same whatever was wrong.
    private func signIn(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        guard form.carries(token: request.cookies[Self.formCookieName]?.value ?? "") else {
            return WebFailure.response(for: WebFailure.crossSite, session: nil, language: context.language)
        }
        let actor = String((form["actor"] ?? "").prefix(64)), passphrase = form["passphrase"] ?? ""
        try? await Task.sleep(for: await throttle.delay(for: actor))
        do {
            let key = try await caseRecord.signIn(Identity(actor: actor, signer: PassphraseSigner { passphrase }))
            await throttle.succeeded(actor)
            if let old = request.cookies[SessionMiddleware.cookieName]?.value { await sessions.end(old) }
            var response = Response.redirect(to: "/", type: .normal)
            response.setCookie(SessionMiddleware.cookie(try await sessions.open(for: key)))
            response.setCookie(Cookie(name: Self.formCookieName, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict))
            return response
        } catch {
            await throttle.failed(actor)
            return Self.signInForm(actor: Identifiers.isActorID(actor) ? actor : "", failed: true, language: context.language)
        }
    }
}
