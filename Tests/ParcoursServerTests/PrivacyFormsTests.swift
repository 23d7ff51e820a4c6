import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import Testing
import ZIPFoundation
@testable import ParcoursServer

/// The privacy officer's forms: an export uploaded and verified in the background, an incident
/// updated, a participant's report downloaded — each decided by the policy and recorded, each
/// refusal naming its field with nothing written. Synthetic people only.
@Suite("The privacy officer's forms")
struct PrivacyFormsTests {
    static let officer = Identity(actor: WebFixture.privacyOfficer, signer: PassphraseSigner { WebFixture.passphrase })
    static let incident = ConfidentialityIncident(categories: [.identity], circumstances: "Courriel envoyé au mauvais destinataire", occurredFrom: "2025-10-01",
                                                   learnedOn: "2025-10-02", personsConcerned: 1, riskAssessment: "Destinataire tenu au secret ; risque faible",
                                                   seriousInjuryRisk: false, measures: "Courriel supprimé")

    /// The store's export (`parcours export log`), made by its administrator, as files by name.
    static func export(_ fixture: WebFixture) async throws -> [String: Data] {
        let directory = fixture.directory + "-export"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await fixture.caseRecord.exportLog(to: directory, by: Identity(actor: WebFixture.admin, signer: PassphraseSigner { WebFixture.passphrase }))
        var files: [String: Data] = [:]
        for name in InMemoryExport.fileNames { files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)) }
        return files
    }

    /// A zip of `files` (deflated), each under `folder`.
    static func zip(_ files: [String: Data], folder: String = "export/") throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: folder + name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return Array(try #require(archive.data))
    }

    /// A `multipart/form-data` POST of `token` and `file` as the field `export`, as a browser sends it.
    static func upload(_ client: any TestClientProtocol, _ file: [UInt8], token: String, jar: CookieJar) async throws -> TestResponse {
        let boundary = "----parcours-essai-7f3a"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"export\"; filename=\"export.zip\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
        body += file + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = jar.header
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: "/confidentialite/verification-export", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// Runs `body` against `web` (a fixture's application, its limits changed).
    static func test<Value>(_ web: WebApplication, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: web.router()).test(.router, body)
    }

    @Test("an export uploaded as a zip is verified in the background: intact, with each log's size; recorded as the privacy officer's audit")
    func intactExport() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let archive = try Self.zip(try await Self.export(fixture))
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let home = try await client.get("/confidentialite", jar: jar)
            #expect(home.text.contains("enctype=\"multipart/form-data\"") && home.text.contains("<label for=\"export\">"))
            let started = try await Self.upload(client, archive, token: try #require(home.csrfToken), jar: jar)
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let verdict = try await PrivacyWorkspaceTests.verdict(of: location, client, jar: jar)
            #expect(verdict.text.contains("Intact : les deux journaux de l&#39;export sont intègres.") || verdict.text.contains("export sont intègres"))
            #expect(verdict.text.contains("<h1>Vérification d&#39;un export</h1>") || verdict.text.contains("un export</h1>"))
            let (other, _) = try await fixture.signIn(client, WebFixture.admin)
            #expect(try await client.get(location, jar: other).status == .notFound, "a verification is seen only by who asked for it")
        }
        #expect(try fixture.accessRecords().contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["command"] == "verify export"
                                                         && $0["outcome"] == "permitted" })
    }

    @Test("a damaged export's verdict names the log, the first failing seq and why; the files may also sit at the archive's top")
    func damagedExport() async throws {
        let fixture = try await WebFixture(everyRole: true)
        var files = try await Self.export(fixture)
        var lines = String(decoding: files["events.jsonl"]!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marker = try #require(lines[2].range(of: "\"sig\":\""))
        var line = Array(lines[2].utf8)
        let at = lines[2].utf8.distance(from: lines[2].utf8.startIndex, to: marker.upperBound) + 10
        line[at] = line[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        lines[2] = String(decoding: line, as: UTF8.self)
        files["events.jsonl"] = Data(lines.joined(separator: "\n").utf8)
        let archive = try Self.zip(files, folder: "")
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let token = try #require(try await client.get("/confidentialite", jar: jar).csrfToken)
            let started = try await Self.upload(client, archive, token: token, jar: jar)
            let verdict = try await PrivacyWorkspaceTests.verdict(of: try #require(started.headers[.location]), client, jar: jar)
            #expect(verdict.text.contains("Altération constatée"))
            #expect(verdict.text.contains("<dd>Journal des événements</dd>"))
            #expect(verdict.text.contains("<dt>Premier enregistrement en défaut (seq)</dt><dd>2</dd>"))
        }
    }

    @Test("an upload refused before anything is verified: over the size allowed (413), not a zip, a path with '..', a file missing, no file — each beside the field, no verification started")
    func refusedUploads() async throws {
        let fixture = try await WebFixture(everyRole: true)
        var web = fixture.web
        web.exportUploadLimit = 64 * 1024
        let files = try await Self.export(fixture)
        let climbing = try Self.zip(files, folder: "../")
        let incomplete = try Self.zip(files.filter { $0.key != "access.checkpoint" }), jobs = web.verificationJobs
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let token = try #require(try await client.get("/confidentialite", jar: jar).csrfToken)
            let oversize = try await Self.upload(client, [UInt8](repeating: 0x50, count: 65 * 1024), token: token, jar: jar)
            #expect(oversize.status == .contentTooLarge)
            #expect(oversize.text.contains("id=\"export-error\"") && oversize.text.contains("dépasse la taille permise"))
            for (archive, words) in [(Array("pas une archive".utf8), "pas une archive zip lisible"), (climbing, "sort de son dossier"),
                                     (incomplete, "access.checkpoint."), ([], "Choisissez le fichier zip")] {
                let refused = try await Self.upload(client, archive, token: token, jar: jar)
                #expect(refused.status == .badRequest, "\(words)")
                #expect(refused.text.contains("aria-invalid=\"true\"") && refused.text.contains(words), "\(words)")
            }
            _ = try await Self.upload(client, climbing, token: "faux", jar: jar)
            for place in 1...VerificationJobs.exportsAtOnce { #expect(await jobs.takeExportPlace(), "every refusal gave its place back (\(place))") }
        }
    }

    @Test("an export is received only from whom the policy lets verify it, and two at most at once: a clinician's upload is refused (403) whatever its size, before it is read; a third at once waits its turn (503, in words), nothing recorded as done")
    func uploadsDecidedFirstAndBounded() async throws {
        let fixture = try await WebFixture(everyRole: true)
        var web = fixture.web
        web.exportUploadLimit = 64 * 1024
        let archive = try Self.zip(try await Self.export(fixture)), jobs = web.verificationJobs
        try await Self.test(web) { client in
            let (clinician, _) = try await fixture.signIn(client, WebFixture.admitting)
            let clinicianToken = try #require(try await client.get("/", jar: clinician).csrfToken)
            let oversize = try await Self.upload(client, [UInt8](repeating: 0x50, count: 65 * 1024), token: clinicianToken, jar: clinician)
            #expect(oversize.status == .forbidden, "refused by the policy, not for its size: it was never read")

            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let token = try #require(try await client.get("/confidentialite", jar: jar).csrfToken)
            for _ in 0..<VerificationJobs.exportsAtOnce { #expect(await jobs.takeExportPlace()) }
            let before = try fixture.accessRecords().filter { $0["command"] == "verify export" && $0["outcome"] == "permitted" }.count
            let busy = try await Self.upload(client, archive, token: token, jar: jar)
            #expect(busy.status == .serviceUnavailable && busy.text.contains("id=\"export-error\"") && busy.text.contains("déjà en vérification"))
            #expect(busy.headers[.retryAfter] == "60", "when to try again")
            #expect(try fixture.accessRecords().filter { $0["command"] == "verify export" && $0["outcome"] == "permitted" }.count == before)
            await jobs.leaveExportPlace()
            let started = try await Self.upload(client, archive, token: token, jar: jar)
            #expect(started.status == .seeOther, "a place freed, the next is received")
            let verdict = try await PrivacyWorkspaceTests.verdict(of: try #require(started.headers[.location]), client, jar: jar)
            #expect(verdict.text.contains("export sont intègres"))
            #expect(await jobs.takeExportPlace(), "its verdict given, the job left its place")
        }
        let refusals = try fixture.accessRecords().filter { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "metadata" }
        #expect(refusals.contains { $0["outcome"] == "denied" && $0["command"] == "verify export" })
    }

    @Test("every new route: signed out goes to the sign-in; a clinician is refused (403), recorded; a missing or forged token is refused (403), nothing done")
    func denials() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let archive = try Self.zip(try await Self.export(fixture))
        let incident = Self.incident
        let recorded = try await fixture.caseRecord.recordIncident(incident, by: Self.officer)
        let update = ["incident": recorded.id, "riskAssessment": "Réévalué : risque faible", "measures": "Courriel supprimé, confirmé"]
        let report = ["participant": fixture.participant]
        try await fixture.test { client in
            let signedOut = CookieJar()
            #expect(try await Self.upload(client, archive, token: "", jar: signedOut).headers[.location] == "/connexion")
            #expect(try await client.post("/confidentialite/registres/incidents/mise-a-jour", update, jar: signedOut).headers[.location] == "/connexion")
            #expect(try await client.post("/confidentialite/telechargements/rapport-participant", report, jar: signedOut).headers[.location] == "/connexion")

            let (clinician, _) = try await fixture.signIn(client, WebFixture.admitting)
            let clinicianToken = try #require(try await client.get("/", jar: clinician).csrfToken)
            #expect(try await Self.upload(client, archive, token: clinicianToken, jar: clinician).status == .forbidden)
            #expect(try await client.post("/confidentialite/registres/incidents/mise-a-jour", update.merging(["_csrf": clinicianToken]) { $1 },
                                          jar: clinician).status == .forbidden)
            let refusedReport = try await client.post("/confidentialite/telechargements/rapport-participant", report.merging(["_csrf": clinicianToken]) { $1 },
                                                      jar: clinician)
            #expect(refusedReport.status == .forbidden && !refusedReport.text.contains("Votre dossier"))

            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            for token in ["", "faux"] {
                #expect(try await Self.upload(client, archive, token: token, jar: jar).status == .forbidden)
                #expect(try await client.post("/confidentialite/registres/incidents/mise-a-jour", update.merging(["_csrf": token]) { $1 }, jar: jar).status == .forbidden)
                #expect(try await client.post("/confidentialite/telechargements/rapport-participant", report.merging(["_csrf": token]) { $1 },
                                              jar: jar).status == .forbidden)
            }
        }
        let records = try fixture.accessRecords()
        #expect(records.contains { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "metadata" && $0["outcome"] == "denied" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.admitting) && $0["view"] == "participant-report" && $0["outcome"] == "denied" })
        #expect(!records.contains { $0["command"] == "verify export" && $0["outcome"] == "permitted" })
        #expect(try fixture.store.events(inStream: IncidentRegister.stream, master: nil).count == 1, "no update written")
    }

    @Test("an incident updated through the form under it: notices sent and measures taken, recorded; an update that changes nothing or breaks the register's rules comes back as typed, the field named, nothing written")
    func updateIncident() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let incident = Self.incident
        let recorded = try await fixture.caseRecord.recordIncident(incident, by: Self.officer)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let page = try await client.get("/confidentialite/registres", jar: jar)
            #expect(page.text.contains("action=\"/confidentialite/registres/incidents/mise-a-jour\"") && page.text.contains("value=\"\(recorded.id)\""))
            let token = try #require(page.csrfToken)
            let unchanged = ["_csrf": token, "incident": recorded.id, "riskAssessment": incident.riskAssessment, "measures": incident.measures]
            let nothing = try await client.post("/confidentialite/registres/incidents/mise-a-jour", unchanged, jar: jar)
            #expect(nothing.status == .badRequest && nothing.text.contains("Aucun changement"))
            let future = try await client.post("/confidentialite/registres/incidents/mise-a-jour",
                                               unchanged.merging(["seriousInjuryRisk": "1", "commissionNotifiedOn": "2999-01-01",
                                                                  "measures": "Avis en préparation"]) { $1 }, jar: jar)
            #expect(future.status == .badRequest && future.text.contains("id=\"update-\(recorded.seq)-error\""))
            #expect(future.text.contains(">Avis en préparation</textarea>") && future.text.contains("value=\"2999-01-01\""), "what was typed stays")
            #expect(try fixture.store.events(inStream: IncidentRegister.stream, master: nil).count == 1)
            let updated = try await client.post("/confidentialite/registres/incidents/mise-a-jour",
                                                unchanged.merging(["seriousInjuryRisk": "1", "commissionNotifiedOn": "2025-10-03",
                                                                   "measures": "Avis transmis à la Commission", "id": Identifiers.newEventID()]) { $1 }, jar: jar)
            #expect(updated.status == .seeOther && updated.headers[.location] == "/confidentialite/registres?misajour=1")
            let after = try await client.get("/confidentialite/registres?misajour=1", jar: jar)
            #expect(after.text.contains("La mise à jour est inscrite au registre."))
            #expect(after.text.contains("Avis transmis à la Commission") && after.text.contains("(1 "))
            #expect(after.text.contains("2025-10-03"))
        }
        let events = try fixture.store.events(inStream: IncidentRegister.stream, master: nil)
        #expect(events.count == 2 && events[1].envelope.type == IncidentRegister.updatedType)
    }

    @Test("a participant's report downloaded: the id in the form's body, a neutral file name, no cache; the request recorded; a malformed id is refused beside its field (400), nothing read")
    func participantReport() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.privacyOfficer)
            let home = try await client.get("/confidentialite", jar: jar)
            #expect(home.text.contains("action=\"/confidentialite/telechargements/rapport-participant\"") && home.text.contains("<label for=\"participant\">"))
            let token = try #require(home.csrfToken)
            let bad = try await client.post("/confidentialite/telechargements/rapport-participant", ["_csrf": token, "participant": "Quelqu'un"], jar: jar)
            #expect(bad.status == .badRequest && bad.text.contains("id=\"participant-error\"") && bad.text.contains("href=\"#participant\""))
            let report = try await client.post("/confidentialite/telechargements/rapport-participant", ["_csrf": token, "participant": fixture.participant], jar: jar)
            #expect(report.status == .ok)
            #expect(report.headers[.contentDisposition] == "attachment; filename=\"parcours-rapport.txt\"")
            #expect(report.headers[.contentType] == "text/plain; charset=utf-8" && report.headers[.cacheControl] == "no-store")
            #expect(report.text.hasPrefix("Votre dossier au programme SPHÈRES") && report.text.contains(fixture.participant))
            #expect(report.text.contains("Qui a consulté votre dossier"))
        }
        let records = try fixture.accessRecords()
        #expect(records.filter { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["view"] == "participant-report" }.count == 1)
        #expect(records.contains { $0["view"] == "participant-report" && $0["participant"] == .string(fixture.participant) && $0["purpose"] == "participant-request" })
    }
}
