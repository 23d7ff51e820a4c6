import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
@testable import ParcoursServer

/// A fresh store with a clinician who admitted one participant and a clinician of another
/// organization (both with their second factor set up), and a newcomer who has never signed
/// in, served by the web application in process, on a clock the tests move. Synthetic people only.
final class WebFixture: Sendable {
    static let passphrase = "phrase-exemple-web-1"
    static let admitting = "clin-admet"
    static let stranger = "clin-ailleurs"
    static let newcomer = "clin-nouvelle"
    /// With `everyRole`, one actor of each other role, second factor set up (the founding admin is `admin-exemple`).
    static let coordinator = "coord-exemple"
    static let privacyOfficer = "rprp-exemple"
    static let researcher = "rech-exemple"
    static let partner = "part-exemple"
    static let admin = "admin-exemple"

    let directory: String
    let store: Store
    let caseRecord: CaseRecord
    let participant: String
    let web: WebApplication
    let clock: TestClock

    init(clock: TestClock = TestClock(), everyRole: Bool = false) async throws {
        self.clock = clock
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-web-\(UUID().uuidString)").path
        store = try Store.create(at: directory, origin: "spheres.example/parcours-web", adminID: "admin-exemple",
                                 adminPassphrase: Self.passphrase, masterPassphrase: "phrase-maitresse-web-1")
        let admin = try store.unlockActor("admin-exemple", passphrase: Self.passphrase)
        for (id, organization) in [(Self.admitting, "Organisme Exemple"), (Self.stranger, "Autre Organisme"), (Self.newcomer, "Organisme Exemple")] {
            _ = try store.enrol(actor: id, name: "Personne Exemple", organization: organization, roles: ["clinician"],
                                passphrase: Self.passphrase, by: admin)
        }
        let others = everyRole ? [(Self.coordinator, "coordinator"), (Self.privacyOfficer, "privacy-officer"), (Self.researcher, "researcher"),
                                  (Self.partner, "partner")] : []
        for (id, role) in others {
            _ = try store.enrol(actor: id, name: "Personne Exemple", organization: "Organisme Exemple", roles: [role],
                                passphrase: Self.passphrase, by: admin)
        }
        caseRecord = try await CaseRecord.open(at: directory, masterPassphrase: "phrase-maitresse-web-1")
        let admission: JSONValue = [
            "type": "participant.enrolled", "occurredAt": "2026-11-20T10:00:00.000Z",
            "data": ["identity": ["name": "Personne Fictive Web", "dateOfBirth": "2010-05-01"], "genderIdentity": "non-binary",
                     "preferredLanguage": "fr", "referringOrganization": "Organisme Exemple", "voluntary": true, "recognizesHarms": true],
        ]
        let written = try await caseRecord.record([try ActRequest(json: admission)],
                                                  by: Identity(actor: Self.admitting, signer: PassphraseSigner { Self.passphrase }))
        participant = written[0].participant
        for actor in [Self.admitting, Self.stranger] + (everyRole ? others.map(\.0) + [Self.admin] : []) {
            _ = try await caseRecord.setSecondFactor(Self.secret(of: actor), for: try await caseRecord.store.unlockActor(actor, passphrase: Self.passphrase))
        }
        web = WebApplication(caseRecord: caseRecord, tls: false, sessions: WebSessions(store: caseRecord.store, now: { clock.now }))
    }

    /// The second-factor secret of a fixture's actor (its authenticator app, in the tests).
    static func secret(of actor: String) -> [UInt8] { Array(Sodium.sha256(Array("secret-de-test-\(actor)".utf8)).bytes.prefix(20)) }

    /// The code `actor`'s app shows now.
    func code(of actor: String) -> String {
        OneTimeCode(secret: Self.secret(of: actor)).code(step: OneTimeCode.step(at: clock.now))
    }

    /// Signs in through the form with passphrase and the app's code, as a person does; the clock
    /// first moves to the next 30-second step (a code opens one session only).
    func signIn(_ client: any TestClientProtocol, _ actor: String, passphrase: String = WebFixture.passphrase,
                code: String? = nil) async throws -> (CookieJar, TestResponse) {
        clock.advance(30)
        return try await client.signIn(actor, passphrase: passphrase, code: code ?? self.code(of: actor))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `body` with a client of the application (`web`, or the fixture's), in process.
    func test<Value>(_ web: WebApplication? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: (web ?? self.web).router()).test(.router, body)
    }

    /// The access log's payloads, oldest first.
    func accessRecords() throws -> [[String: JSONValue]] { try store.accessRecords().map(\.payload) }

    /// The sign-ins recorded (`access.sign-in`), proven or refused as `permitted` says.
    func signIns(permitted: Bool) throws -> [[String: JSONValue]] {
        try store.accessRecords().filter { $0.type == "access.sign-in" }.map(\.payload)
            .filter { $0["outcome"] == (permitted ? "permitted" : "denied") }
    }
}

/// A browser's cookie jar, reduced to what the tests need.
struct CookieJar: Sendable {
    var cookies: [String: String] = [:]

    mutating func take(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    var header: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The value of the hidden `_csrf` field of the page's first form.
    var csrfToken: String? {
        guard let range = text.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestClientProtocol {
    /// Signs in through the form, as a browser does; returns the jar holding the session cookie.
    func signIn(_ actor: String, passphrase: String = WebFixture.passphrase, code: String = "") async throws -> (CookieJar, TestResponse) {
        var jar = CookieJar()
        let form = try await execute(uri: "/connexion", method: .get)
        jar.take(form)
        let response = try await post("/connexion", ["_csrf": form.csrfToken ?? "", "actor": actor, "passphrase": passphrase, "code": code],
                                      jar: jar)
        jar.take(response)
        return (jar, response)
    }

    func post(_ uri: String, _ fields: [String: String], jar: CookieJar, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = jar.header
        all[.contentType] = "application/x-www-form-urlencoded"
        for field in headers { all.append(field) }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, jar: CookieJar) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: jar.header)
    }
}
