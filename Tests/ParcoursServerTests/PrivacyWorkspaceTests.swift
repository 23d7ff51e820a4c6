import Foundation
import GRDB
import HTTPTypes
import ParcoursAccess
import ParcoursApp
import ParcoursProjections
import HummingbirdTesting
import ParcoursLog
import Testing
@testable import ParcoursServer

/// The privacy officer's workspace: the logs' checkpoints, their verification in the
/// background, each decided by the access policy and recorded. Synthetic people only.
@Suite("The privacy officer's workspace")
struct PrivacyWorkspaceTests {
    /// The verification's page, asked again (as the browser does when told to refresh) until it gives its verdict.
    static func verdict(of location: String, _ client: any TestClientProtocol, jar: CookieJar) async throws -> TestResponse {
        for _ in 0..<300 {
            let page = try await client.get(location, jar: jar)
            if page.headers[HTTPField.Name("Refresh")!] == nil { return page }
            #expect(page.text.contains("<progress id=\"progression\" value=\""))
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the verification did not end")
        return try await client.get(location, jar: jar)
    }

    /// Starts a verification as `jar`'s person; its page's path.
    static func startVerification(_ client: any TestClientProtocol, jar: CookieJar) async throws -> String {
        let home = try await client.get("/confidentialite", jar: jar)
        let started = try await client.post("/confidentialite/verification", ["_csrf": home.csrfToken ?? ""], jar: jar)
        #expect(started.status == .seeOther)
        let location = try #require(started.headers[.location])
        #expect(location.hasPrefix("/confidentialite/verification/"))
        return location
    }

    /// Changes one column of an event row behind the store's back, as someone holding the file could.
    static func tamper(_ fixture: WebFixture, seq: Int) throws {
        let queue = try DatabaseQueue(path: fixture.store.databasePath)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS event_immutable_update")
            try db.execute(sql: "UPDATE event SET type = 'actor.renamed' WHERE seq = \(seq)")
        }
        try queue.close()
    }

    @Test("the privacy officer sees both logs' latest signed checkpoints, without witnesses yet; a clinician and a coordinator are refused (403), recorded")
    func checkpoints() async throws {
        let fixture = try await WebFixture(everyRole: true)
        _ = try fixture.store.checkpoint(.events, master: try fixture.store.unlockMaster(passphrase: "phrase-maitresse-web-1"))
        let size = try fixture.store.size(.events), root = try fixture.store.root().root
        try await fixture.test { client in
            let (jar, signedIn) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            #expect(signedIn.headers[.location] == "/")
            let home = try await client.get("/confidentialite", jar: jar)
            #expect(home.status == .ok)
            #expect(home.text.contains("<td>\(size)</td><td><code>\(root.base64)</code></td><td>aucun témoin</td>"))
            #expect(home.text.contains("<td colspan=\"3\">aucun point de contrôle signé pour l"), "the access log has none yet")
            #expect(home.text.contains("action=\"/confidentialite/verification\""))
            for actor in [WebFixture.admitting, WebFixture.coordinator] {
                let (other, _) = try await fixture.signIn(client, actor)
                let refused = try await client.get("/confidentialite", jar: other)
                #expect(refused.status == .forbidden && !refused.text.contains(root.base64))
                let started = try await client.post("/confidentialite/verification", ["_csrf": refused.csrfToken ?? ""], jar: other)
                #expect(started.status == .forbidden)
            }
        }
        let records = try fixture.accessRecords()
        #expect(records.contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["view"] == "metadata" && $0["outcome"] == "permitted"
                                   && $0["command"] == "checkpoints" })
        for actor in [WebFixture.admitting, WebFixture.coordinator] {
            #expect(records.filter { $0["actor"] == .string(actor) && $0["view"] == "metadata" && $0["outcome"] == "denied" }.count == 2)
        }
    }

    @Test("the privacy officer sees who cosigned the latest checkpoint and the witnesses' alarms")
    func witnesses() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let note = try fixture.store.checkpoint(.events, master: try fixture.store.unlockMaster(passphrase: "phrase-maitresse-web-1"))
        let body = try fixture.store.noteVerifier(.events).open(note: note)
        let size = try fixture.store.size(.events)
        let witness = WitnessSigner(name: "temoin.example/dpo", key: SigningKey.generate())
        try fixture.store.saveCosignatures([witness.cosign(body: body, timestamp: 1_800_000_000).line], log: .events, size: size)
        try fixture.store.recordWitnessAlarm(WitnessAlarm(at: Timestamp(millisecondsSinceEpoch: 1_800_000_000_000), witness: "partenaire.example/w",
                                                         log: .events, size: size, status: 422, reason: "the consistency proof does not verify"))
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let home = try await client.get("/confidentialite", jar: jar)
            #expect(home.status == .ok)
            #expect(home.text.contains("<td>\(size)</td><td><code>"), "\(home.text)")
            #expect(home.text.contains("</code></td><td>temoin.example/dpo</td>"), "the cosigner is named beside the checkpoint")
            #expect(home.text.contains("Alertes des témoins"))
            #expect(home.text.contains("<td>partenaire.example/w</td><td>Journal des événements</td><td>\(size)</td><td>422</td><td>the consistency proof does not verify</td>"))
        }
    }

    @Test("a verification runs in the background, its progress shown, and ends 'intact' on an intact store; recorded; its page is only for who asked")
    func intact() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let location = try await Self.startVerification(client, jar: jar)
            let done = try await Self.verdict(of: location, client, jar: jar)
            #expect(done.status == .ok)
            #expect(done.text.contains("Intact : les deux journaux sont intègres."))
            #expect(!done.text.contains("<progress"))
            let home = try await client.get("/confidentialite", jar: jar)
            #expect(!home.text.contains("aucun point de contrôle signé"), "an intact store gets a checkpoint of each log, of what was verified")
            let (other, _) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(try await client.get(location, jar: other).status == .notFound)
            #expect(try await client.get("/confidentialite/verification/autre", jar: jar).status == .notFound)
        }
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["command"] == "verify"
                                                         && $0["outcome"] == "permitted" })
    }

    @Test("on a store changed on purpose, the verification names the log, the first failing seq and why")
    func damaged() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try Self.tamper(fixture, seq: 3)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let done = try await Self.verdict(of: try await Self.startVerification(client, jar: jar), client, jar: jar)
            #expect(done.text.contains("Altération constatée"))
            #expect(done.text.contains("<dd>Journal des événements</dd>"))
            #expect(done.text.contains("<dt>Premier enregistrement en défaut (seq)</dt><dd>3</dd>"))
            #expect(done.text.contains("type"))
            #expect(!done.text.contains("Intact"))
        }
    }

    @Test("starting a verification needs the page's token: without it, 403 and nothing starts")
    func crossSite() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let forged = try await client.post("/confidentialite/verification", ["_csrf": "faux"], jar: jar)
            #expect(forged.status == .forbidden && forged.headers[.location] == nil)
        }
        #expect(!(try fixture.accessRecords().contains { $0["command"] == "verify" }))
    }

    /// The stranger clinician breaks the glass on the fixture's participant (refused first, then the glass): two anomalies.
    static func breakGlass(_ fixture: WebFixture) async throws -> UInt64 {
        let stranger = Identity(actor: WebFixture.stranger, signer: PassphraseSigner { WebFixture.passphrase })
        let participant = try ParticipantID(checking: fixture.participant)
        _ = try? await fixture.caseRecord.journey(of: participant, by: stranger)
        _ = try await fixture.caseRecord.journey(of: participant, view: .journey, by: stranger,
                                                 breakGlass: "Appel du service d'urgence, personne en danger immédiat")
        return try fixture.store.size(.access) - 1
    }

    @Test("the access log's search: filters by participant, actor, period, view, purpose and outcome, newest first, each record with its proof; a wrong value is a 400 naming its field")
    func accessSearch() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let glass = try await Self.breakGlass(fixture)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let all = try await client.get("/confidentialite/acces", jar: jar)
            #expect(all.status == .ok)
            #expect(all.text.contains("<label for=\"participant\">") && all.text.contains("<label for=\"outcome\">"))
            // Purposes as the privacy officer says them, not as the participant's report speaks to the person.
            #expect(all.text.contains(">demande de la personne</option>") && !all.text.contains("votre demande"))
            let rows = all.text.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { Int($0.prefix { $0.isNumber })! }
            #expect(rows == rows.sorted(by: >) && !rows.isEmpty, "newest first")
            let strangers = try await client.get("/confidentialite/acces?actor=\(WebFixture.stranger)&purpose=break-glass&outcome=permitted"
                                                 + "&participant=\(fixture.participant)&view=journey&from=2000-01-01&to=2100-01-01", jar: jar)
            #expect(strangers.status == .ok)
            #expect(strangers.text.contains("<p role=\"status\">1 enregistrement correspond."), "one record, said in the singular")
            #expect(strangers.text.contains("<tr><th scope=\"row\">\(glass)</th>") && strangers.text.contains("à revoir"))
            #expect(strangers.text.contains("href=\"/confidentialite/acces/\(glass)/preuve\""))
            #expect(strangers.text.contains("<option value=\"journey\" selected>parcours</option>")
                && strangers.text.contains("<option value=\"research-export\">exportation de recherche dépersonnalisée</option>"),
                    "the views are named in the reader's language, their codes kept for the search")
            #expect(strangers.text.contains("<td>parcours</td>") && !strangers.text.contains("<td>journey</td>"))
            for (query, field) in [("participant=pas-un-id", "participant"), ("actor=Pas%20Un%20Id", "actor"), ("from=2026-13-01", "from"),
                                   ("to=demain", "to"), ("view=tout", "view"), ("outcome=peut-etre", "outcome"), ("purpose=curiosite", "purpose")] {
                let refused = try await client.get("/confidentialite/acces?" + query, jar: jar)
                #expect(refused.status == .badRequest, "\(query)")
                #expect(refused.text.contains("<p>\(field) : "), "\(query)")
                #expect(!refused.text.contains("<table"), "nothing else")
            }
            let proof = try await client.get("/confidentialite/acces/\(glass)/preuve", jar: jar)
            #expect(proof.status == .ok)
            #expect(proof.text.contains("La preuve est valide"))
            #expect(proof.text.contains("Aucun point de contrôle signé ne couvre encore cet enregistrement"), "no checkpoint yet: the current tree")
            #expect(try await fixture.caseRecord.store.latestCheckpoint(.access) == nil, "a GET signs nothing")
            #expect(try await client.get("/confidentialite/acces/999999/preuve", jar: jar).status == .badRequest)
            for actor in [WebFixture.admitting, WebFixture.coordinator] {
                let (other, _) = try await fixture.signIn(client, actor)
                #expect(try await client.get("/confidentialite/acces", jar: other).status == .forbidden)
                #expect(try await client.get("/confidentialite/acces/\(glass)/preuve", jar: other).status == .forbidden)
            }
        }
        let records = try fixture.accessRecords()
        for actor in [WebFixture.admitting, WebFixture.coordinator] {
            #expect(records.filter { $0["actor"] == .string(actor) && $0["view"] == "access-log" && $0["outcome"] == "denied" }.count == 2)
        }
        #expect(records.contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["command"] == "inclusion proof" })
    }

    @Test("the review queue lists the break-glass read; marking it reviewed with a comment records access.reviewed in the registers and moves it to the reviewed list")
    func review() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let glass = try await Self.breakGlass(fixture)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let queue = try await client.get("/confidentialite/revue", jar: jar)
            #expect(queue.status == .ok)
            #expect(queue.text.contains("<h3 id=\"item-\(glass)\">Bris de vitre — N° (seq) \(glass)</h3>"))
            #expect(queue.text.contains("<label for=\"comment-\(glass)\">"))
            #expect(queue.text.contains("Appel du service d"), "the written justification, for the review")
            let token = try #require(queue.csrfToken)
            let forged = try await client.post("/confidentialite/revue", ["_csrf": "faux", "seq": "\(glass)", "comment": "Revu sans jeton du tout."], jar: jar)
            #expect(forged.status == .forbidden)
            let short = try await client.post("/confidentialite/revue", ["_csrf": token, "seq": "\(glass)", "comment": "vu"], jar: jar)
            #expect(short.status == .badRequest && short.text.contains("id=\"error-\(glass)\"") && short.text.contains(">vu</textarea>"))
            #expect(try fixture.store.events(inStream: AccessReview.stream, master: nil).isEmpty, "nothing written")
            let comment = "Urgence confirmée avec l'équipe ; accès justifié."
            let done = try await client.post("/confidentialite/revue", ["_csrf": token, "seq": "\(glass)", "comment": comment], jar: jar)
            #expect(done.status == .seeOther && done.headers[.location] == "/confidentialite/revue?revu=1")
            let after = try await client.get("/confidentialite/revue?revu=1", jar: jar)
            #expect(after.text.contains("La revue est inscrite au registre."))
            #expect(!after.text.contains("id=\"item-\(glass)\""), "gone from the queue")
            let reviewed = JourneyPathPageTests.part(of: after.text, from: "<table class=\"reviews\">", to: "</table>")
            #expect(reviewed.contains(">\(glass)</a>") && reviewed.contains("Urgence confirmée avec l"))
            #expect(reviewed.contains(WebFixture.privacyOfficer))
            let again = try await client.post("/confidentialite/revue", ["_csrf": token, "seq": "\(glass)", "comment": comment], jar: jar)
            #expect(again.status == .badRequest, "once per access")
            for actor in [WebFixture.admitting, WebFixture.coordinator] {
                let (other, _) = try await fixture.signIn(client, actor)
                let refusedPage = try await client.get("/confidentialite/revue", jar: other)
                #expect(refusedPage.status == .forbidden)
                let refused = try await client.post("/confidentialite/revue", ["_csrf": refusedPage.csrfToken ?? "", "seq": "\(glass)",
                                                                               "comment": "Une revue par quelqu'un d'autre."], jar: other)
                #expect(refused.status == .forbidden)
            }
        }
        let events = try fixture.store.events(inStream: AccessReview.stream, master: nil)
        #expect(events.count == 1)
        #expect(events.first?.envelope.type == "access.reviewed" && events.first?.envelope.author.actor == WebFixture.privacyOfficer)
        if case .clear(let data) = events.first?.content {
            #expect(data["access"] == .int(Int64(glass)) && data["comment"] == .string("Urgence confirmée avec l'équipe ; accès justifié."))
        } else { Issue.record("a clear event") }
        let records = try fixture.accessRecords()
        for actor in [WebFixture.admitting, WebFixture.coordinator] {
            #expect(records.contains { $0["actor"] == .string(actor) && $0["view"] == "access-log" && $0["outcome"] == "denied" })
            #expect(records.contains { $0["actor"] == .string(actor) && $0["view"] == "registers" && $0["outcome"] == "denied" })
        }
    }

    @Test("the access log of a period downloads as a FHIR R4 AuditEvent bundle, an attachment not kept in cache; a wrong day is a 400 naming it; others are refused")
    func fhirDownload() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let bundle = try await client.get("/confidentialite/telechargements/audit-fhir?from=2000-01-01&to=2100-12-31", jar: jar)
            #expect(bundle.status == .ok)
            #expect(bundle.headers[.contentDisposition] == "attachment; filename=\"parcours-audit-fhir.json\"" && bundle.headers[.cacheControl] == "no-store")
            #expect(bundle.text.contains("\"resourceType\":\"Bundle\"") && bundle.text.contains("AuditEvent"))
            let wrong = try await client.get("/confidentialite/telechargements/audit-fhir?from=hier", jar: jar)
            #expect(wrong.status == .badRequest && wrong.text.contains("<p>from : "))
            let (other, _) = try await fixture.signIn(client, WebFixture.coordinator)
            #expect(try await client.get("/confidentialite/telechargements/audit-fhir", jar: other).status == .forbidden)
        }
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["report"] == "fhir" })
    }

    /// What a verification reported, in order.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [(UInt64, UInt64)] = []
        func add(_ checked: UInt64, _ total: UInt64) { lock.withLock { reports.append((checked, total)) } }
        var all: [(UInt64, UInt64)] { lock.withLock { reports } }
    }

    @Test("the verifier reports its progress: from nothing to every record of both logs, never backwards")
    func progress() async throws {
        let fixture = try await WebFixture()
        let seen = Reports()
        _ = try fixture.store.verify(progress: { seen.add($0, $1) })
        let total = try fixture.store.size(.events) + fixture.store.size(.access)
        let reports = seen.all
        #expect(reports.first.map { $0 == (0, total) } == true)
        #expect(reports.last.map { $0 == (total, total) } == true)
        #expect(reports.map(\.0) == reports.map(\.0).sorted() && reports.allSatisfy { $0.1 == total })
    }

    @Test("the registers: the communications and each confidentiality incident with the regulation's eight elements; others are refused, recorded")
    func registers() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let incident = ConfidentialityIncident(
            categories: [.identity, .referrals], circumstances: "Télécopie envoyée à un mauvais numéro d'un organisme partenaire",
            occurredFrom: "2025-10-01", learnedOn: "2025-10-05", personsConcerned: 2,
            riskAssessment: "Destinataire identifié et tenu au secret ; probabilité faible", seriousInjuryRisk: false,
            measures: "Document détruit par le destinataire, attestation reçue")
        _ = try await fixture.caseRecord.recordIncident(incident, by: Identity(actor: WebFixture.privacyOfficer, signer: PassphraseSigner { WebFixture.passphrase }))
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let page = try await client.get("/confidentialite/registres", jar: jar)
            #expect(page.status == .ok)
            #expect(page.text.contains("Registre des incidents de confidentialité (1)"))
            for element in 1...8 { #expect(page.text.contains("<dt>\(element)° "), "element \(element)") }
            #expect(page.text.contains("Document détruit par le destinataire") && page.text.contains("2025-10-01") && page.text.contains("aucun avis"))
            let (other, _) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(try await client.get("/confidentialite/registres", jar: other).status == .forbidden)
        }
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "registers" && $0["outcome"] == "denied" })
    }

    @Test("the register of communications speaks the reader's language: a referral's resource, a disclosure's legal basis, the consent relied on")
    func communicationsInWords() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let participant = JSONValue.string(fixture.participant)
        let acts: [JSONValue] = [
            ["type": "referral.made", "participant": participant, "occurredAt": "2026-11-21T10:00:00.000Z",
             "data": ["to": ["kind": "housing", "name": "Ressource Fictive"], "reason": "hébergement d'urgence (fictif)", "urgency": "soon"]],
            ["type": "disclosure.legal", "participant": participant, "occurredAt": "2026-11-22T10:00:00.000Z",
             "data": ["legalBasis": "youth-protection-act-s39", "recipient": "Direction fictive", "categories": ["identity"],
                      "disclosedAt": "2026-11-22T10:00:00.000Z", "participantTold": false, "justification": "motifs raisonnables (fictif)"]],
        ]
        _ = try await fixture.caseRecord.record(try acts.map { try ActRequest(json: $0) },
                                                by: Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase }))
        try await fixture.test { client in
            var (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let french = JourneyPathPageTests.read(try await client.get("/confidentialite/registres", jar: jar))
            #expect(french.contains("Ressource Fictive (hébergement)") && french.contains("orientation vers une ressource partenaire"))
            #expect(french.contains("aucun consentement indiqué") && french.contains("obligation légale :"))
            for english in ["legal obligation", "no consent referenced", "(housing)", "youth-protection-act-s39"] {
                #expect(!french.contains(english), "\(english) shown in French")
            }
            jar.take(try await client.post("/langue", ["langue": "en", "retour": "/confidentialite/registres"], jar: jar))
            let english = JourneyPathPageTests.read(try await client.get("/confidentialite/registres", jar: jar))
            #expect(english.contains("Ressource Fictive (housing)") && english.contains("legal obligation: Youth Protection Act, s. 39"))
        }
    }

    @Test("an incident recorded through the form's eight elements; one the register's rules refuse comes back as typed, the field named, nothing written; no token or another role, nothing written")
    func recordIncident() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let fields = ["categories": "identity", "circumstances": "Courriel envoyé au mauvais destinataire", "occurredFrom": "2025-10-01",
                      "learnedOn": "2025-10-02", "personsConcerned": "1", "riskAssessment": "Destinataire tenu au secret ; risque faible",
                      "measures": "Courriel supprimé, confirmation reçue"]
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let page = try await client.get("/confidentialite/registres", jar: jar)
            #expect(page.text.contains("<label for=\"circumstances\">") && page.text.contains("name=\"categories\" value=\"identity\""))
            let token = try #require(page.csrfToken)
            let forged = try await client.post("/confidentialite/registres/incidents", fields.merging(["_csrf": "faux"]) { $1 }, jar: jar)
            #expect(forged.status == .forbidden)
            let refused = try await client.post("/confidentialite/registres/incidents",
                                                fields.merging(["_csrf": token, "categories": ""]) { $1 }.filter { $0.value != "" }, jar: jar)
            #expect(refused.status == .badRequest && refused.text.contains("id=\"incident-error\"") && refused.text.contains("categories"))
            #expect(refused.text.contains(">Courriel envoyé au mauvais destinataire</textarea>"), "what was typed stays")
            #expect(try fixture.store.events(inStream: IncidentRegister.stream, master: nil).isEmpty)
            let recorded = try await client.post("/confidentialite/registres/incidents", fields.merging(["_csrf": token, "id": Identifiers.newEventID()]) { $1 },
                                                 jar: jar)
            #expect(recorded.status == .seeOther && recorded.headers[.location] == "/confidentialite/registres?inscrit=1")
            let after = try await client.get("/confidentialite/registres?inscrit=1", jar: jar)
            #expect(after.text.contains("L&#39;incident est inscrit au registre.") || after.text.contains("incident est inscrit au registre."))
            #expect(after.text.contains("Registre des incidents de confidentialité (1)") && after.text.contains("Courriel supprimé, confirmation reçue"))
            let (other, _) = try await fixture.signIn(client, WebFixture.admitting)
            let otherToken = try await client.get("/", jar: other).csrfToken ?? ""
            #expect(try await client.post("/confidentialite/registres/incidents", fields.merging(["_csrf": otherToken]) { $1 }, jar: other).status == .forbidden)
        }
        #expect(try fixture.store.events(inStream: IncidentRegister.stream, master: nil).count == 1)
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "registers" && $0["outcome"] == "denied" })
    }
}
