import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import Testing
@testable import ParcoursServer

/// The second factor (TOTP, RFC 6238) and the sessions a person sees and ends.
@Suite("Second factor and one's own sessions")
struct SecondFactorTests {
    @Test("codes are RFC 6238's (SHA-1 test vectors) and the key is RFC 4648 base32")
    func vectors() {
        let rfc = OneTimeCode(secret: Array("12345678901234567890".utf8))
        let expected: [(Double, String)] = [(59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                                            (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")]
        for (time, code) in expected {
            #expect(rfc.code(step: OneTimeCode.step(at: Date(timeIntervalSince1970: time)), digits: 8) == code)
        }
        #expect(rfc.matchingStep("287 082", at: Date(timeIntervalSince1970: 59)) == 1, "six digits, spaces allowed")
        #expect(rfc.matchingStep("287082", at: Date(timeIntervalSince1970: 59 + 30)) == 1, "one step late is accepted")
        #expect(rfc.matchingStep("287082", at: Date(timeIntervalSince1970: 59 + 90)) == nil, "three steps late is not")
        #expect(rfc.matchingStep("28708x", at: Date(timeIntervalSince1970: 59)) == nil)
        let base32 = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (text, encoded) in base32 { #expect(OneTimeCode.base32(Array(text.utf8)) == encoded) }
        #expect(rfc.authenticatorURL(account: "clin-x").hasPrefix("otpauth://totp/Parcours%20SPH%C3%88RES%3Aclin-x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    }

    @Test("at the first sign-in the passphrase opens only the set-up of the second factor; the app's code confirms it and opens a new session")
    func firstSignIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (setUp, answer) = try await fixture.signIn(client, WebFixture.newcomer, code: "")
            #expect(answer.status == .seeOther && answer.headers[.location] == "/connexion/second-facteur")
            #expect(try await client.get("/", jar: setUp).headers[.location] == "/connexion/second-facteur", "nothing else opens")
            #expect(try await client.get("/participants/\(fixture.participant)", jar: setUp).headers[.location] == "/connexion/second-facteur")
            let page = try await client.get("/connexion/second-facteur", jar: setUp)
            #expect(page.status == .ok && page.text.contains("Configurer le second facteur"))
            let typed = try #require(page.text.range(of: "<code>").map { String(page.text[$0.upperBound...].prefix { $0 != "<" }) })
            let secret = try #require(Self.base32Decode(typed.replacingOccurrences(of: " ", with: "")))
            #expect(secret.count == 20)
            let wrong = try await client.post("/connexion/second-facteur", ["_csrf": page.csrfToken ?? "", "code": "000000"], jar: setUp)
            #expect(wrong.status == .badRequest && wrong.text.contains("Ce code ne correspond pas"))
            let forged = try await client.post("/connexion/second-facteur", ["_csrf": "faux", "code": "000000"], jar: setUp)
            #expect(forged.status == .forbidden)
            let code = OneTimeCode(secret: secret).code(step: OneTimeCode.step(at: fixture.clock.now))
            #expect(try fixture.signIns(permitted: true).isEmpty, "the passphrase alone is no sign-in")
            let confirmed = try await client.post("/connexion/second-facteur", ["_csrf": page.csrfToken ?? "", "code": code], jar: setUp)
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/")
            #expect(try fixture.signIns(permitted: true).map { $0["actor"] } == [.string(WebFixture.newcomer)], "both factors proven: recorded")
            var signedIn = setUp
            signedIn.take(confirmed)
            #expect(signedIn.cookies[SessionMiddleware.cookieName] != setUp.cookies[SessionMiddleware.cookieName], "a new session id")
            #expect(try await client.get("/", jar: setUp).headers[.location] == "/connexion?fin=1", "the set-up session has ended")
            #expect(try await client.get("/", jar: signedIn).status == .ok)
            // From now on the code is asked: without it, the same refusal as a wrong passphrase.
            fixture.clock.advance(30)
            let (_, noCode) = try await client.signIn(WebFixture.newcomer, code: "")
            #expect(noCode.status == .unauthorized)
            let next = OneTimeCode(secret: secret).code(step: OneTimeCode.step(at: fixture.clock.now))
            let (_, withCode) = try await client.signIn(WebFixture.newcomer, code: next)
            #expect(withCode.status == .seeOther && withCode.headers[.location] == "/")
        }
    }

    @Test("set up once: a second set-up session ends the first, and a set-up finishing after another never replaces the factor")
    func setUpOnce() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (first, _) = try await fixture.signIn(client, WebFixture.newcomer, code: "")
            let (second, _) = try await fixture.signIn(client, WebFixture.newcomer, code: "")
            #expect(try await client.get("/connexion/second-facteur", jar: first).headers[.location] == "/connexion", "one set-up at a time")
            let page = try await client.get("/connexion/second-facteur", jar: second)
            let typed = try #require(page.text.range(of: "<code>").map { String(page.text[$0.upperBound...].prefix { $0 != "<" }) })
            let secret = try #require(Self.base32Decode(typed.replacingOccurrences(of: " ", with: "")))
            // Meanwhile the factor was set up elsewhere (the person herself, in another set-up that finished).
            let key = try await fixture.caseRecord.store.unlockActor(WebFixture.newcomer, passphrase: WebFixture.passphrase)
            #expect(try await fixture.caseRecord.setSecondFactor(WebFixture.secret(of: WebFixture.newcomer), for: key))
            let code = OneTimeCode(secret: secret).code(step: OneTimeCode.step(at: fixture.clock.now))
            let late = try await client.post("/connexion/second-facteur", ["_csrf": page.csrfToken ?? "", "code": code], jar: second)
            #expect(late.status == .seeOther && late.headers[.location] == "/connexion", "the late set-up changes nothing")
            #expect(try await fixture.caseRecord.secondFactorSecret(for: key) == WebFixture.secret(of: WebFixture.newcomer))
            let (_, owner) = try await fixture.signIn(client, WebFixture.newcomer)
            #expect(owner.status == .seeOther && owner.headers[.location] == "/", "the first factor still opens")
        }
    }

    @Test("a key rotation ends the actor's sessions and second factor: the old session opens nothing, the new passphrase sets up a new factor")
    func rotation() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(try await client.get("/", jar: jar).status == .ok)
            let admin = try fixture.store.unlockActor("admin-exemple", passphrase: WebFixture.passphrase)
            try fixture.store.rotateKey(of: WebFixture.admitting, passphrase: "nouvelle-phrase-exemple-1", by: admin)
            #expect(try await client.get("/", jar: jar).headers[.location] == "/connexion?fin=1")
            let (_, next) = try await fixture.signIn(client, WebFixture.admitting, passphrase: "nouvelle-phrase-exemple-1", code: "")
            #expect(next.headers[.location] == "/connexion/second-facteur")
        }
    }

    @Test("sign-in forms are small: a body over 8 KB is refused before anything is read")
    func smallSignIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let answer = try await client.post("/connexion", ["_csrf": "x", "actor": String(repeating: "a", count: 9_000), "passphrase": "x"],
                                               jar: CookieJar())
            #expect(answer.status == .contentTooLarge)
            #expect(answer.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("a code opens one session only: the same code again is refused and recorded")
    func replay() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (_, first) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(first.status == .seeOther)
            let (_, again) = try await client.signIn(WebFixture.admitting, code: fixture.code(of: WebFixture.admitting))
            #expect(again.status == .unauthorized)
            #expect(try fixture.accessRecords().last?["reason"] == "identity not proven")
        }
    }

    @Test("sessions live in the store: a restarted server knows them; a person lists hers and ends another, whose cookie then opens nothing")
    func ownSessions() async throws {
        let fixture = try await WebFixture()
        let (laptop, phone) = try await fixture.test { client in
            (try await fixture.signIn(client, WebFixture.admitting).0, try await fixture.signIn(client, WebFixture.admitting).0)
        }
        let restarted = WebApplication(caseRecord: fixture.caseRecord, tls: false,
                                       sessions: WebSessions(store: fixture.caseRecord.store, now: { fixture.clock.now }))
        try await Application(router: restarted.router()).test(.router) { client in
            let list = try await client.get("/sessions", jar: laptop)
            #expect(list.status == .ok && list.text.contains("Mes sessions"))
            #expect(list.text.components(separatedBy: "name=\"session\"").count - 1 == 2)
            #expect(list.text.contains("cette session"))
            let handles = list.text.components(separatedBy: "name=\"session\" value=\"").dropFirst().map { String($0.prefix(16)) }
            let phoneDigest = WebSessions.digest(String(phone.cookies[SessionMiddleware.cookieName]!.split(separator: ".")[0]))
            let phoneHandle = try #require(handles.first { $0 == WebSessions.handle(phoneDigest) })
            let forged = try await client.post("/sessions/fin", ["_csrf": "faux", "session": phoneHandle], jar: laptop)
            #expect(forged.status == .forbidden)
            #expect(try await client.get("/", jar: phone).status == .ok)
            let ended = try await client.post("/sessions/fin", ["_csrf": list.csrfToken ?? "", "session": phoneHandle], jar: laptop)
            #expect(ended.status == .ok && ended.text.contains("La session a pris fin"))
            #expect(try await client.get("/", jar: phone).headers[.location] == "/connexion?fin=1")
            #expect(try await client.get("/", jar: laptop).status == .ok)
            let strangers = try await client.post("/sessions/fin", ["_csrf": list.csrfToken ?? "", "session": "0123456789abcdef"], jar: laptop)
            #expect(strangers.status == .notFound)
        }
    }

    @Test("a signed-in page carries the idle warning and its script; staying signed in answers 204; the script is the server's own")
    func idleWarning() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let page = try await client.get("/", jar: jar)
            #expect(page.text.contains("id=\"idle-warning\"") && page.text.contains("data-idle-seconds=\"900\"")
                    && page.text.contains("data-warn-seconds=\"120\"") && page.text.contains("<script src=\"/session.js\" defer></script>"))
            let script = try await client.get("/session.js", jar: jar)
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8" && script.text.contains("idle-warning"))
            #expect(try await client.post("/session/prolonger", ["_csrf": page.csrfToken ?? ""], jar: jar).status == .noContent)
            #expect(try await client.post("/session/prolonger", ["_csrf": "faux"], jar: jar).status == .forbidden)
            let signedOut = try await client.execute(uri: "/connexion", method: .get)
            #expect(!signedOut.text.contains("session.js"), "no script before sign-in")
        }
    }

    @Test("the language switch speaks English on every page, keeps the choice, and comes back only to a page of this server")
    func language() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let chosen = try await client.post("/langue", ["langue": "en", "retour": "/sessions"], jar: jar)
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/sessions")
            var english = jar
            english.take(chosen)
            let page = try await client.get("/sessions", jar: english)
            #expect(page.text.contains("<html lang=\"en\">") && page.text.contains("My sessions") && page.headers[.contentLanguage] == "en")
            #expect(page.text.contains(">Français</button>"))
            for uri in ["/sessions", "/", "/participants/\(fixture.participant)", "/participants/\(fixture.participant)/chronologie",
                        "/participants/\(fixture.participant)/actes", "/participants/\(fixture.participant)/evaluation"]
                + ActForm.all.filter { ![.participantEnrolled, .stageAssessed].contains($0.type) }.map { "/participants/\(fixture.participant)/actes/\($0.slug)" } {
                let answer = try await client.get(uri, jar: english)
                #expect(answer.text.contains("<html lang=\"en\">"), "a page in English, a form not open yet included (a follow-up with nothing to follow): \(uri)")
                #expect(!answer.text.contains(" : ") && !answer.text.contains(" ; "), "English spaces no colon or semicolon as French does: \(uri)")
            }
            let filtered = try await client.get("/?vue=ouverts&tri=revision", jar: english)
            #expect(filtered.text.contains("name=\"retour\" value=\"/?vue=ouverts&amp;tri=revision\""), "a page comes back with its query")
            for away in ["//ailleurs.example/", "/\t/ailleurs.example", "/\\ailleurs.example", "https://ailleurs.example/"] {
                #expect(try await client.post("/langue", ["langue": "fr", "retour": away], jar: english).headers[.location] == "/", "\(away)")
            }
        }
    }

    static func base32Decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return bytes
    }
}
