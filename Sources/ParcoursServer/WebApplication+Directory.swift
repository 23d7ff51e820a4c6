import Foundation
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursFiles
import ParcoursLog

/// The administrator's workspace — the directory: enrol a person through a one-time link, change
/// her roles, give her a new key (a new link), revoke her — and the page where a person chooses
/// her own passphrase through her link, then sets up her second factor. The access policy decides
/// each request (`directory`, purpose `administration`: the administrator's alone) and records it;
/// each change is a signed event of the directory.
extension WebApplication {
    static let welcomePath = "/bienvenue/"

    func addDirectoryRoutes(to router: Router<WebContext>) {
        router.get("/administration") { request, context in
            await page(request, context) { session in
                WebPages.directory(try await caseRecord.directory(purpose: .administration, by: session.identity), backups: backups != nil,
                                   session: session)
            }
        }
        router.post("/administration/acteurs") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let draft = EnrolmentDraft(form)
                var refusals = draft.refusals(in: session.language)
                if refusals.isEmpty, let actor = ActorID(draft.actor), let roles = draft.checkedRoles {
                    do {
                        let link = try await caseRecord.enrolWithLink(actor: actor, name: draft.name, organization: draft.organization,
                                                                      roles: roles, by: session.identity)
                        return WebPages.enrolmentLink(link, url: linkURL(link, request: request), session: session)
                    } catch LogError.invalidInput(field: "actor", _) {
                        refusals.append(("actor", Catalogue.directory["id"]!(session.language), Catalogue.directoryChecks["taken"]!(session.language)))
                    }
                }
                return WebPages.directory(try await caseRecord.directory(purpose: .administration, by: session.identity), typed: draft,
                                          refusals: refusals, backups: backups != nil, session: session)
            }
        }
        router.get("/administration/acteurs/:actor") { request, context in
            await page(request, context) { session in
                let actor = try await listed(context, session: session)
                return WebPages.directoryActor(actor, openSessions: try await sessions.list(of: actor.id), session: session)
            }
        }
        router.post("/administration/acteurs/:actor/sessions/fin") { request, context in
            await administer(request, context) { session, form, actor in
                let ended = try await caseRecord.endSession(of: try ActorID(checking: actor.id, field: "actor"), by: session.identity) {
                    try await sessions.end(handle: form["session"] ?? "", of: actor.id)
                }
                return WebPages.directoryActor(actor, openSessions: try await sessions.list(of: actor.id),
                                               notice: ended ? Catalogue.directory["sessionEnded"]!(session.language) : nil, session: session)
            }
        }
        router.post("/administration/sauvegarde") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                guard let backups else { throw WebFailure.notFound }
                if !FileManager.default.fileExists(atPath: backups) { try PrivateFile.createDirectory(backups, field: "backups") }
                let name = "parcours-\(Self.backupStamp(sessions.now())).sqlite"
                try await caseRecord.backup(to: backups + "/" + name, by: session.identity)
                return WebPages.directory(try await caseRecord.directory(purpose: .administration, by: session.identity), backups: true,
                                          backedUp: name, session: session)
            }
        }
        router.post("/administration/acteurs/:actor/roles") { request, context in
            await administer(request, context) { session, form, actor in
                let draft = EnrolmentDraft(form)
                guard !draft.roles.isEmpty, let roles = draft.checkedRoles else {
                    return WebPages.directoryActor(actor, refusals: [("roles", Catalogue.directory["roles"]!(session.language),
                                                                      Catalogue.directoryChecks["roles"]!(session.language))], session: session)
                }
                do { _ = try await caseRecord.changeRoles(of: ActorID(actor.id)!, to: roles, by: session.identity) } catch LogError.ruleBroken {
                    // Her own roles with one she does not hold: another administrator gives it (`DirectoryChange.roleChange`).
                    let check = actor.id == session.actor && roles.contains { !actor.roles.contains($0.rawValue) } ? "ownRoles" : "lastAdmin"
                    return WebPages.directoryActor(actor, refusals: [("roles", Catalogue.directory["roles"]!(session.language),
                                                                      Catalogue.directoryChecks[check]!(session.language))], session: session)
                }
                return WebPages.directoryActor(try await listed(context, session: session), notice: Catalogue.directory["rolesChanged"]!(session.language),
                                               session: session)
            }
        }
        router.post("/administration/acteurs/:actor/cle") { request, context in
            await administer(request, context) { session, _, actor in
                let link = try await caseRecord.rotateKeyWithLink(of: ActorID(actor.id)!, by: session.identity)
                return WebPages.enrolmentLink(link, url: linkURL(link, request: request), session: session)
            }
        }
        router.post("/administration/acteurs/:actor/revocation") { request, context in
            await administer(request, context) { session, form, actor in
                let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty, reason.count <= 200 else {
                    return WebPages.directoryActor(actor, reason: reason, refusals: [("reason", Catalogue.directory["reason"]!(session.language),
                                                                                      Catalogue.directoryChecks["reason"]!(session.language))],
                                                   session: session)
                }
                do { _ = try await caseRecord.revoke(ActorID(actor.id)!, reason: reason, by: session.identity) } catch LogError.ruleBroken {
                    return WebPages.directoryActor(actor, reason: reason, refusals: [("reason", Catalogue.directory["revoke"]!(session.language),
                                                                                      Catalogue.directoryChecks["lastAdmin"]!(session.language))],
                                                   session: session)
                }
                return Response.redirect(to: "/administration/acteurs/\(actor.id)", type: .normal)
            }
        }
        router.get(RouterPath(Self.welcomePath + ":secret")) { _, context in
            let secret = context.parameters.get("secret") ?? ""
            guard let actor = try await caseRecord.enrolmentLinkActor(secret: secret) else { return Self.linkGone(context.language) }
            return Self.welcomeForm(actor: actor, secret: secret, language: context.language)
        }
        router.post(RouterPath(Self.welcomePath + ":secret")) { request, context in try await chooseOwnPassphrase(request, context: context) }
    }

    /// A change to one person of the directory: her id checked, the form's token, then `body`.
    private func administer(_ request: Request, _ context: WebContext,
                            _ body: @escaping (WebSession, WebForm, CaseRecord.ListedActor) async throws -> Response) async -> Response {
        await page(request, context) { session in
            let form = try await WebForm(request, context: context)
            guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
            return try await body(session, form, try await listed(context, session: session))
        }
    }

    /// The person the path names, as the directory lists her (the read decided and recorded).
    private func listed(_ context: WebContext, session: WebSession) async throws -> CaseRecord.ListedActor {
        let id = context.parameters.get("actor") ?? ""
        let actors = try await caseRecord.directory(purpose: .administration, by: session.identity)
        guard let actor = actors.first(where: { $0.id == id }) else { throw WebFailure.notFound }
        return actor
    }

    /// A backup's name: when it was made, to the second, in UTC (sortable, nothing personal).
    static func backupStamp(_ date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
                      parts.second ?? 0)
    }

    /// The link as the person will open it: the server's public address when it has one (behind
    /// a proxy), otherwise this server's, as the administrator reached it.
    func linkURL(_ link: EnrolmentLink, request: Request) -> String {
        let origin = publicAddress?.origin ?? "\(tls ? "https" : "http")://\(request.head.authority ?? "localhost")"
        return origin + Self.welcomePath + link.secret
    }

    static func welcomeForm(actor: String, secret: String, refusals: WebPages.Refusals = [], language: Language) -> Response {
        let token = WebSessions.token()
        var response = WebPages.welcome(actor: actor, action: welcomePath + secret, csrf: token, refusals: refusals, language: language)
        response.setCookie(Cookie(name: formCookieName, value: token, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    static func linkGone(_ language: Language) -> Response {
        WebPages.problem(.notFound, heading: Catalogue.directory["linkGoneTitle"]!(language), message: Catalogue.directory["linkGone"]!(language),
                         session: nil, language: language)
    }

    /// The person chooses her passphrase (twice, checked as every new one is); her key is sealed
    /// under it and the link is spent; a session opens that only sets up her second factor.
    private func chooseOwnPassphrase(_ request: Request, context: WebContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? "", language = context.language
        let form = try await WebForm(request, context: context, limit: Self.signInLimit)
        guard form.carries(token: request.cookies[Self.formCookieName]?.value ?? "") else {
            return WebFailure.response(for: WebFailure.crossSite, session: nil, language: language)
        }
        guard let actor = try await caseRecord.enrolmentLinkActor(secret: secret) else { return Self.linkGone(language) }
        let passphrase = form["passphrase"] ?? "", words = Catalogue.directory
        if passphrase.count < Passphrase.minimumLength {
            return Self.welcomeForm(actor: actor, secret: secret, refusals: [("passphrase", words["passphrase"]!(language), words["tooShort"]!(language))],
                                    language: language)
        }
        guard passphrase == form["confirmation"] else {
            return Self.welcomeForm(actor: actor, secret: secret, refusals: [("confirmation", words["confirm"]!(language), words["mismatch"]!(language))],
                                    language: language)
        }
        let key: UnlockedActor
        do { key = try await caseRecord.redeemEnrolmentLink(secret: secret, passphrase: passphrase) } catch LogError.invalidInput(field: "link", _) {
            return Self.linkGone(language)
        } catch LogError.invalidInput(field: "passphrase", let reason) {
            return Self.welcomeForm(actor: actor, secret: secret, refusals: [("passphrase", words["passphrase"]!(language), reason)], language: language)
        }
        let device = WebSessions.device(userAgent: request.headers[.userAgent] ?? "")
        let cookie = try await sessions.open(for: key, device: device, enrolling: Sodium.randomBytes(OneTimeCode.secretLength))
        return try await opened(cookie, replacing: request, to: Self.secondFactorPath)
    }
}
