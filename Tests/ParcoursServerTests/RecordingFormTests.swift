import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcoursClinical
import ParcoursLog
import Testing
@testable import ParcoursServer

/// Recording what just happened, through the stage-assessment form.
@Suite("Recording a stage assessment in the web application")
struct RecordingFormTests {
    static let openedAt = ClinicalDate.format(Date())

    static func fields(_ token: String, id: String, step: String = "reflection-and-dilemma", stage: String = "relapse",
                       importance: String = "7", confidence: String = "4", said: String = "Je veux essayer autrement") -> [String: String] {
        ["_csrf": token, "id": id, "openedAt": openedAt, "day": String(ClinicalDate.format(Date()).prefix(10)), "engagementStep": step, "wheelStage": stage,
         "importance": importance, "confidence": confidence, "personSaid": said]
    }

    @Test("the care team's clinician records an assessment: the journey shows it with its warning; the same form sent again writes nothing more")
    func records() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let form = try await client.get("/participants/\(participant)/evaluation", jar: jar)
            #expect(form.status == .ok)
            for label in ["for=\"engagementStep\"", "for=\"wheelStage\"", "for=\"importance\"", "for=\"confidence\"", "for=\"day\""] {
                #expect(form.text.contains(label))
            }
            let token = try #require(form.csrfToken)
            let id = try #require(form.text.range(of: "name=\"id\" value=\"").map { String(form.text[$0.upperBound...].prefix(36)) })
            let recorded = try await client.post("/participants/\(participant)/evaluation", Self.fields(token, id: id), jar: jar)
            #expect(recorded.status == .ok && recorded.text.contains("Évaluation de l&#39;étape enregistrée"))
            #expect(recorded.text.contains("C&#39;est un repère, pas une règle"), "the unusual pair's warning is shown")
            #expect(recorded.text.contains("réflexion et dilemme"))
            let again = try await client.post("/participants/\(participant)/evaluation", Self.fields(token, id: id), jar: jar)
            #expect(again.status == .ok && again.text.contains("déjà enregistrée"))
        }
        #expect(try fixture.store.size() == before + 1)
    }

    @Test("the same form sent again with other values contradicts what it recorded: 409 in words beside the form, what was typed kept, nothing written")
    func sentAgainWithOtherValues() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let form = try await client.get("/participants/\(participant)/evaluation", jar: jar)
            let token = try #require(form.csrfToken)
            let id = try #require(form.text.range(of: "name=\"id\" value=\"").map { String(form.text[$0.upperBound...].prefix(36)) })
            #expect(try await client.post("/participants/\(participant)/evaluation", Self.fields(token, id: id), jar: jar).status == .ok)
            let changed = try await client.post("/participants/\(participant)/evaluation",
                                                Self.fields(token, id: id, importance: "9", said: "Autre chose, finalement"), jar: jar)
            #expect(changed.status == .conflict, "not a 503: \(changed.status)")
            #expect(changed.text.contains("Rien n&#39;a été enregistré : cet acte contredirait ce qui est déjà inscrit au dossier"))
            #expect(changed.text.contains("Autre chose, finalement") && changed.text.contains("value=\"9\""), "what was typed stays")
            var english = jar
            english.cookies[Language.cookieName] = "en"
            let inEnglish = try await client.post("/participants/\(participant)/evaluation",
                                                  Self.fields(token, id: id, importance: "9", said: "Autre chose, finalement"), jar: english)
            #expect(inEnglish.status == .conflict && inEnglish.text.contains("Nothing was recorded: this act would contradict"))
        }
        #expect(try fixture.store.size() == before + 1, "the first sending only")
    }

    @Test("a ruler out of range and a missing step are refused beside their fields, with a summary; what was typed stays; nothing is written")
    func refusedKeepsInput() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let form = try await client.get("/participants/\(participant)/evaluation", jar: jar)
            let token = try #require(form.csrfToken)
            let refused = try await client.post("/participants/\(participant)/evaluation",
                                                Self.fields(token, id: Identifiers.newEventID(), step: "", importance: "12"), jar: jar)
            #expect(refused.status == .badRequest && refused.text.contains("Rien n&#39;a été enregistré"))
            #expect(refused.text.contains("<a href=\"#importance\">") && refused.text.contains("<a href=\"#engagementStep\">"))
            #expect(refused.text.contains("aria-invalid=\"true\" aria-describedby=\"importance-error\""))
            #expect(refused.text.contains("Je veux essayer autrement") && refused.text.contains("value=\"12\""))
        }
        #expect(try fixture.store.size() == before)
    }

    @Test("a clinician outside the care team is refused (403), nothing is written, the refusal is recorded; no token, no write")
    func strangerAndForgery() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let form = try await client.get("/participants/\(participant)/evaluation", jar: jar)
            let token = try #require(form.csrfToken)
            let refused = try await client.post("/participants/\(participant)/evaluation", Self.fields(token, id: Identifiers.newEventID()), jar: jar)
            #expect(refused.status == .forbidden && !refused.text.contains("Personne Fictive Web"))
            let forged = try await client.post("/participants/\(participant)/evaluation", Self.fields("faux", id: Identifiers.newEventID()), jar: jar)
            #expect(forged.status == .forbidden)
        }
        #expect(try fixture.store.size() == before)
        let refusal = try #require(try fixture.accessRecords().last)
        #expect(refusal["actor"] == .string(WebFixture.stranger) && refusal["act"] == "stage.assessed" && refusal["outcome"] == "denied")
    }
}
