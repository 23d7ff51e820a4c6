import Foundation
import Hummingbird
import ParcoursApp
import ParcoursLog

/// Signing in and out: actor id, passphrase and a one-time code (set up at the first sign-in),
/// the language switch.
extension WebApplication {
    /// The pre-session cookie the sign-in form's token is checked against (double submit).
    static let formCookieName = "__Host-parcours-form"
    static let secondFactorPath = "/connexion/second-facteur"
    /// A sign-in form is a few hundred bytes: more is refused before anything is read.
    static let signInLimit = 8 * 1024

    func addSignInRoutes(to router: Router<WebContext>) {
        router.get("/connexion") { request, context in
            if let session = context.session {
                return Response.redirect(to: session.enrolment == nil ? "/" : Self.secondFactorPath, type: .normal)
            }
            return Self.signInForm(ended: request.uri.queryParameters["fin"] != nil, language: context.language)
        }
        router.post("/connexion") { request, context in try await signIn(request, context: context) }
        router.get(RouterPath(Self.secondFactorPath)) { _, context in
            guard let session = context.session, let secret = session.enrolment else { return Response.redirect(to: "/connexion", type: .normal) }
            return WebPages.secondFactor(OneTimeCode(secret: secret), session: session)
        }
        router.post(RouterPath(Self.secondFactorPath)) { request, context in try await confirmSecondFactor(request, context: context) }
        router.post("/deconnexion") { request, context in
            guard let session = context.session else { return Response.redirect(to: "/connexion", type: .normal) }
            let form = try await WebForm(request, context: context)
            guard form.carries(token: session.csrfToken) else {
                return WebFailure.response(for: WebFailure.crossSite, session: session)
            }
            try await sessions.end(request.cookies[SessionMiddleware.cookieName]?.value ?? "")
            var response = Response.redirect(to: "/connexion", type: .normal)
            response.setCookie(SessionMiddleware.clearedCookie)
            return response
        }
        router.post("/langue") { request, context in try await chooseLanguage(request, context: context) }
    }

    static func signInForm(actor: String = "", failed: Bool = false, throttled: Bool = false, ended: Bool = false,
                           language: Language) -> Response {
        let token = WebSessions.token()
        var response = WebPages.signIn(csrf: token, actor: actor, failed: failed, throttled: throttled, ended: ended, language: language,
                                       status: throttled ? .tooManyRequests : failed ? .unauthorized : .ok)
        response.setCookie(Cookie(name: formCookieName, value: token, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        if throttled { response.headers[.retryAfter] = "30" }
        return response
    }

    /// Checks the form's token, waits as the throttle says, proves the identity, then the
    /// one-time code; opens a session (a new id) on success. A failure says the same whatever
    /// was wrong (id, passphrase or code). At the first sign-in, the session opened only sets
    /// up the second factor.
    private func signIn(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await WebForm(request, context: context, limit: Self.signInLimit)
        guard form.carries(token: request.cookies[Self.formCookieName]?.value ?? "") else {
            return WebFailure.response(for: WebFailure.crossSite, session: nil, language: context.language)
        }
        let actor = String(decoding: (form["actor"] ?? "").utf8.prefix(64), as: UTF8.self), passphrase = form["passphrase"] ?? ""
        guard let wait = await throttle.reserve(for: actor) else {
            // Turns for this id are taken for the next half-minute: refused at once, nothing tried or held.
            return Self.signInForm(actor: Identifiers.isActorID(actor) ? actor : "", throttled: true, language: context.language)
        }
        try? await Task.sleep(for: wait)
        let key: UnlockedActor
        do {
            guard let proven = try await proveSignIn(actor, passphrase) else {
                // The server derives as many keys as it takes at once, with a queue: come back, nothing tried.
                return Self.signInForm(actor: Identifiers.isActorID(actor) ? actor : "", throttled: true, language: context.language)
            }
            key = proven
        } catch {
            return await refuseSignIn(actor, language: context.language)
        }
        let device = WebSessions.device(userAgent: request.headers[.userAgent] ?? "")
        guard let secret = try await caseRecord.secondFactorSecret(for: key) else {
            await throttle.succeeded(actor)
            let cookie = try await sessions.open(for: key, device: device, enrolling: Sodium.randomBytes(OneTimeCode.secretLength))
            return try await opened(cookie, replacing: request, to: Self.secondFactorPath)
        }
        guard let step = OneTimeCode(secret: secret).matchingStep(form["code"] ?? "", at: sessions.now()),
              try await caseRecord.claimSecondFactorStep(step, of: key.id)
        else {
            try await caseRecord.recordSignInRefusal(claimed: key.id, reason: .identityNotProven)
            return await refuseSignIn(actor, language: context.language)
        }
        await throttle.succeeded(actor)
        try await caseRecord.recordSignIn(of: key.id)
        return try await opened(try await sessions.open(for: key, device: device), replacing: request, to: "/")
    }

    /// Proves a sign-in's id and passphrase through the gate (`SignInGate`): nil when refused at
    /// its door; a failure thrown (recorded by the use case).
    func proveSignIn(_ actor: String, _ passphrase: String) async throws -> UnlockedActor? {
        try await signInGate.through { try await caseRecord.signIn(Identity(actor: actor, signer: PassphraseSigner { passphrase })) }
    }

    private func refuseSignIn(_ actor: String, language: Language) async -> Response {
        await throttle.failed(actor)
        return Self.signInForm(actor: Identifiers.isActorID(actor) ? actor : "", failed: true, language: language)
    }

    /// Sets up the second factor: the code the app shows proves it holds the new secret; the
    /// set-up session is then replaced by a full one (a new id).
    private func confirmSecondFactor(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session, let secret = session.enrolment else { return Response.redirect(to: "/connexion", type: .normal) }
        let form = try await WebForm(request, context: context, limit: Self.signInLimit)
        guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
        let factor = OneTimeCode(secret: secret)
        guard let step = factor.matchingStep(form["code"] ?? "", at: sessions.now()) else {
            return WebPages.secondFactor(factor, failed: true, session: session)
        }
        // Set up once: a second set-up session (opened with the passphrase meanwhile) never replaces it.
        guard try await caseRecord.setSecondFactor(secret, for: session.proven.key()) else {
            try await sessions.end(request.cookies[SessionMiddleware.cookieName]?.value ?? "")
            var response = Response.redirect(to: "/connexion", type: .normal)
            response.setCookie(SessionMiddleware.clearedCookie)
            return response
        }
        _ = try await caseRecord.claimSecondFactorStep(step, of: session.actor)
        _ = try await sessions.store.endWebSessions(of: session.actor, settingUpOnly: true)
        let device = WebSessions.device(userAgent: request.headers[.userAgent] ?? "")
        // The first sign-in with both factors: recorded as every later one is.
        try await caseRecord.recordSignIn(of: session.actor)
        return try await opened(try await sessions.open(for: session.proven.key(), device: device), replacing: request, to: "/")
    }

    /// The answer that hands the browser a new session (ending the one it had) and drops the form cookie.
    func opened(_ cookie: String, replacing request: Request, to path: String) async throws -> Response {
        if let old = request.cookies[SessionMiddleware.cookieName]?.value { try await sessions.end(old) }
        var response = Response.redirect(to: path, type: .normal)
        response.setCookie(SessionMiddleware.cookie(cookie))
        response.setCookie(Cookie(name: Self.formCookieName, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Keeps the language chosen by the switch and comes back to the page it was on (a path of
    /// this server only). A preference, nothing of the record: the cross-site guard suffices.
    private func chooseLanguage(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        let language = Language(rawValue: form["langue"] ?? "") ?? context.language
        let back = form["retour"] ?? "/"
        // A path of this server: printable ASCII only (a tab or a backslash could make `//`), not `//`.
        let local = back.hasPrefix("/") && !back.hasPrefix("//") && back.utf8.count <= 256
            && back.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\\") }
        var response = Response.redirect(to: local ? back : "/", type: .normal)
        response.setCookie(language.cookie)
        return response
    }
}
