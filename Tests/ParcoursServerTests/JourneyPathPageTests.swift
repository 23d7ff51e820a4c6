import Foundation
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The journey page as a clinician sees it: the path through both models and the rulers as
/// charts with their table, and — for the care team only — who opened the record. Synthetic
/// people only.
@Suite("The journey page's path, rulers and openings")
struct JourneyPathPageTests {
    static let justification = "Appel de la ligne d'urgence : danger imminent signalé ce soir"

    /// Maintenance, a relapse, and the relapse stage assessed: the path the page draws.
    static func recordPath(_ fixture: WebFixture) async throws {
        let participant = JSONValue.string(fixture.participant)
        let acts: [JSONValue] = [
            ["type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-21T10:00:00.000Z",
             "data": ["engagementStep": "cessation-of-activities", "wheelStage": "maintenance", "importance": 8, "confidence": 6]],
            ["type": "relapse.recorded", "participant": participant, "occurredAt": "2026-11-25T10:00:00.000Z",
             "data": ["kind": "momentary", "startedOn": "2026-11-24",
                      "factors": [["origin": "external", "category": "criminogenic-places-or-people", "description": "facteur fictif"]]]],
            ["type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-25T10:30:00.000Z",
             "data": ["engagementStep": "resumption-of-activities", "wheelStage": "relapse", "importance": 9, "confidence": 4]],
        ]
        _ = try await fixture.caseRecord.record(try acts.map { try ActRequest(json: $0) },
                                                by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))
    }

    /// A page's text with the apostrophes templates escape written back, to read it as a person does.
    static func read(_ response: TestResponse) -> String { response.text.replacingOccurrences(of: "&#39;", with: "'") }

    /// Writes the page, its style sheet inlined, where `PARCOURS_JOURNEY_SAMPLE` says (to look at it in a browser); nothing otherwise.
    static func keepSample(_ page: String) {
        guard let path = ProcessInfo.processInfo.environment["PARCOURS_JOURNEY_SAMPLE"], !path.isEmpty else { return }
        let sample = page.replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"/style.css\">", with: "<style>\n\(StyleSheet.css)\n</style>")
        try? sample.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The part of a page between two markers (both included), or "" when absent.
    static func part(of page: String, from start: String, to end: String) -> String {
        guard let lower = page.range(of: start), let upper = page.range(of: end, range: lower.upperBound..<page.endIndex) else { return "" }
        return String(page[lower.lowerBound..<upper.upperBound])
    }

    @Test("the journey page draws the path through both models and the rulers as SVG images, with the same data as a table")
    func chartAndTextAlternative() async throws {
        let fixture = try await WebFixture()
        try await Self.recordPath(fixture)
        let participant = fixture.participant
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let page = try await client.get("/participants/\(participant)", jar: jar)
            #expect(page.status == .ok)
            let text = Self.read(page)
            let path = Self.part(of: text, from: "<svg", to: "</svg>")
            #expect(path.contains("role=\"img\"") && path.contains("<title id=\"chart-path-title\">Le parcours dans les deux modèles, dans le temps</title>"))
            #expect(path.contains("Roue du changement") && path.contains("Cycle de l'engagement"))
            #expect(path.contains(">chute</text>"), "the relapse is drawn as a period of the path")
            #expect(path.contains(">2026-11-20</text>") && path.contains(">\(CaseRecord.today())</text>"), "from admission to today")
            #expect(text.components(separatedBy: "<svg").count - 1 == 2, "the path and the rulers")
            #expect(text.contains("<title id=\"chart-rulers-title\">Les règles d'importance et de confiance dans le temps</title>"))
            // The text alternative: every assessment, both models and both rulers.
            let table = Self.part(of: text, from: "<table class=\"assessments\">", to: "</table>")
            #expect(table.contains("Les évaluations de l'étape, de la plus ancienne à la plus récente"))
            #expect(table.contains("<time datetime=\"2026-11-21\">2026-11-21</time></th><td>maintien</td><td>arrêt des activités</td><td>8/10</td><td>6/10</td>"))
            #expect(table.contains("<td>chute</td><td>reprise des activités</td><td>9/10</td><td>4/10</td>"))
            // No inline style (the CSP would refuse it), and nothing in a failure colour.
            #expect(!text.contains(" style=") && !text.contains("<style"))
            for alarm in ["red", "#8a1c1c", "#f00", "échec"] { #expect(!path.lowercased().contains(alarm)) }
        }
    }

    @Test("each language punctuates the journey page its way: French spaces a colon and a semicolon, English does not — the safety line, the plan, the referrals, the consents and the charts' titles")
    func punctuationByLanguage() async throws {
        let fixture = try await WebFixture()
        try await Self.recordPath(fixture)
        let participant = JSONValue.string(fixture.participant)
        let acts: [JSONValue] = [
            ["type": "safety.assessed", "participant": participant, "occurredAt": "2026-11-26T10:00:00.000Z",
             "data": ["dangerLevel": "high", "risks": ["debts"], "peopleInvolved": [], "resourcesEngaged": [], "crisisPlan": "plan fictif"]],
            ["type": "plan.revised", "participant": participant, "occurredAt": "2026-11-26T11:00:00.000Z",
             "data": ["revision": 1, "reviewOn": "2027-01-15", "needs": [["need": "logement stable", "priority": 1]], "means": ["rencontres"],
                      "objectives": [["what": "objectif fictif", "measure": "mesure fictive", "status": "active", "targetDate": "2027-01-10"]]]],
            ["type": "referral.made", "participant": participant, "occurredAt": "2026-11-26T12:00:00.000Z",
             "data": ["to": ["kind": "housing", "name": "Ressource Fictive"], "reason": "logement", "urgency": "soon"]],
            ["type": "consent.given", "participant": participant, "occurredAt": "2026-11-26T13:00:00.000Z",
             "data": ["categories": ["stages"], "decidedBy": "participant", "scope": ["kind": "program"]]],
        ]
        _ = try await fixture.caseRecord.record(try acts.map { try ActRequest(json: $0) },
                                                by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let french = Self.read(try await client.get("/participants/\(fixture.participant)", jar: jar))
            #expect(french.contains("Évaluée le 2026-11-26 : danger") && french.contains("Révisé le 2026-11-26 ; prochaine révision"))
            #expect(french.contains("<li>2026-11-26 : "), "a referral's or a consent's day, then a colon")
            #expect(french.contains("mesure fictive ; échéance"))
            let chosen = try await client.post("/langue", ["langue": "en", "retour": "/"], jar: jar)
            var english = jar
            english.take(chosen)
            let page = Self.read(try await client.get("/participants/\(fixture.participant)", jar: english))
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("Assessed on 2026-11-26: danger") && page.contains("Revised on 2026-11-26; next review"))
            #expect(page.contains("<li>2026-11-26: ") && page.contains("mesure fictive; target date"))
            #expect(!page.contains(" : ") && !page.contains(" ; "), "no French spacing anywhere in the English page, its charts' titles included")
        }
    }

    @Test("the care team sees who opened the record — a stranger's refused attempt and a break-glass read marked for review; the break-glass reader does not see it")
    func whoOpenedTheRecord() async throws {
        let fixture = try await WebFixture()
        try await Self.recordPath(fixture)
        let participant = fixture.participant
        try await fixture.test { client in
            let (stranger, _) = try await fixture.signIn(client, WebFixture.stranger)
            let refused = try await client.get("/participants/\(participant)", jar: stranger)
            #expect(refused.status == .forbidden)
            let opened = try await client.post("/participants/\(participant)/bris-de-vitre",
                                               ["_csrf": refused.csrfToken ?? "", "justification": Self.justification], jar: stranger)
            #expect(opened.status == .ok && opened.text.contains("Accès par bris de vitre") && opened.text.contains("<svg"))
            #expect(!opened.text.contains("Qui a ouvert ce dossier") && !opened.text.contains("class=\"openings\""),
                    "the glass opens the record, not the list of who opened it")

            var (team, _) = try await fixture.signIn(client, WebFixture.admitting)
            let page = try await client.get("/participants/\(participant)", jar: team)
            #expect(page.status == .ok)
            let panel = Self.part(of: Self.read(page), from: "<section class=\"openings\"", to: "</section>")
            #expect(panel.contains("<h2 id=\"openings\">Qui a ouvert ce dossier</h2>"))
            let rows = panel.components(separatedBy: "<tr").filter { $0.contains(WebFixture.stranger) }
            #expect(rows.count == 2, "the refusal and the break-glass read")
            // Newest first: the break-glass read, then the refused attempt.
            #expect(rows.first?.contains("bris de vitre — marqué pour révision") == true && rows.first?.contains("accès d'urgence justifié") == true)
            #expect(rows.first?.contains("class=\"review\"") == true && rows.first?.contains("dossier complet") == true)
            #expect(rows.last?.contains("refusé — hors de l'équipe de suivi") == true && rows.last?.contains("(intervenant·e, Autre Organisme)") == true)
            #expect(!Self.read(page).contains(Self.justification), "the justification's words stay in the access log, for the review")
            #expect(!panel.contains("facteur fictif"))
            Self.keepSample(page.text)

            team.cookies[Language.cookieName] = "en"
            let english = try await client.get("/participants/\(participant)", jar: team)
            let englishPanel = Self.part(of: Self.read(english), from: "<section class=\"openings\"", to: "</section>")
            #expect(englishPanel.contains("Who opened this record") && englishPanel.contains("refused — not in the care team"))
            #expect(englishPanel.contains("break-glass — marked for review") && englishPanel.contains("justified emergency access"))
            #expect(Self.read(english).contains("The path through both models, over time"))
        }
        let records = try fixture.accessRecords()
        let panelReads = records.filter { $0["view"] == "access-log" && $0["participant"] == .string(participant) }
        #expect(panelReads.count == 2 && panelReads.allSatisfy { $0["actor"] == .string(WebFixture.admitting) && $0["purpose"] == "care" },
                "each look at the panel is itself decided and recorded; none by the break-glass reader")
    }
}
