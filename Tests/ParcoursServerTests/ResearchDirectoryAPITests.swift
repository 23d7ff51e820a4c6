import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursServer

/// The JSON API of the researcher's exports and of the administrator's directory: the same use
/// cases as their workspaces, under the same policy. Synthetic people only.
@Suite("The JSON API of research exports and of the directory")
struct ResearchDirectoryAPITests {
    typealias API = APITests
    typealias Call = OversightAPITests

    static func put(_ client: any TestClientProtocol, _ uri: String, _ token: String, _ body: JSONValue) async throws -> TestResponse {
        var headers = API.bearer(token)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .put, headers: headers, body: API.body(body))
    }

    @Test("the researcher makes a de-identified export (k ≥ 5 in its manifest), lists it, reads it and downloads its files as on disk; bad members are named and make nothing; others neither see nor download it")
    func researchExports() async throws {
        let (fixture, web, shelf) = try await ResearchWorkspaceTests.consenting()
        try await ResearchWorkspaceTests.test(web) { client in
            let researcher = try await API.token(client, fixture, WebFixture.researcher)
            for (body, field) in [(["project": "Pas Un Nom"] as JSONValue, "project"), (["project": "p", "k": "cinq"], "k"),
                                  (["project": "p", "kind": "aggregate"], "epsilon"), (["project": "p", "zone": "x"], "zone")] {
                let refused = try await Call.post(client, "/api/v1/research-exports", researcher, body)
                #expect(refused.status == .badRequest && API.problem(refused)["field"] == .string(field), "\(field)")
            }
            let shelved = (try? FileManager.default.contentsOfDirectory(atPath: shelf)) ?? []
            #expect(shelved.isEmpty, "nothing made")

            let made = try await Call.post(client, "/api/v1/research-exports", researcher, ["project": "trajectoires-2027", "k": 5])
            #expect(made.status == .created)
            // The manifest's fractions are not integers, which the log's own JSON parser refuses: Foundation's reads it.
            guard let export = (try? JSONSerialization.jsonObject(with: Data(made.text.utf8))) as? [String: Any], let id = export["id"] as? String,
                  let manifest = export["manifest"] as? [String: Any] else {
                Issue.record("no export: \(made.status) \(made.text)")
                return
            }
            #expect(made.headers[.location] == "/api/v1/research-exports/\(id)")
            #expect((manifest["parameters"] as? [String: Any])?["project"] as? String == "trajectoires-2027")
            #expect(((manifest["achieved"] as? [String: Any])?["k"] as? Int ?? 0) >= 5, "k ≥ 5, measured")
            let listed = try await Call.get(client, "/api/v1/research-exports", researcher)
            #expect(listed.status == .ok && listed.text.contains(id))
            let again = try await Call.get(client, "/api/v1/research-exports/\(id)", researcher)
            #expect(again.status == .ok && again.text.contains("\"manifest\""))
            let file = try await Call.get(client, "/api/v1/research-exports/\(id)/files/participants.csv", researcher)
            #expect(file.status == .ok && file.headers[.contentType] == "text/csv; charset=utf-8"
                    && Data(file.text.utf8) == FileManager.default.contents(atPath: "\(shelf)/\(id)/export/participants.csv"))
            #expect(try await Call.get(client, "/api/v1/research-exports/\(id)/files/owner.json", researcher).status == .notFound)

            let clinician = try await API.token(client, fixture, WebFixture.admitting)
            #expect(try await Call.post(client, "/api/v1/research-exports", clinician, ["project": "autre"]).status == .forbidden)
            let coordinator = try await API.token(client, fixture, WebFixture.coordinator)
            let theirs = try await Call.get(client, "/api/v1/research-exports/\(id)/files/participants.csv", coordinator)
            #expect(theirs.status == .forbidden || theirs.status == .notFound)
        }
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.researcher) && $0["view"] == "research-export" && $0["outcome"] == "permitted" })
    }

    @Test("the administrator lists the directory, enrols a person (a one-time link, a taken id or bad roles named), changes her roles, gives her a new key, revokes her; a clinician is refused each; an unknown person is a 404")
    func directory() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let admin = try await API.token(client, fixture, WebFixture.admin)
            let listed = try await Call.get(client, "/api/v1/directory", admin)
            #expect(listed.status == .ok && listed.text.contains("\"actor\":\"\(WebFixture.admitting)\""))

            let enrolment: JSONValue = ["actor": "clin-recrue", "name": "Personne Exemple", "organization": "Organisme Exemple", "roles": ["clinician"]]
            let enrolled = try await Call.post(client, "/api/v1/directory", admin, enrolment)
            #expect(enrolled.status == .created && enrolled.headers[.location] == "/api/v1/directory/clin-recrue")
            guard case .string(let link)? = Call.json(enrolled)?.objectValue?["link"] else {
                Issue.record("no link: \(enrolled.status) \(enrolled.text)")
                return
            }
            #expect(link.contains(WebApplication.welcomePath))
            let taken = try await Call.post(client, "/api/v1/directory", admin, enrolment)
            #expect(taken.status == .badRequest && API.problem(taken)["field"] == "actor")
            let badRoles = try await Call.post(client, "/api/v1/directory", admin,
                                               ["actor": "clin-autre", "name": "Personne Exemple", "organization": "Organisme Exemple", "roles": ["chef"]])
            #expect(badRoles.status == .badRequest && API.problem(badRoles)["field"] == "roles")

            let roles = try await Self.put(client, "/api/v1/directory/clin-recrue/roles", admin, ["roles": ["clinician", "coordinator"]])
            #expect(roles.status == .ok)
            let own = try await Self.put(client, "/api/v1/directory/\(WebFixture.admin)/roles", admin, ["roles": ["admin", "clinician"]])
            #expect(own.status == .conflict && own.text.contains("se donnerait soi-même"), "no administrator gives herself a clinician's role")
            #expect(try fixture.store.currentDirectory().actors[WebFixture.admin]?.roles == ["admin"], "nothing written")
            let person = try await Call.get(client, "/api/v1/directory/clin-recrue", admin)
            #expect(Call.json(person)?.objectValue?["roles"] == ["clinician", "coordinator"])
            let key = try await Call.post(client, "/api/v1/directory/clin-recrue/key", admin, [:])
            #expect(key.status == .created && Call.json(key)?.objectValue?["link"] != .string(link))
            let noReason = try await Call.post(client, "/api/v1/directory/clin-recrue/revocation", admin, ["reason": ""])
            #expect(noReason.status == .badRequest && API.problem(noReason)["field"] == "reason")
            let revoked = try await Call.post(client, "/api/v1/directory/clin-recrue/revocation", admin, ["reason": "Départ de l'organisme"])
            #expect(revoked.status == .ok)
            #expect(Call.json(try await Call.get(client, "/api/v1/directory/clin-recrue", admin))?.objectValue?["active"] == false)
            #expect(try await Call.get(client, "/api/v1/directory/personne-inconnue", admin).status == .notFound)

            let clinician = try await API.token(client, fixture, WebFixture.admitting)
            #expect(try await Call.get(client, "/api/v1/directory", clinician).status == .forbidden)
            #expect(try await Call.post(client, "/api/v1/directory", clinician,
                                        ["actor": "clin-x", "name": "Personne Exemple", "organization": "Organisme Exemple", "roles": ["admin"]]).status == .forbidden)
        }
    }
}
