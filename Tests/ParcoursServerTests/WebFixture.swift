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
/// organization, served by the web application in process. Synthetic people only.
final class WebFixture: Sendable {
    static let passphrase = "phrase-exemple-web-1"
    static let admitting = "clin-admet"
    static let stranger = "clin-ailleurs"

    let directory: String
    let store: Store
    let caseRecord: CaseRecord
    let participant: String
    let web: WebApplication

    init(now: @escaping @Sendable () -> Date = Date.init) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-web-\(UUID().uuidString)").path
        store = try Store.create(at: directory, origin: "spheres.example/parcours-web", adminID: "admin-exemple",
                                 adminPassphrase: Self.passphrase, masterPassphrase: "phrase-maitresse-web-1")
        let admin = try store.unlockActor("admin-exemple", passphrase: Self.passphrase)
        for (id, organization) in [(Self.admitting, "Organisme Exemple"), (Self.stranger, "Autre Organisme")] {
            _ = try store.enrol(actor: id, name: "Personne Exemple", organization: organization, roles: ["clinician"],
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
        web = WebApplication(caseRecord: caseRecord, tls: false, sessions: WebSessions(now: now))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `body` with a client of the application, in process.
    func test<Value>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: web.router()).test(.router, body)
    }

    /// The access log's payloads, oldest first.
    func accessRecords() throws -> [[String: JSONValue]] { try store.accessRecords().map(\.payload) }
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
    func signIn(_ actor: String, passphrase: String = WebFixture.passphrase) async throws -> (CookieJar, TestResponse) {
        var jar = CookieJar()
        let form = try await execute(uri: "/connexion", method: .get)
        jar.take(form)
        let response = try await post("/connexion", ["_csrf": form.csrfToken ?? "", "actor": actor, "passphrase": passphrase], jar: jar)
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
