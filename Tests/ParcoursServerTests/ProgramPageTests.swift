import Foundation
import HummingbirdTesting
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The coordinator's workspace as she meets it: the program's picture over a period (its
/// charts, each with a table of the same numbers), the caseloads of her organization and
/// each clinician's, every read decided by the policy and recorded for supervision; anyone
/// else refused. Synthetic people only.
@Suite("The coordinator's program and caseloads")
struct ProgramPageTests {
    /// Contemplation, then determination; a momentary relapse; a referral — in November 2026.
    static func recordPath(_ fixture: WebFixture) async throws {
        let participant = JSONValue.string(fixture.participant)
        let acts: [JSONValue] = [
            ["type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-21T10:00:00.000Z",
             "data": ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4]],
            ["type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-22T10:00:00.000Z",
             "data": ["engagementStep": "reflection-and-dilemma", "wheelStage": "determination", "importance": 7, "confidence": 5]],
            ["type": "relapse.recorded", "participant": participant, "occurredAt": "2026-11-25T10:00:00.000Z",
             "data": ["kind": "momentary", "startedOn": "2026-11-24",
                      "factors": [["origin": "external", "category": "criminogenic-places-or-people", "description": "facteur fictif"]]]],
            ["type": "referral.made", "participant": participant, "occurredAt": "2026-11-25T11:00:00.000Z",
             "data": ["to": ["kind": "housing", "name": "Maison <Exemple>"], "reason": "logement sûr", "urgency": "soon"]],
        ]
        _ = try await fixture.caseRecord.record(try acts.map { try ActRequest(json: $0) },
                                                by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))
    }

    static let year = "/programme?du=2026-01-01&au=2026-12-31"

    /// The SVG chart of the page whose title has the id `id`-title, or "" when absent.
    static func chart(_ id: String, in page: String) -> String {
        page.components(separatedBy: "<svg").dropFirst().first { $0.contains("id=\"\(id)-title\"") }
            .map { "<svg" + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" } ?? ""
    }

    @Test("the coordinator sees the picture of a period: five charts as images with their tables, the relapse counted in the calm palette; the read recorded for supervision")
    func picture() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await Self.recordPath(fixture)
        try await fixture.test { client in
            let (jar, signedIn) = try await fixture.signIn(client, WebFixture.coordinator)
            #expect(signedIn.headers[.location] == "/")
            let home = try await client.get("/", jar: jar)
            #expect(home.status == .seeOther && home.headers[.location] == "/programme", "a coordinator's home is the program")
            let page = try await client.get(Self.year, jar: jar)
            #expect(page.status == .ok)
            let text = JourneyPathPageTests.read(page)
            #expect(text.contains("<h1>Le portrait du programme</h1>") && text.contains("Période affichée : du 2026-01-01 au 2026-12-31."))
            for id in ["chart-stages", "chart-steps", "chart-transitions", "chart-relapses", "chart-referrals"] {
                let chart = Self.chart(id, in: text)
                #expect(chart.contains("role=\"img\"") && chart.contains("aria-labelledby=\"\(id)-title \(id)-desc\""), "\(id)")
                let colours = Set(PathChartTests.values(of: "fill", in: chart) + PathChartTests.values(of: "stroke", in: chart))
                #expect(colours.isSubset(of: ChartMarkup.Palette.all), "\(id): \(colours.subtracting(ChartMarkup.Palette.all))")
            }
            #expect(text.contains("<caption>Suivis ouverts par stade de la roue</caption>"))
            #expect(text.contains("<tr><th scope=\"row\">détermination</th><td>1</td></tr>"))
            #expect(text.contains("<tr><th scope=\"row\">2026-11</th><td>contemplation</td><td>détermination</td><td>dans le sens de la roue</td><td>1</td></tr>"))
            #expect(text.contains("<tr><th scope=\"row\">2026-11</th><td>1</td><td>0</td></tr>"), "the relapse of November, momentary")
            #expect(text.contains("<title>2026-11 — momentanées : 1</title>"))
            #expect(text.contains("Maison &lt;Exemple&gt;") && !text.contains("Maison <Exemple>"), "a resource's name escaped")
            #expect(!text.contains("Personne Fictive Web"), "no name in the picture")
            #expect(!text.lowercased().contains("échec"))
            #expect(text.contains("<a href=\"/programme/charges\">"))
        }
        let read = try #require(try fixture.accessRecords().last { $0["view"] == "program" })
        #expect(read["actor"] == .string(WebFixture.coordinator) && read["outcome"] == "permitted" && read["purpose"] == "supervision")
    }

    @Test("the participants gone silent are named only to a coordinator whose organization follows them; another organization's sees the same figures, no id")
    func silentByOrganization() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await Self.recordPath(fixture)
        let (from, to) = (Day("2026-01-01")!, Day("2026-12-31")!)
        let own = try await fixture.caseRecord.program(from: from, to: to, by: Identity(actor: WebFixture.coordinator, signer: PassphraseSigner { WebFixture.passphrase }))
        #expect(own.withoutContact.map(\.participant) == [fixture.participant], "her organization's clinician follows the participant")
        let admin = Identity(actor: WebFixture.admin, signer: PassphraseSigner { WebFixture.passphrase })
        _ = try await fixture.caseRecord.changeRoles(of: ActorID(WebFixture.stranger)!, to: [.coordinator], by: admin)
        let other = try await fixture.caseRecord.program(from: from, to: to, by: Identity(actor: WebFixture.stranger, signer: PassphraseSigner { WebFixture.passphrase }))
        #expect(other.withoutContact.isEmpty, "another organization's coordinator is given no id")
        #expect(other.openFollowUps == own.openFollowUps && other.byStage == own.byStage, "the figures are the program's, the same for both")
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.stranger)
            let page = try await client.get(Self.year, jar: jar)
            #expect(page.status == .ok && !page.text.contains(fixture.participant))
        }
    }

    @Test("a participant who refuses an organization leaves the caseloads and the silent list of its people, her stage and safety withheld as her journey is")
    func refusalLeavesCaseloads() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await Self.recordPath(fixture)
        let clinician = Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase })
        let coordinator = Identity(actor: WebFixture.coordinator, signer: PassphraseSigner { WebFixture.passphrase })
        let (from, to) = (Day("2026-01-01")!, Day("2026-12-31")!)
        #expect(try await fixture.caseRecord.caseload(by: clinician).entries.map(\.participant) == [fixture.participant])
        let refusal: JSONValue = ["type": "consent.refused", "participant": .string(fixture.participant), "occurredAt": "2026-11-26T10:00:00.000Z",
                                  "data": ["scope": ["kind": "organization", "value": "Organisme Exemple"], "decidedBy": "participant"]]
        _ = try await fixture.caseRecord.record([try ActRequest(json: refusal)], by: clinician)
        #expect(try await fixture.caseRecord.caseload(by: clinician).entries.isEmpty, "her own caseload no longer shows the participant")
        let supervised = try await fixture.caseRecord.organizationCaseloads(by: coordinator).caseloads
        #expect(supervised.allSatisfy { $0.entries.isEmpty }, "nor the coordinator's view of it")
        let picture = try await fixture.caseRecord.program(from: from, to: to, by: coordinator)
        #expect(picture.withoutContact.isEmpty && picture.openFollowUps == 1, "counted in the program's figures, not named")
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let home = try await client.get("/", jar: jar)
            #expect(home.status == .ok && !home.text.contains(fixture.participant))
        }
    }

    @Test("in English, the same picture in English words; by default the year up to today")
    func english() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            var (jar, _) = try await fixture.signIn(client, WebFixture.coordinator)
            let switched = try await client.post("/langue", ["langue": "en", "retour": "/programme"], jar: jar)
            jar.take(switched)
            let page = try await client.get("/programme", jar: jar)
            #expect(page.status == .ok)
            let text = JourneyPathPageTests.read(page)
            #expect(text.contains("<html lang=\"en\">") && text.contains("<h1>The program picture</h1>"))
            #expect(text.contains("Relapses per month") && text.contains("No relapse begun in the period"))
            let today = CaseRecord.today(), yearBefore = Day(today)!.yearBefore.rawValue
            #expect(text.contains("Period shown: from \(yearBefore) to \(today)."))
            #expect(text.contains("value=\"\(yearBefore)\"") && text.contains("value=\"\(today)\""))
        }
    }

    @Test("a day that is not one is refused beside its field (400), naming what is accepted, and nothing is read")
    func badPeriod() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.coordinator)
            let before = try fixture.accessRecords().filter { $0["view"] == "program" }.count
            let page = try await client.get("/programme?du=2026-13-40&au=2026-06-30", jar: jar)
            #expect(page.status == .badRequest)
            let text = JourneyPathPageTests.read(page)
            #expect(text.contains("<span class=\"field-error\" id=\"du-error\">Date non reconnue : inscrivez un jour qui existe sous la forme AAAA-MM-JJ, par exemple 2026-01-31.</span>"))
            #expect(text.contains("id=\"du\" name=\"du\" type=\"date\" value=\"2026-13-40\" aria-describedby=\"period-hint du-error\" aria-invalid=\"true\""))
            #expect(text.contains("<a href=\"#du\">Du : Date non reconnue") && !text.contains("au-error"))
            #expect(!text.contains("<svg") && text.contains("Corrigez la période pour afficher le portrait."))
            let reversed = try await client.get("/programme?du=2026-06-30&au=2026-01-01", jar: jar)
            #expect(reversed.status == .badRequest && JourneyPathPageTests.read(reversed).contains("id=\"au-error\">La fin de la période ne peut pas précéder son début."))
            #expect(try fixture.accessRecords().filter { $0["view"] == "program" }.count == before)
        }
    }

    @Test("a clinician and a researcher are refused the program and the caseloads (403), each refusal recorded; signed out, to the sign-in")
    func othersRefused() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            for path in ["/programme", "/programme/charges", "/programme/charges/\(WebFixture.admitting)"] {
                let signedOut = try await client.execute(uri: path, method: .get)
                #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/connexion")
            }
            for actor in [WebFixture.admitting, WebFixture.researcher] {
                let (jar, _) = try await fixture.signIn(client, actor)
                for (path, view) in [("/programme", "program"), ("/programme/charges", "caseload"), ("/programme/charges/\(WebFixture.newcomer)", "caseload")] {
                    let refused = try await client.get(path, jar: jar)
                    #expect(refused.status == .forbidden, "\(actor) \(path)")
                    #expect(!refused.text.contains("<svg") && refused.text.contains("Ce refus est inscrit au journal des accès."))
                    let record = try #require(try fixture.accessRecords().last)
                    #expect(record["actor"] == .string(actor) && record["view"] == .string(view) && record["outcome"] == "denied"
                            && record["reason"] == "role not permitted", "\(actor) \(path)")
                }
            }
        }
    }

    @Test("the coordinator lists her organization's clinicians with their counts, opens one's caseload (supervision, recorded), and is refused another organization's")
    func caseloads() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await Self.recordPath(fixture)
        let participant = fixture.participant
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.coordinator)
            let list = try await client.get("/programme/charges", jar: jar)
            #expect(list.status == .ok)
            let text = JourneyPathPageTests.read(list)
            #expect(text.contains("<a href=\"/programme/charges/\(WebFixture.admitting)\">\(WebFixture.admitting)</a>"))
            #expect(text.contains("<a href=\"/programme/charges/\(WebFixture.newcomer)\">") && !text.contains(WebFixture.stranger),
                    "her organization's clinicians only")
            let row = JourneyPathPageTests.part(of: text, from: "/programme/charges/\(WebFixture.admitting)\"", to: "</tr>")
            #expect(row.contains("<td>1</td><td>0</td>"), "one open follow-up, no review due")
            let listed = try #require(try fixture.accessRecords().last)
            #expect(listed["view"] == "caseload" && listed["purpose"] == "supervision" && listed["outcome"] == "permitted")

            let one = try await client.get("/programme/charges/\(WebFixture.admitting)?vue=ouverts", jar: jar)
            #expect(one.status == .ok)
            let caseload = JourneyPathPageTests.read(one)
            #expect(caseload.contains("<table class=\"caseload\">") && caseload.contains("<a href=\"/participants/\(participant)\">\(participant)</a>"))
            #expect(caseload.contains("action=\"/programme/charges/\(WebFixture.admitting)\"") && caseload.contains("<option value=\"ouverts\" selected>"))
            let read = try #require(try fixture.accessRecords().last)
            #expect(read["view"] == "caseload" && read["purpose"] == "supervision" && read["clinician"] == .string(WebFixture.admitting)
                    && read["outcome"] == "permitted")

            let other = try await client.get("/programme/charges/\(WebFixture.stranger)", jar: jar)
            #expect(other.status == .forbidden && !other.text.contains("class=\"caseload\""))
            let refusal = try #require(try fixture.accessRecords().last)
            #expect(refusal["clinician"] == .string(WebFixture.stranger) && refusal["outcome"] == "denied"
                    && refusal["reason"] == "not of the reader's organization")
        }
    }

    @Test("the clinician's own caseload page is unchanged by the shared table: its form asks /, its caption is hers")
    func ownCaseload() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let page = JourneyPathPageTests.read(try await client.get("/", jar: jar))
            #expect(page.contains("<form method=\"get\" action=\"/\" class=\"caseload-view\">"))
            #expect(page.contains("<caption>Les personnes que vous suivez : suivis ouverts d'abord"))
        }
    }
}
