import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
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
    var signInGate = SignInGate()
    let apiLimit = APIRateLimit()
    let verificationJobs = VerificationJobs()
    /// Whether the server speaks TLS (HSTS).
    let tls: Bool
    /// Where the administrator's backups go (created 0700 at the first); nil: the server makes none.
    let backups: String?
    /// Where research exports made through the web are kept (`<store>/research-exports`), or nil
    /// when the server has no such place (it serves a backup, read only): `WebApplication+Research`.
    public var researchShelf: String?
    /// The most an uploaded export may weigh (`WebApplication+PrivacyForms`).
    public var exportUploadLimit = WebApplication.defaultExportUploadLimit
    /// Where people reach the server through a proxy, if one stands in front of it: enrolment
    /// links point there, and over https the pages send HSTS.
    public var publicAddress: PublicAddress?

    public init(caseRecord: CaseRecord, tls: Bool = false, backups: String? = nil) {
        self.init(caseRecord: caseRecord, tls: tls, backups: backups, sessions: WebSessions(store: caseRecord.store))
    }

    init(caseRecord: CaseRecord, tls: Bool, backups: String? = nil, sessions: WebSessions) {
        (self.caseRecord, self.tls, self.backups, self.sessions) = (caseRecord, tls, backups, sessions)
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders<WebContext>(tls: tls || publicAddress?.secure == true))
        router.add(middleware: StorageExecutorMiddleware<WebContext>())
        router.add(middleware: CrossSiteGuard<WebContext>(publicOrigin: publicAddress?.origin))
        router.add(middleware: SessionMiddleware(sessions: sessions))

        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: StyleSheet.css + StyleSheet.forms + StyleSheet.program + StyleSheet.privacy)))
        }
        addSignInRoutes(to: router)
        addSessionRoutes(to: router)
        router.get("/") { request, context in
            await page(request, context) { session in
                // Home is the caseload for whoever has one, her first workspace for anyone else.
                if !session.workspaces.contains(.caseload) {
                    guard let first = session.workspaces.first else {
                        return WebPages.problem(.forbidden, heading: Catalogue.layout["workspace-caseload"]!(session.language),
                                                message: Catalogue.layout["noWorkspace"]!(session.language), session: session)
                    }
                    return .redirect(to: first.path, type: .normal)
                }
                let (_, entries) = try await caseRecord.caseload(by: session.identity)
                let view = CaseloadView(query: request.uri.queryParameters["vue"].map(String.init), request.uri.queryParameters["tri"].map(String.init))
                return WebPages.caseload(entries, view: view, today: CaseRecord.today(), session: session,
                                         mayAdmit: try await caseRecord.mayAdmit(by: session.identity))
            }
        }
        router.get("/participants/:participant") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                return try await journey(of: participant, session: session)
            }
        }
        router.get("/participants/:participant/chronologie") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                return try await journey(of: participant, view: .timeline, session: session)
            }
        }
        router.post("/participants/:participant/bris-de-vitre") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let justification = form["justification"] ?? ""
                // Longer than the field takes (a browser would not send it): refused as typed, nothing read or recorded —
                // a grant re-uses its justification on each read of the day, into the access log.
                // Counted as the field counts it (a line break one character), by code point: combining marks count too.
                guard justification.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.count <= WebPages.longestJustification else {
                    return WebPages.breakGlass(participant, reason: Self.refusedWithoutGlass(session), justification: justification, tooLong: true,
                                               session: session)
                }
                return try await journey(of: participant, session: session, breakingGlass: justification)
            }
        }
        router.post("/participants/:participant/bris-de-vitre/fin") { request, context in
            await page(request, context) { session in
                let participant = try ParticipantID(checking: context.parameters.get("participant") ?? "")
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                try await sessions.keep(nil, for: participant.rawValue, in: session)
                return Response.redirect(to: "/", type: .normal)
            }
        }
        addRecordingRoutes(to: router)
        addDirectoryRoutes(to: router)
        addAPIRoutes(to: router)
        addProgramRoutes(to: router)
        addResearchRoutes(to: router)
        addPrivacyRoutes(to: router)
        addOversightAPIRoutes(to: router)
        addResearchAPIRoutes(to: router)
        addDirectoryAPIRoutes(to: router)
        addAPIMethodAnswers(to: router)
        return router
    }

    /// A journey as the policy lets the signed-in person see it. Refused for not being in the
    /// care team (or the organization), she is offered to break the glass with a written
    /// justification; a refusal the glass does not lift (the participant's own) is only a refusal.
    /// Once broken, the glass stays open for that record until the end of the day in this
    /// session: each read is still decided and recorded with the justification, for review.
    /// `view` `.timeline` is the whole timeline's page, the journey's otherwise.
    private func journey(of participant: ParticipantID, view: AccessView = .journey, session: WebSession,
                         breakingGlass typed: String? = nil) async throws -> Response {
        var grant = session.glass[participant.rawValue]
        if grant != nil, !AccessPolicy.glassRoles.contains(where: session.roles.contains) {
            // Her roles changed since she broke the glass: the grant is no longer hers to hold.
            try await sessions.keep(nil, for: participant.rawValue, in: session)
            grant = nil
        }
        let justification = typed ?? grant?.justification
        do {
            // The journey's page shows who opened the record to its care team; the timeline's does not.
            let (journey, decision, openings, acts): (Journey, AccessDecision, [RecordOpening]?, Int)
            if view == .timeline {
                (journey, decision) = try await caseRecord.journey(of: participant, view: .timeline, by: session.identity, breakGlass: justification)
                (openings, acts) = (nil, journey.timeline.count)
            } else {
                (journey, decision, openings, acts) = try await caseRecord.journeyWithOpenings(of: participant, by: session.identity,
                                                                                              breakGlass: justification, latestActs: WebPages.recentActs)
            }
            var until = grant?.until
            if decision.brokeGlass, let typed {
                let kept = GlassGrant(justification: typed, until: GlassGrant.endOfDay(after: sessions.now(), sessionEnds: session.ends))
                try await sessions.keep(kept, for: participant.rawValue, in: session)
                until = kept.until
            }
            if view == .timeline {
                return WebPages.timeline(of: journey, shown: decision.categories, session: session, brokeGlass: decision.brokeGlass,
                                         glassUntil: decision.brokeGlass ? until : nil)
            }
            return WebPages.journey(journey, acts: acts, shown: decision.categories, today: CaseRecord.today(), session: session,
                                    brokeGlass: decision.brokeGlass, glassUntil: decision.brokeGlass ? until : nil,
                                    openings: openings)
        } catch let denied as ConsentAwareReader.Denied {
            switch denied.decision.denial {
            case .notInCareTeam, .notOwnOrganization:
                return WebPages.breakGlass(participant, reason: VocabularyLabel.label(denied.decision.denial!, in: session.language), session: session)
            case .justificationTooShort:
                return WebPages.breakGlass(participant, reason: Self.refusedWithoutGlass(session), justification: justification ?? "", tooShort: true,
                                           session: session)
            default: throw denied
            }
        }
    }

    /// Why the record was refused before a justification came (one too short or too long is
    /// refused again for it): outside the care team for a clinician, the organization otherwise,
    /// as the policy decides it (`AccessPolicy.decideRecord`).
    static func refusedWithoutGlass(_ session: WebSession) -> String {
        VocabularyLabel.label(session.roles.contains(.clinician) ? AccessDecision.Denial.notInCareTeam : .notOwnOrganization, in: session.language)
    }

    /// The application, listening on `host:port` (loopback unless told otherwise), over TLS
    /// (1.2 at least) when given a certificate chain and its key, PEM files.
    public func application(host: String, port: Int, tls files: (certificate: String, key: String)? = nil) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil)
        guard let files else { return Application(router: router(), configuration: configuration) }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: try NIOSSLCertificate.fromPEMFile(files.certificate).map { .certificate($0) },
                                                           privateKey: .privateKey(try NIOSSLPrivateKey(file: files.key, format: .pem)))
        tls.minimumTLSVersion = .tlsv12
        return Application(router: router(), server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration)
    }

    /// Serves on `host:port` until the process is asked to stop (SIGINT, SIGTERM).
    public func run(host: String, port: Int, tls files: (certificate: String, key: String)? = nil) async throws {
        try await application(host: host, port: port, tls: files).runService()
    }

    /// A page that needs a session: signed out (or not past the second factor), to the sign-in (saying the session ended when
    /// the cookie named one); any error, in words (`WebFailure`).
    func page(_ request: Request, _ context: WebContext, _ body: (WebSession) async throws -> Response) async -> Response {
        guard var session = context.session else {
            return .redirect(to: request.cookies[SessionMiddleware.cookieName] == nil ? "/connexion" : "/connexion?fin=1", type: .normal)
        }
        // A session opened to set up the second factor opens nothing else.
        if session.enrolment != nil { return .redirect(to: "/connexion/second-facteur", type: .normal) }
        do {
            session.roles = try await caseRecord.roles(by: session.identity)
            return try await body(session)
        } catch { return WebFailure.response(for: error, session: session) }
    }
}
