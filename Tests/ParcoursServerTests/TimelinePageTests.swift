import Foundation
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The journey page lists the latest acts and links to the whole timeline, its own page under
/// the same policy (view `timeline`). Synthetic people only.
@Suite("The timeline's page")
struct TimelinePageTests {
    /// 24 stage assessments, an hour apart on the days after the admission: with the admission and the care team's first member, 26 acts in the timeline.
    static func recordAssessments(_ fixture: WebFixture) async throws {
        let acts: [JSONValue] = (1...24).map { day in
            ["type": "stage.assessed", "participant": .string(fixture.participant),
             "occurredAt": .string(String(format: "2026-11-%02dT%02d:00:00.000Z", 21 + day / 12, day % 12 + 8)),
             "data": ["engagementStep": "involvement-and-commitment", "wheelStage": "contemplation", "importance": 6, "confidence": 5]]
        }
        _ = try await fixture.caseRecord.record(try acts.map { try ActRequest(json: $0) },
                                                by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))
    }

    static func listed(_ page: String) -> Int {
        JourneyPathPageTests.part(of: page, from: "<ol class=\"timeline\"", to: "</ol>").components(separatedBy: "<li>").count - 1
    }

    @Test("the journey page lists the 20 latest acts, the most recent first, and links to the whole timeline, which lists all 26")
    func latestAndWhole() async throws {
        let fixture = try await WebFixture()
        try await Self.recordAssessments(fixture)
        let participant = fixture.participant
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let journey = try await client.get("/participants/\(participant)", jar: jar)
            #expect(journey.status == .ok)
            #expect(Self.listed(journey.text) == 20)
            #expect(journey.text.contains("<a href=\"/participants/\(participant)/chronologie\">Toute la chronologie (26)</a>"))
            let latest = JourneyPathPageTests.part(of: journey.text, from: "<ol class=\"timeline\" reversed start=\"26\">", to: "</li>")
            #expect(latest.contains("2026-11-23"))

            let whole = try await client.get("/participants/\(participant)/chronologie", jar: jar)
            #expect(whole.status == .ok && whole.headers[.cacheControl] == "no-store")
            #expect(Self.listed(whole.text) == 26 && whole.text.contains("Personne Fictive Web"))
            #expect(whole.text.contains("2026-11-20") && whole.text.contains("<a href=\"/participants/\(participant)\">Retour au parcours</a>"))
        }
        let reads = try fixture.accessRecords().filter { $0["view"] == "timeline" && $0["participant"] == .string(participant) }
        #expect(reads.count == 1 && reads.first?["actor"] == .string(WebFixture.admitting) && reads.first?["outcome"] == "permitted")
    }

    @Test("in English, the journey page and the whole timeline say each act in English; in French, in French")
    func actsInThePageLanguage() async throws {
        let fixture = try await WebFixture()
        try await Self.recordAssessments(fixture)
        let participant = fixture.participant
        try await fixture.test { client in
            var (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let french = try await client.get("/participants/\(participant)", jar: jar)
            let frenchActs = JourneyPathPageTests.part(of: french.text, from: "<ol class=\"timeline\"", to: "</ol>")
            #expect(frenchActs.contains("Étape : implication et engagement ; roue : contemplation (importance 6/10, confiance 5/10)"))
            jar.take(try await client.post("/langue", ["langue": "en", "retour": "/participants/\(participant)"], jar: jar))
            for path in ["/participants/\(participant)", "/participants/\(participant)/chronologie"] {
                let page = try await client.get(path, jar: jar)
                #expect(page.status == .ok && page.text.contains("<html lang=\"en\">"))
                let acts = JourneyPathPageTests.part(of: page.text, from: "<ol class=\"timeline\"", to: "</ol>")
                #expect(acts.contains("Step: involvement and commitment; wheel: contemplation (importance 6/10, confidence 5/10)"), "\(path)")
                #expect(!acts.contains("Étape") && !acts.contains("roue :") && !acts.contains("Admission, orientée"), "no French act on an English page (\(path))")
            }
        }
    }

    @Test("a clinician outside the care team is refused the whole timeline (403, nothing of it), the refusal recorded; signed out, to the sign-in")
    func strangerRefused() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let signedOut = try await client.execute(uri: "/participants/\(participant)/chronologie", method: .get)
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/connexion")
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let refused = try await client.get("/participants/\(participant)/chronologie", jar: jar)
            #expect(refused.status == .forbidden && !refused.text.contains("Personne Fictive Web") && !refused.text.contains("class=\"timeline\""))
        }
        let refusal = try #require(try fixture.accessRecords().last { $0["participant"] == .string(fixture.participant) })
        #expect(refusal["view"] == "timeline" && refusal["outcome"] == "denied" && refusal["reason"] == "not in the care team")
    }
}
