import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursServer

/// The JSON API of oversight — the coordinator's program and caseloads, the privacy officer's
/// checkpoints, verification, access-log search, proofs, review queue, registers and FHIR bundle —
/// and what every operation shares: 405 with `Allow`, sign-in told to come back (429). Each decided
/// by the one policy and recorded. Synthetic people only.
@Suite("The JSON API of oversight")
struct OversightAPITests {
    typealias API = APITests

    static func get(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: API.bearer(token))
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ token: String, _ body: JSONValue) async throws -> TestResponse {
        var headers = API.bearer(token)
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: API.body(body))
    }

    static func json(_ response: TestResponse) -> JSONValue? { try? JSONParser.parse(response.text) }

    @Test("a method a path does not take: 405 with Allow and a problem document, not 404; a sign-in with a malformed id names it; failed sign-ins are told when to come back (429, Retry-After) rather than held")
    func methodsAndThrottle() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            for (uri, method, allow) in [("/api/v1/caseload", HTTPRequest.Method.trace, "GET"), ("/api/v1/acts", .get, "POST"),
                                         ("/api/v1/sessions", .delete, "POST"), ("/api/v1/access-reviews", .put, "GET, POST")] {
                let answer = try await client.execute(uri: uri, method: method)
                #expect(answer.status == .methodNotAllowed && answer.headers[.allow] == allow
                        && answer.headers[.contentType] == "application/problem+json", "\(method) \(uri)")
            }
            let malformed = try await client.execute(uri: "/api/v1/sessions", method: .post,
                                                     body: API.body(["actor": "Pas Un Identifiant", "passphrase": "x", "code": "000000"]))
            #expect(malformed.status == .badRequest && API.problem(malformed)["field"] == "actor")
            let huge = try await client.execute(uri: "/api/v1/sessions", method: .post,
                                                body: ByteBuffer(string: "{\"actor\": \"x\", \"passphrase\": \"" + String(repeating: "\\udb2d\\udf0b", count: 1500) + "\"}"))
            #expect(huge.status == .contentTooLarge && API.problem(huge)["field"] == "body", "\(huge.status) \(huge.text)")
            let astral = try await client.execute(uri: "/api/v1/sessions", method: .post,
                                                  body: API.body(["actor": "clin-inconnue", "passphrase": .string(String(repeating: "\u{1F30B}", count: 1024))]))
            #expect(astral.status == .unauthorized, "\(astral.status) \(astral.text)")
            let wrong: JSONValue = ["actor": .string(WebFixture.admitting), "passphrase": "pas-la-bonne-phrase", "code": "000000"]
            let first = try await client.execute(uri: "/api/v1/sessions", method: .post, body: API.body(wrong))
            #expect(first.status == .unauthorized)
            // The next attempt comes a second after the failure; on a machine slow enough to take longer, each further
            // failure doubles the wait (2 s, 4 s, 8 s), so a throttled answer comes within a few attempts.
            var answers: [HTTPResponse.Status] = []
            var throttled: TestResponse?
            while throttled == nil && answers.count < 5 {
                let next = try await client.execute(uri: "/api/v1/sessions", method: .post, body: API.body(wrong))
                answers.append(next.status)
                if next.status == .tooManyRequests { throttled = next }
            }
            let second = try #require(throttled, "no 429 in \(answers)")
            #expect(answers.dropLast().allSatisfy { $0 == .unauthorized }, "\(answers)")
            #expect(Int(second.headers[.retryAfter] ?? "") ?? 0 >= 1
                    && API.problem(second)["type"] == "https://parcours.example/problems/sign-in-throttled")
        }
    }

    @Test("the coordinator reads the program (a period, a malformed or empty day refused by name) and her organization's caseloads; a clinician is refused both (403, recorded)")
    func program() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let coordinator = try await API.token(client, fixture, WebFixture.coordinator)
            let picture = try await Self.get(client, "/api/v1/program?from=2026-01-01&to=2026-12-31", coordinator)
            #expect(picture.status == .ok)
            #expect(Self.json(picture)?.objectValue?["from"] == "2026-01-01")
            let badDay = try await Self.get(client, "/api/v1/program?from=2026-13-01", coordinator)
            #expect(badDay.status == .badRequest && API.problem(badDay)["field"] == "from")
            let empty = try await Self.get(client, "/api/v1/program?to=", coordinator)
            #expect(empty.status == .badRequest && API.problem(empty)["field"] == "to")
            let caseloads = try await Self.get(client, "/api/v1/program/caseloads", coordinator)
            guard case .object(let members)? = Self.json(caseloads), case .array(let loads)? = members["caseloads"] else {
                Issue.record("no caseloads")
                return
            }
            #expect(members["organization"] == "Organisme Exemple")
            #expect(loads.contains { $0.objectValue?["clinician"] == .string(WebFixture.admitting) && caseloads.text.contains(fixture.participant) })

            let clinician = try await API.token(client, fixture, WebFixture.admitting)
            #expect(try await Self.get(client, "/api/v1/program", clinician).status == .forbidden)
            #expect(try await Self.get(client, "/api/v1/program/caseloads", clinician).status == .forbidden)
        }
        let records = try fixture.accessRecords()
        #expect(records.contains { $0["actor"] == .string(WebFixture.coordinator) && $0["view"] == "program" && $0["outcome"] == "permitted" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "program" && $0["outcome"] == "denied" })
    }

    @Test("the privacy officer: checkpoints; a verification started (202, Location) and followed to 'intact'; the access log searched (a bad filter named) with a record's proof; a clinician refused each")
    func logsAndAccessLog() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let glass = try await PrivacyWorkspaceTests.breakGlass(fixture)
        try await fixture.test { client in
            let officer = try await API.token(client, fixture, WebFixture.privacyOfficer)
            let checkpoints = try await Self.get(client, "/api/v1/checkpoints", officer)
            #expect(checkpoints.status == .ok && Self.json(checkpoints)?.objectValue?.keys.sorted() == ["access", "events", "witnessAlarms"])
            #expect(Self.json(checkpoints)?["witnessAlarms"]?.arrayValue?.isEmpty == true, "no witness has refused anything")

            let started = try await Self.post(client, "/api/v1/verifications", officer, [:])
            let location = try #require(started.headers[.location])
            #expect(started.status == .accepted && location.hasPrefix("/api/v1/verifications/"))
            var state: JSONValue? = "running"
            for _ in 0..<300 where state == "running" {
                try await Task.sleep(for: .milliseconds(50))
                state = Self.json(try await Self.get(client, location, officer))?.objectValue?["state"]
            }
            #expect(state == "intact")

            let search = try await Self.get(client, "/api/v1/access-log?actor=\(WebFixture.stranger)&purpose=break-glass&outcome=permitted", officer)
            guard case .object(let page)? = Self.json(search), case .array(let records)? = page["records"] else {
                Issue.record("no page")
                return
            }
            #expect(records.count == 1 && records.first?.objectValue?["seq"] == .int(Int64(glass)) && page["matched"] == 1)
            let badView = try await Self.get(client, "/api/v1/access-log?view=tout", officer)
            #expect(badView.status == .badRequest && API.problem(badView)["field"] == "view")
            let proof = try await Self.get(client, "/api/v1/access-log/\(glass)/proof", officer)
            #expect(proof.status == .ok && Self.json(proof)?.objectValue?["proof"]?.objectValue?["seq"] == .int(Int64(glass)))

            let clinician = try await API.token(client, fixture, WebFixture.admitting)
            for uri in ["/api/v1/checkpoints", "/api/v1/access-log", "/api/v1/access-log/\(glass)/proof", "/api/v1/access-reviews",
                        "/api/v1/registers/incidents", "/api/v1/registers/communications", "/api/v1/audit-events"] {
                let refused = try await Self.get(client, uri, clinician)
                #expect(refused.status == .forbidden && API.problem(refused)["type"] == "https://parcours.example/problems/denied", "\(uri)")
            }
            #expect(try await Self.post(client, "/api/v1/verifications", clinician, [:]).status == .forbidden)
        }
    }

    @Test("the privacy officer reviews the break-glass read (a short comment refused by name, nothing written), records an incident (a missing element named), reads the registers and the FHIR bundle")
    func reviewsAndRegisters() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let glass = try await PrivacyWorkspaceTests.breakGlass(fixture)
        try await fixture.test { client in
            let officer = try await API.token(client, fixture, WebFixture.privacyOfficer)
            let queue = try await Self.get(client, "/api/v1/access-reviews", officer)
            #expect(queue.status == .ok && queue.text.contains("\"kind\":\"break-glass\""))
            let before = try fixture.store.size(.events)
            let short = try await Self.post(client, "/api/v1/access-reviews", officer, ["access": .int(Int64(glass)), "comment": "vu"])
            let unknown = try await Self.post(client, "/api/v1/access-reviews", officer, ["access": .int(Int64(glass)), "comment": "Justification vérifiée.", "extra": true])
            #expect(short.status == .badRequest && API.problem(short)["field"] == "comment")
            #expect(unknown.status == .badRequest && API.problem(unknown)["field"] == "extra")
            #expect(try fixture.store.size(.events) == before, "nothing written")
            let reviewed = try await Self.post(client, "/api/v1/access-reviews", officer,
                                               ["access": .int(Int64(glass)), "comment": "Appel d'urgence confirmé auprès de l'équipe."])
            #expect(reviewed.status == .created && Self.json(reviewed)?.objectValue?["stream"] == "register/reviews")
            let after = try await Self.get(client, "/api/v1/access-reviews", officer)
            #expect(after.text.contains("Appel d'urgence confirmé"))

            let missing = try await Self.post(client, "/api/v1/registers/incidents", officer, ["categories": ["identity"]])
            #expect(missing.status == .badRequest && API.problem(missing)["field"] != nil && API.problem(missing)["field"] != "body")
            let register = try await Self.get(client, "/api/v1/registers/incidents", officer)
            #expect(register.status == .ok && Self.json(register)?.objectValue?["incidents"] == .array([]))
            let communications = try await Self.get(client, "/api/v1/registers/communications", officer)
            #expect(communications.status == .ok && Self.json(communications)?.objectValue?["communications"] != nil)
            let bundle = try await Self.get(client, "/api/v1/audit-events?from=2020-01-01", officer)
            #expect(bundle.status == .ok && bundle.headers[.contentType] == "application/fhir+json"
                    && Self.json(bundle)?.objectValue?["resourceType"] == "Bundle")
        }
    }

    @Test("the privacy officer records an incident (again under its id: 200, nothing more written) and updates it (a merge patch, recorded and applied); a clinician is refused both (403)")
    func incidents() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let officer = try await API.token(client, fixture, WebFixture.privacyOfficer)
            var body = PrivacyFormsTests.incident.json
            body["id"] = "0b0e6b4a-3f7e-4c1a-9a57-2f4f1d6c9e01"
            let recorded = try await Self.post(client, "/api/v1/registers/incidents", officer, .object(body))
            #expect(recorded.status == .created && Self.json(recorded)?.objectValue?["existing"] == false)
            let size = try fixture.store.size(.events)
            let again = try await Self.post(client, "/api/v1/registers/incidents", officer, .object(body))
            let sizeAfter = try fixture.store.size(.events)
            #expect(again.status == .ok && Self.json(again)?.objectValue?["existing"] == true && sizeAfter == size)

            let update: JSONValue = ["incident": "0b0e6b4a-3f7e-4c1a-9a57-2f4f1d6c9e01", "measures": "Courriel rappelé et supprimé, confirmé par écrit"]
            let updated = try await Self.post(client, "/api/v1/registers/incidents/updates", officer, update)
            #expect(updated.status == .created)
            let register = try await Self.get(client, "/api/v1/registers/incidents", officer)
            #expect(register.text.contains("Courriel rappelé et supprimé") && register.text.contains("\"members\":[\"measures\"]"))

            let clinician = try await API.token(client, fixture, WebFixture.admitting)
            #expect(try await Self.post(client, "/api/v1/registers/incidents", clinician, .object(body)).status == .forbidden)
            #expect(try await Self.post(client, "/api/v1/registers/incidents/updates", clinician, update).status == .forbidden)
        }
    }
}
