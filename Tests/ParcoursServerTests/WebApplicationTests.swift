import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The web application as a browser meets it: every route, each permit and denial of the
/// policy, the cross-site guard, the headers, the session's life.
@Suite("The clinicians' web application")
struct WebApplicationTests {
    @Test("every answer carries the strict headers; the sign-in form's cookie is __Host-, Secure, HttpOnly, SameSite=Strict")
    func headers() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let form = try await client.execute(uri: "/connexion", method: .get)
            #expect(form.status == .ok)
            #expect(form.headers[.contentSecurityPolicy] == SecurityHeaders<WebContext>.contentSecurityPolicy)
            #expect(form.headers[.cacheControl] == "no-store" && form.headers[.xContentTypeOptions] == "nosniff")
            #expect(form.headers[.referrerPolicy] == "no-referrer" && form.headers[.xFrameOptions] == "DENY")
            #expect(form.headers[.strictTransportSecurity] == nil, "no HSTS without TLS")
            let cookie = try #require(form.headers[values: .setCookie].first)
            #expect(cookie.hasPrefix("__Host-parcours-form=") && cookie.contains("Secure") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            #expect(form.text.contains("<html lang=\"fr\">") && form.text.contains("Phrase de passe"))
            let missing = try await client.execute(uri: "/nulle-part", method: .get)
            #expect(missing.status == .notFound && missing.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("a wrong passphrase, an unknown id and a wrong code get the same answer, and all are recorded; the right ones open a new session")
    func signIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (_, wrong) = try await fixture.signIn(client, WebFixture.admitting, passphrase: "pas-la-bonne-phrase")
            let (_, unknown) = try await fixture.signIn(client, "personne-inconnue")
            let (_, wrongCode) = try await fixture.signIn(client, WebFixture.admitting, code: "000000")
            let (_, noCode) = try await fixture.signIn(client, WebFixture.admitting, code: "")
            for page in [wrong, unknown, wrongCode, noCode] {
                #expect(page.status == .unauthorized)
                #expect(page.text.contains("Identifiant, phrase de passe ou code incorrect"))
                #expect(page.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(SessionMiddleware.cookieName) })
            }
            let records = try fixture.store.accessRecords().suffix(4)
            #expect(records.map { $0.payload["reason"] } == ["identity not proven", "unknown actor", "identity not proven", "identity not proven"])
            #expect(records.allSatisfy { $0.type == "access.sign-in" && $0.payload["view"] == "sign-in" && $0.payload["purpose"] == nil },
                    "refused sign-ins, not reads")
            #expect(Array(records)[1].payload["actor"]?.stringValue?.hasPrefix("unproven-") == true,
                    "an id nobody holds (a passphrase typed in its field, say) is kept only as a digest")
            #expect(try fixture.signIns(permitted: true).isEmpty)
            let (first, opened) = try await fixture.signIn(client, WebFixture.admitting)
            let (second, _) = try await fixture.signIn(client, WebFixture.admitting)
            // Each sign-in that proved both factors, recorded before its session opened: who, her organization, nothing read.
            let proven = try fixture.signIns(permitted: true)
            #expect(proven.count == 2 && proven.allSatisfy {
                $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "sign-in" && $0["organization"] != nil
                    && $0["participant"] == nil && $0["purpose"] == nil && $0["categories"] == nil
            }, "\(proven)")
            #expect(opened.status == .seeOther && opened.headers[.location] == "/")
            let session = try #require(first.cookies[SessionMiddleware.cookieName])
            #expect(session != second.cookies[SessionMiddleware.cookieName], "each sign-in opens a new session id")
            let setCookie = try #require(opened.headers[values: .setCookie].first { $0.hasPrefix(SessionMiddleware.cookieName) })
            #expect(setCookie.contains("Secure") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        }
    }

    @Test("the caseload and a journey need a session; the care team's clinician reads the journey, with no store of the page")
    func careTeamReads() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let signedOut = try await client.execute(uri: "/", method: .get)
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/connexion")
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let caseload = try await client.get("/", jar: jar)
            #expect(caseload.status == .ok && caseload.text.contains("/participants/\(participant)"))
            let journey = try await client.get("/participants/\(participant)", jar: jar)
            #expect(journey.status == .ok && journey.text.contains("Personne Fictive Web") && journey.text.contains(participant))
            #expect(journey.headers[.cacheControl] == "no-store")
        }
        let reads = try fixture.accessRecords().filter { $0["view"] == "journey" && $0["participant"] == .string(participant) }
        #expect(reads.last?["actor"] == .string(WebFixture.admitting) && reads.last?["outcome"] == "permitted")
    }

    @Test("a clinician outside the care team is refused the journey (403, nothing of it shown), and the refusal is recorded")
    func strangerRefused() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let refused = try await client.get("/participants/\(participant)", jar: jar)
            #expect(refused.status == .forbidden && refused.text.contains("Accès refusé"))
            #expect(!refused.text.contains("Personne Fictive Web"))
            let malformed = try await client.get("/participants/Personne%20Fictive", jar: jar)
            #expect(malformed.status == .badRequest && !malformed.text.contains("Personne Fictive"))
            let unknown = try await client.get("/participants/P-ZZZZZZ", jar: jar)
            #expect(unknown.status == .notFound)
        }
        let refusal = try #require(try fixture.accessRecords().last { $0["participant"] == .string(participant) })
        #expect(refusal["actor"] == .string(WebFixture.stranger) && refusal["outcome"] == "denied" && refusal["reason"] == "not in the care team")
    }

    @Test("refused, a clinician outside the care team may break the glass: a justification too short or longer than its field is refused and kept; a real one opens the record, marked for review")
    func breakGlass() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let justification = "Appel de la ligne d'urgence : danger imminent signalé ce soir"
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let refused = try await client.get("/participants/\(participant)", jar: jar)
            #expect(refused.status == .forbidden && refused.text.contains("Briser la vitre") && !refused.text.contains("Personne Fictive Web"))
            let token = try #require(refused.csrfToken)
            let short = try await client.post("/participants/\(participant)/bris-de-vitre", ["_csrf": token, "justification": "urgence"], jar: jar)
            #expect(short.status == .forbidden && short.text.contains("au moins 20 caractères") && short.text.contains(">urgence</textarea>"))
            #expect(!short.text.contains("Personne Fictive Web"))
            let recordsBefore = try fixture.accessRecords().count
            let long = try await client.post("/participants/\(participant)/bris-de-vitre",
                                             ["_csrf": token, "justification": justification + String(repeating: " et encore", count: 100)], jar: jar)
            #expect(long.status == .badRequest && long.text.contains("ne peut dépasser 1000 caractères") && long.text.contains("aria-invalid=\"true\""))
            #expect(long.text.contains(" et encore et encore</textarea>") && !long.text.contains("Personne Fictive Web"), "kept as typed, nothing opened")
            #expect(try fixture.accessRecords().count == recordsBefore, "nothing read, so nothing recorded")
            let forged = try await client.post("/participants/\(participant)/bris-de-vitre", ["_csrf": "faux", "justification": justification], jar: jar)
            #expect(forged.status == .forbidden && !forged.text.contains("Personne Fictive Web"))
            let opened = try await client.post("/participants/\(participant)/bris-de-vitre", ["_csrf": token, "justification": justification], jar: jar)
            #expect(opened.status == .ok && opened.text.contains("Personne Fictive Web") && opened.text.contains("Accès par bris de vitre"))
            #expect(!opened.text.contains("/evaluation"), "no recording form is offered that the policy would refuse without the glass")
            #expect(opened.text.contains("reste ouvert pour vous jusqu&#39;au") && opened.text.contains("Refermer maintenant"))
            // The glass stays broken for that record in this session: the next read opens it, recorded again.
            fixture.clock.advance(60)
            let again = try await client.get("/participants/\(participant)", jar: jar)
            #expect(again.status == .ok && again.text.contains("Accès par bris de vitre") && again.text.contains("Personne Fictive Web"))
            let reads = try fixture.accessRecords().filter {
                $0["participant"] == .string(participant) && $0["purpose"] == "break-glass" && $0["outcome"] == "permitted"
            }
            #expect(reads.count == 2 && reads.allSatisfy { $0["justification"] == .string(justification) && $0["review"] == true })
            // Not in another session of hers, and not once she closes it.
            let (other, _) = try await fixture.signIn(client, WebFixture.stranger)
            #expect(try await client.get("/participants/\(participant)", jar: other).status == .forbidden)
            let closed = try await client.post("/participants/\(participant)/bris-de-vitre/fin", ["_csrf": token], jar: jar)
            #expect(closed.status == .seeOther)
            #expect(try await client.get("/participants/\(participant)", jar: jar).status == .forbidden)
        }
        let record = try #require(try fixture.accessRecords().last { $0["participant"] == .string(participant) && $0["outcome"] == "permitted" })
        #expect(record["actor"] == .string(WebFixture.stranger) && record["purpose"] == "break-glass" && record["review"] == true)
        #expect(record["justification"] == .string(justification))
    }

    @Test("two tabs breaking the glass for two records at the same moment both keep their grant")
    func glassInTwoTabs() async throws {
        let fixture = try await WebFixture()
        let admission: JSONValue = [
            "type": "participant.enrolled", "occurredAt": "2026-11-21T10:00:00.000Z",
            "data": ["identity": ["name": "Personne Fictive Deux", "dateOfBirth": "2009-03-01"], "genderIdentity": "woman",
                     "preferredLanguage": "fr", "referringOrganization": "Organisme Exemple", "voluntary": true, "recognizesHarms": true],
        ]
        let second = try await fixture.caseRecord.record([try ActRequest(json: admission)],
                                                         by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))[0].participant
        let justification = "Appel de la ligne d'urgence : danger imminent signalé ce soir"
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let token = try #require(try await client.get("/participants/\(fixture.participant)", jar: jar).csrfToken)
            for round in 0..<4 {
                async let one = client.post("/participants/\(fixture.participant)/bris-de-vitre", ["_csrf": token, "justification": justification], jar: jar)
                async let two = client.post("/participants/\(second)/bris-de-vitre", ["_csrf": token, "justification": justification], jar: jar)
                #expect(try await [one.status, two.status] == [.ok, .ok])
                for participant in [fixture.participant, second] {
                    #expect(try await client.get("/participants/\(participant)", jar: jar).status == .ok, "round \(round): a grant was lost")
                }
                for participant in [fixture.participant, second] {
                    _ = try await client.post("/participants/\(participant)/bris-de-vitre/fin", ["_csrf": token], jar: jar)
                }
            }
        }
    }

    @Test("the glass is held while one's roles allow it: made partner during the session, her grant is dropped and she is refused as a partner; made coordinator, a justification too short or too long is refused for her organization")
    func glassFollowsRoles() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let admin = Identity(actor: WebFixture.admin, signer: PassphraseSigner { WebFixture.passphrase })
        let stranger = ActorID(WebFixture.stranger)!
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let token = try #require(try await client.get("/participants/\(participant)", jar: jar).csrfToken)
            let opened = try await client.post("/participants/\(participant)/bris-de-vitre",
                                               ["_csrf": token, "justification": "Appel de la ligne d'urgence : danger imminent signalé"], jar: jar)
            #expect(opened.status == .ok && opened.text.contains("Personne Fictive Web"))

            _ = try await fixture.caseRecord.changeRoles(of: stranger, to: [.partner], by: admin)
            let partner = try await client.get("/participants/\(participant)", jar: jar)
            #expect(partner.status == .forbidden && partner.text.contains("aucun consentement en vigueur"), "refused as a partner, in words")
            #expect(!partner.text.contains("Personne Fictive Web") && !partner.text.contains("Accès par bris de vitre"))
            let attempts = try fixture.accessRecords().filter { $0["actor"] == .string(WebFixture.stranger) && $0["purpose"] == "break-glass" }
            #expect(attempts.allSatisfy { $0["outcome"] == "permitted" }, "the dropped grant was never sent to the policy")

            _ = try await fixture.caseRecord.changeRoles(of: stranger, to: [.coordinator], by: admin)
            let coordinator = try await client.get("/participants/\(participant)", jar: jar)
            #expect(coordinator.status == .forbidden && coordinator.text.contains("Briser la vitre"), "no grant left: the glass is offered again")
            #expect(coordinator.text.contains("pas suivi par votre organisation"))
            let short = try await client.post("/participants/\(participant)/bris-de-vitre", ["_csrf": token, "justification": "urgence"], jar: jar)
            #expect(short.status == .forbidden && short.text.contains("au moins 20 caractères"))
            #expect(short.text.contains("pas suivi par votre organisation") && !short.text.contains("équipe de suivi"), "the same reason as before")
            let long = try await client.post("/participants/\(participant)/bris-de-vitre",
                                             ["_csrf": token, "justification": String(repeating: "urgence signalée ", count: 80)], jar: jar)
            #expect(long.status == .badRequest && long.text.contains("pas suivi par votre organisation") && !long.text.contains("équipe de suivi"))
        }
    }

    @Test("the glass broken for a record lasts until the end of the day, or the session's end if sooner")
    func glassUntilEndOfDay() {
        let calendar = Calendar.current
        let morning = calendar.date(bySettingHour: 9, minute: 30, second: 0, of: Date())!
        let midnight = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: morning))!
        #expect(GlassGrant.endOfDay(after: morning, sessionEnds: morning + 10 * 3600) == morning + 10 * 3600)
        let evening = calendar.date(bySettingHour: 20, minute: 0, second: 0, of: morning)!
        #expect(GlassGrant.endOfDay(after: evening, sessionEnds: evening + 10 * 3600) == midnight)
    }

    @Test("a POST from another site, with another origin, or without its form's token is refused, and changes nothing")
    func crossSite() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let caseload = try await client.get("/", jar: jar)
            let token = try #require(caseload.csrfToken)
            let noToken = try await client.post("/deconnexion", [:], jar: jar)
            let wrongToken = try await client.post("/deconnexion", ["_csrf": "pas-le-bon"], jar: jar)
            let otherSite = try await client.post("/deconnexion", ["_csrf": token], jar: jar, headers: [.secFetchSite: "cross-site"])
            let otherOrigin = try await client.post("/deconnexion", ["_csrf": token], jar: jar, headers: [.origin: "https://ailleurs.example"])
            for refused in [noToken, wrongToken, otherSite, otherOrigin] { #expect(refused.status == .forbidden) }
            #expect(try await client.get("/", jar: jar).status == .ok, "the session is still open")
            let signInWithoutFormCookie = try await client.post("/connexion", ["_csrf": "x", "actor": WebFixture.admitting,
                                                                               "passphrase": WebFixture.passphrase], jar: CookieJar())
            #expect(signInWithoutFormCookie.status == .forbidden)
            var out = jar
            // What a browser sends under `Referrer-Policy: no-referrer`: `Origin: null`, same-origin fetch metadata.
            let signedOut = try await client.post("/deconnexion", ["_csrf": token], jar: jar,
                                                  headers: [.origin: "null", .secFetchSite: "same-origin"])
            #expect(signedOut.status == .seeOther)
            out.take(signedOut)
            #expect(out.cookies[SessionMiddleware.cookieName] == nil)
            let after = try await client.get("/", jar: jar)
            #expect(after.status == .seeOther && after.headers[.location] == "/connexion?fin=1", "the old cookie opens nothing")
        }
    }

    @Test("a form larger than the server takes is answered 413 in words, and nothing is written")
    func formTooLarge() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let token = try #require(try await client.get("/", jar: jar).csrfToken)
            let before = try fixture.store.size()
            let huge = try await client.post("/admission", ["_csrf": token, "name": String(repeating: "a", count: 300 * 1024)], jar: jar)
            #expect(huge.status == .contentTooLarge)
            #expect(huge.text.contains("Envoi trop volumineux") && huge.text.contains("256 Kio"))
            #expect(try fixture.store.size() == before)
        }
    }

    @Test("a session ends after 15 minutes without a request, and 10 hours after sign-in however active")
    func sessionExpiry() async throws {
        let fixture = try await WebFixture()
        let clock = fixture.clock
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            clock.advance(14 * 60)
            #expect(try await client.get("/", jar: jar).status == .ok)
            clock.advance(16 * 60)
            #expect(try await client.get("/", jar: jar).headers[.location] == "/connexion?fin=1")
            let (active, _) = try await fixture.signIn(client, WebFixture.admitting)
            for step in 0..<44 {
                if step == 42 { #expect(try await client.get("/", jar: active).status == .ok, "still open at 9 h 48") }
                clock.advance(14 * 60)
                _ = try await client.get("/style.css", jar: active)
                _ = try await client.get("/", jar: active)
            }
            #expect(try await client.get("/", jar: active).headers[.location] == "/connexion?fin=1", "44 × 14 min > 10 h")
        }
    }

    @Test("a person keeps at most 20 sessions open, pages and API together: signing in beyond ends the least recently used")
    func sessionsPerPersonBounded() async throws {
        let clock = TestClock()
        let fixture = try await WebFixture(clock: clock)
        let key = try await fixture.caseRecord.store.unlockActor(WebFixture.admitting, passphrase: WebFixture.passphrase)
        let sessions = WebSessions(store: fixture.caseRecord.store, now: { clock.now })
        var tokens: [String] = []
        for index in 0..<(WebSessions.mostSessions + 2) {
            clock.advance(1)
            tokens.append(try await sessions.open(for: key, device: "Chromium, Linux", kind: index.isMultiple(of: 2) ? .page : .api))
        }
        #expect(try await sessions.count(of: WebFixture.admitting) == WebSessions.mostSessions)
        #expect(try await sessions.resume(tokens[0], kind: .page) == nil, "the least recently used ended")
        #expect(try await sessions.resume(tokens[1], kind: .api) == nil, "and the next")
        #expect(try await sessions.resume(tokens[2], kind: .page) != nil)
        #expect(try await sessions.resume(tokens[tokens.count - 1], kind: .api) != nil)
        let other = try await fixture.caseRecord.store.unlockActor(WebFixture.stranger, passphrase: WebFixture.passphrase)
        #expect(try await sessions.resume(sessions.open(for: other, device: "Firefox, Linux"), kind: .page) != nil, "another person's sessions are hers")
    }

    @Test("the store keeps the signing key only sealed under the cookie's secret: another secret opens nothing; an ended session is gone")
    func keySealedUnderCookie() async throws {
        let fixture = try await WebFixture()
        let key = try await fixture.caseRecord.store.unlockActor(WebFixture.admitting, passphrase: WebFixture.passphrase)
        let sessions = WebSessions(store: fixture.caseRecord.store)
        let cookie = try await sessions.open(for: key, device: "Chromium, Linux")
        let id = cookie.split(separator: ".")[0]
        let record = try #require(try await fixture.caseRecord.store.webSession(digest: WebSessions.digest(String(id))))
        #expect(record.sealedSeed != key.key.seed() && !record.sealedSeed.isEmpty && record.digest != String(id))
        #expect(try await sessions.resume(cookie, kind: .page)?.actor == WebFixture.admitting)
        #expect(try await sessions.resume(cookie, kind: .api) == nil, "a page's session is no API token")
        let unmarked = try await sessions.open(for: key, device: WebSessions.apiDevice)
        #expect(try await sessions.resume(unmarked, kind: .page) == nil, "an API session made before the mark opens no page")
        try await sessions.end(unmarked)
        #expect(try await sessions.resume(id + "." + WebSessions.token(), kind: .page) == nil)
        try await sessions.end(cookie)
        #expect(try await sessions.resume(cookie, kind: .page) == nil)
        #expect(try await sessions.count(of: WebFixture.admitting) == 0)
    }

    @Test("a cookie's secret reads back from its base64url as written, whatever its bytes; anything else in its place is no secret")
    func cookieSecretEncoding() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [0, 1, 2, 3, 31, 32, 33, 48] {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let text = WebSessions.base64URL(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"), "\(length) bytes: URL-safe, unpadded")
            #expect(WebSessions.bytes(base64URL: text) == bytes, "\(length) bytes read back")
        }
        #expect(WebSessions.bytes(base64URL: "-_-_") == [0xFB, 0xFF, 0xBF], "- and _ stand for + and /")
        for refused in ["ab+c", "ab/c", "abc=", "abé", "ab c", "a", String(repeating: "A", count: 68)] {
            #expect(WebSessions.bytes(base64URL: refused) == nil, "\(refused)")
        }
    }

    @Test("a server unseals a session's key once, then only for a write; a record changed in the store (its seed, or put back anew) is unsealed again and proves nothing")
    func keyUnsealedOnceThenOnlyForWrites() async throws {
        let fixture = try await WebFixture()
        let store = fixture.caseRecord.store
        let key = try await store.unlockActor(WebFixture.admitting, passphrase: WebFixture.passphrase)
        let sessions = WebSessions(store: store)
        let cookie = try await sessions.open(for: key, device: "Chromium, Linux")
        #expect(sessions.proven.count == 0, "nothing remembered before a request")
        _ = try #require(try await sessions.resume(cookie, kind: .page))
        #expect(sessions.proven.count == 1 && sessions.proven.remembered == 0, "the first request unseals the key")
        let second = try #require(try await sessions.resume(cookie, kind: .page))
        #expect(sessions.proven.remembered == 1, "the second is proven by the key remembered")
        let reading = try await fixture.caseRecord.session(second.identity, view: .record)
        #expect(try await reading.signingKey().key.publicKey == key.key.publicKey, "a write unseals the very key")
        let parts = cookie.split(separator: ".").map(String.init)
        #expect(try await sessions.resume(parts[0] + "." + WebSessions.token(), kind: .page) == nil, "another secret opens nothing")

        // The stored seed replaced by another key's, sealed under the very cookie's secret (the store and the cookie both taken).
        var secret = try #require(WebSessions.bytes(base64URL: parts[1]))
        let sealingKey = try DataKey(id: "web-session", bytes: &secret)
        var record = try #require(try await store.webSession(digest: WebSessions.digest(parts[0])))
        let box = sealingKey.seal(SigningKey.generate().seed(), associatedData: WebSessions.associatedData(WebFixture.admitting))
        (record.sealedSeed, record.nonce) = (box.ciphertext, box.nonce)
        try await store.endWebSession(digest: record.digest)
        try await store.saveWebSession(record)
        let changed = try #require(try await sessions.resume(cookie, kind: .page))
        #expect(sessions.proven.remembered == 1, "a changed record is unsealed again, not taken for the one remembered")
        await #expect(throws: AppError.identityNotProven, "the seed's key is not the directory's") {
            _ = try await fixture.caseRecord.session(changed.identity, view: .caseload)
        }
        try await sessions.end(cookie)
        #expect(sessions.proven.count == 0, "an ended session is forgotten")
    }

    @Test("failed sign-ins for an id slow its next attempts (1 s, 2 s, 4 s… at most 30 s); attempts sent together wait their turns one after another; a success clears it")
    func throttle() async {
        #expect((0...7).map(SignInThrottle.backoff) == [0, 1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        let throttle = SignInThrottle(), start = ContinuousClock.Instant.now
        #expect(await throttle.reserve(for: "clin-x", at: start) == .zero)
        for _ in 0..<3 { await throttle.failed("clin-x", at: start) }
        let first = await throttle.reserve(for: "clin-x", at: start), second = await throttle.reserve(for: "clin-x", at: start)
        #expect(first == .seconds(8), "after the first attempt's turn (1 s) and three failures: 1 + 2 + 4 s")
        #expect(second == .seconds(12), "the next attempt queues one more backoff behind")
        var other = "clin-y"
        while await throttle.bucket(other) == throttle.bucket("clin-x") { other += "y" }
        #expect(await throttle.reserve(for: other) == .zero, "another id is not slowed")
        await throttle.succeeded("clin-x")
        #expect(await throttle.reserve(for: "clin-x") == .zero)
    }

    @Test("attempts sent together on an id nobody failed on yet are tried a second apart, not all at once; for the API, the second is asked to come back")
    func throttleBurst() async {
        let throttle = SignInThrottle(), start = ContinuousClock.Instant.now
        var waits: [Duration] = []
        for _ in 0..<4 { waits.append(await throttle.reserve(for: "clin-x", at: start) ?? .seconds(-1)) }
        #expect(waits == [0, 1, 2, 3].map { Duration.seconds($0) })
        #expect(await throttle.take(for: "clin-z", at: start) == .zero)
        #expect(await throttle.take(for: "clin-z", at: start) == .seconds(1), "the API's second attempt at once: come back in a second")
        await throttle.succeeded("clin-z")
        #expect(await throttle.take(for: "clin-z") == .zero, "a success leaves no wait behind it")
    }

    @Test("sign-ins derive a few keys at once: the next wait their turn in order, beyond the queue they are refused at once (429, in words), nothing tried or recorded")
    func signInGate() async throws {
        let gate = SignInGate(places: 1, queued: 1)
        #expect(await gate.enter())
        let waiting = Task { await gate.enter() }
        while await gate.waitingCount == 0 { await Task.yield() }
        #expect(await gate.enter() == false, "the queue is full: refused at the door")
        await gate.leave()
        #expect(await waiting.value, "the place went to the one waiting")
        await gate.leave()
        #expect(await gate.enter(), "and came back")

        let fixture = try await WebFixture()
        var web = fixture.web
        let full = SignInGate(places: 1, queued: 0)
        web.signInGate = full
        #expect(await full.enter())
        try await fixture.test(web) { client in
            let before = try fixture.accessRecords().count
            let (_, refused) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
            #expect(refused.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(SessionMiddleware.cookieName) })
            #expect(try fixture.accessRecords().count == before, "nothing tried, so nothing to record")
            await full.leave()
            let (_, opened) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(opened.status == .seeOther && opened.headers[.location] == "/", "a place free: signed in")
        }
    }

    @Test("a sign-in past the turns an id may queue is refused at once (429, in words), nothing tried or recorded, even with the right passphrase")
    func signInFloodRefused() async throws {
        let fixture = try await WebFixture()
        for _ in 0..<6 { await fixture.web.throttle.failed(WebFixture.admitting) }
        _ = await fixture.web.throttle.reserve(for: WebFixture.admitting)  // another attempt holds the next turn, 30 s away
        try await fixture.test { client in
            let before = try fixture.accessRecords().count
            let (_, refused) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(refused.status == .tooManyRequests && refused.text.contains("essais de connexion pour cet identifiant"))
            #expect(refused.headers[.retryAfter] == "30")
            #expect(refused.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(SessionMiddleware.cookieName) })
            #expect(try fixture.accessRecords().count == before, "nothing tried, so nothing to record")
        }
    }

    @Test("a flood of attempts on someone's id queues no turn beyond 30 s and moves none beyond a minute: the rest are refused at once, and a minute after the flood her turn has come")
    func throttleFloodIsBounded() async {
        let throttle = SignInThrottle(), start = ContinuousClock.Instant.now
        for _ in 0..<6 { await throttle.failed("clin-x", at: start) }  // 1 + 2 + 4 + 8 + 16 + 30 s, but never beyond a minute from now
        var refused = 0
        for _ in 0..<120 where await throttle.reserve(for: "clin-x", at: start) == nil { refused += 1 }
        #expect(refused == 120, "the next turn a minute away: none put to sleep")
        var queued: [Duration] = []
        for _ in 0..<120 { if let wait = await throttle.reserve(for: "clin-x", at: start + .seconds(30)) { queued.append(wait) } }
        #expect(queued == [.seconds(30)], "one turn within the longest backoff; the 119 others refused, none asleep")
        await throttle.failed("clin-x", at: start + .seconds(60))
        #expect(await throttle.reserve(for: "clin-x", at: start + .seconds(89)) == nil, "refused while her turn is more than 30 s away")
        #expect(await throttle.reserve(for: "clin-x", at: start + .seconds(100)) == .seconds(20), "then she waits for it: a minute after the flood's last attempt")
    }
}

/// A clock the tests move forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// The workspaces each role opens: the navigation lists hers, home is her first.
@Suite("Workspaces by role")
struct WorkspaceTests {
    @Test("the navigation lists the workspaces of one's roles only; home is the caseload for a clinician, her workspace for anyone else, a refusal in words for a role with none")
    func byRole() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (clinician, _) = try await fixture.signIn(client, WebFixture.admitting)
            let caseload = try await client.get("/", jar: clinician)
            let nav = JourneyPathPageTests.part(of: caseload.text, from: "<nav", to: "</nav>")
            #expect(caseload.status == .ok && nav.contains("href=\"/\">Ma charge de cas") && !nav.contains("/programme") && !nav.contains("/administration"))
            for (actor, path) in [(WebFixture.coordinator, "/programme"), (WebFixture.privacyOfficer, "/confidentialite"),
                                  (WebFixture.researcher, "/recherche"), (WebFixture.admin, "/administration")] {
                let (jar, _) = try await fixture.signIn(client, actor)
                let home = try await client.get("/", jar: jar)
                #expect(home.status == .seeOther && home.headers[.location] == path, "\(actor) is sent to \(path)")
            }
            let (partner, _) = try await fixture.signIn(client, WebFixture.partner)
            let none = try await client.get("/", jar: partner)
            #expect(none.status == .forbidden && none.text.contains("Aucun espace de travail"))
        }
    }
}
