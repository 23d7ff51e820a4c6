import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The researcher's workspace: she requests an export, reads its manifest, downloads its files;
/// no one else opens it, and no one else downloads her files.
@Suite("The researcher's workspace")
struct ResearchWorkspaceTests {
    /// A fixture of every role with `count` more participants who consented to research (all alike,
    /// so that k is reached), served with a shelf for exports under the store's directory.
    static func consenting(_ count: Int = 6) async throws -> (WebFixture, WebApplication, String) {
        let fixture = try await WebFixture(everyRole: true)
        let admitting = Identity(actor: WebFixture.admitting, signer: PassphraseSigner { WebFixture.passphrase })
        for index in 0..<count {
            let admission: JSONValue = [
                "type": "participant.enrolled", "occurredAt": "2026-11-20T10:00:00.000Z",
                "data": ["identity": ["name": .string("Personne Fictive \(index)"), "dateOfBirth": "2010-05-01"], "genderIdentity": "non-binary",
                         "preferredLanguage": "fr", "referringOrganization": "Organisme Exemple", "voluntary": true, "recognizesHarms": true],
            ]
            let participant = try await fixture.caseRecord.record([try ActRequest(json: admission)], by: admitting)[0].participant
            let consent: JSONValue = [
                "type": "consent.given", "occurredAt": "2026-11-20T11:00:00.000Z", "participant": .string(participant),
                "data": ["scope": ["kind": "research"], "categories": ["stages", "relapses"], "decidedBy": "participant"],
            ]
            _ = try await fixture.caseRecord.record([try ActRequest(json: consent)], by: admitting)
        }
        var web = fixture.web
        let shelf = fixture.directory + "/research-exports"
        web.researchShelf = shelf
        return (fixture, web, shelf)
    }

    static func test<Value>(_ web: WebApplication, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: web.router()).test(.router, body)
    }

    /// The export's id a redirection names.
    static func exportID(_ response: TestResponse) -> String? {
        guard let location = response.headers[.location], location.hasPrefix("/recherche/exports/") else { return nil }
        return String(location.dropFirst("/recherche/exports/".count).prefix { $0 != "?" })
    }

    @Test("the researcher requests an export, sees its manifest with k ≥ 5, and downloads files equal to those on disk; it is recorded as the command line's")
    func requestAndDownload() async throws {
        let (fixture, web, shelf) = try await Self.consenting()
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.researcher)
            let workspace = try await client.get("/recherche", jar: jar)
            #expect(workspace.status == .ok && workspace.text.contains("Projet de recherche") && workspace.text.contains("Vous n&#39;avez encore demandé aucun export"))
            #expect(workspace.text.contains("value=\"5\""), "k is 5 by default")
            let made = try await client.post("/recherche", ["_csrf": workspace.csrfToken ?? "", "project": "trajectoires-2027", "kind": "deidentified",
                                                            "k": "5", "maxSuppressed": "0,05"], jar: jar)
            #expect(made.status == .seeOther)
            let id = try #require(Self.exportID(made))
            #expect(ShelvedResearchExport.isID(id) && !(made.headers[.location] ?? "").contains("trajectoires"))
            let exports = try fixture.store.accessRecords().filter { $0.type == "access.export" }
            let exported = try #require(exports.last)
            #expect(exported.payload["actor"] == .string(WebFixture.researcher) && exported.payload["project"] == "trajectoires-2027")
            #expect(exported.payload["participants"] == 6)
            #expect(try FileManager.default.attributesOfItem(atPath: shelf + "/" + id)[.posixPermissions] as? Int == 0o700)

            let manifest = try await client.get("/recherche/exports/\(id)?fait=1", jar: jar)
            #expect(manifest.status == .ok)
            let achieved = JourneyPathPageTests.part(of: manifest.text, from: "id=\"k-achieved\">", to: "<")
            #expect((Int(achieved.dropFirst("id=\"k-achieved\">".count).dropLast()) ?? 0) >= 5, "k measured: \(achieved)")
            #expect(manifest.text.contains("dépersonnalisés") && manifest.text.contains("Ce qui a été généralisé"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: shelf + "/" + id + "/export/manifest.json"))
            #expect(manifest.text.contains(Sodium.sha256(Array(bytes)).hex) && exported.payload["manifestSHA256"] == .string(Sodium.sha256(Array(bytes)).hex))
            for name in ["participants.csv", "episodes.csv", "transitions.csv", "dictionary.json", "manifest.json"] {
                #expect(manifest.text.contains("href=\"/recherche/exports/\(id)/\(name)\""), "\(name) is offered")
            }

            let file = try await client.get("/recherche/exports/\(id)/participants.csv", jar: jar)
            #expect(file.status == .ok && file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"participants.csv\"" && file.headers[.cacheControl] == "no-store")
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: shelf + "/" + id + "/export/participants.csv"))
            #expect(Data(buffer: file.body) == onDisk)
            #expect(!file.text.contains("Personne Fictive") && !file.text.contains(fixture.participant))
            let json = try await client.get("/recherche/exports/\(id)/manifest.json", jar: jar)
            #expect(json.status == .ok && json.headers[.contentType] == "application/json; charset=utf-8" && Data(buffer: json.body) == bytes)
            let downloads = try fixture.accessRecords().suffix(2)
            #expect(downloads.allSatisfy { $0["view"] == "research-export" && $0["outcome"] == "permitted" && $0["project"] == "trajectoires-2027" })

            let again = try await client.get("/recherche", jar: jar)
            #expect(again.text.contains("href=\"/recherche/exports/\(id)\"") && again.text.contains("trajectoires-2027"))
            let communications = try await fixture.caseRecord.communications(by: Identity(actor: WebFixture.privacyOfficer,
                                                                                            signer: PassphraseSigner { WebFixture.passphrase }))
            #expect(communications.filter { $0.kind == .export }.count == 1, "the export is the one communication; its reads are not")
        }
    }

    @Test("an aggregate export with ε: its manifest gives ε and its files")
    func aggregate() async throws {
        let (fixture, web, _) = try await Self.consenting(2)
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.researcher)
            let workspace = try await client.get("/recherche", jar: jar)
            let made = try await client.post("/recherche", ["_csrf": workspace.csrfToken ?? "", "project": "comptes", "kind": "aggregate",
                                                            "k": "5", "maxSuppressed": "0.05", "epsilon": "1"], jar: jar)
            let id = try #require(Self.exportID(made))
            let manifest = try await client.get("/recherche/exports/\(id)", jar: jar)
            #expect(manifest.status == .ok && manifest.text.contains("id=\"epsilon\">1<") && manifest.text.contains("stages.csv"))
            #expect(manifest.text.contains("anonymisés"))
        }
    }

    @Test("a clinician and a coordinator are refused the workspace, its request and its files (403, recorded)")
    func otherRoles() async throws {
        let (fixture, web, shelf) = try await Self.consenting(1)
        try await Self.test(web) { client in
            let (researcher, _) = try await fixture.signIn(client, WebFixture.researcher)
            let form = try await client.get("/recherche", jar: researcher)
            let id = try #require(Self.exportID(try await client.post("/recherche", ["_csrf": form.csrfToken ?? "", "project": "refus", "kind": "deidentified",
                                                                                      "k": "2", "maxSuppressed": "0.05"], jar: researcher)))
            for actor in [WebFixture.admitting, WebFixture.coordinator] {
                let (jar, _) = try await fixture.signIn(client, actor)
                let page = try await client.get("/recherche", jar: jar)
                #expect(page.status == .forbidden, "\(actor)")
                let refused = try #require(try fixture.accessRecords().last)
                #expect(refused["actor"] == .string(actor) && refused["outcome"] == "denied" && refused["view"] == "research-export")
                let token = try #require(try await client.get("/sessions", jar: jar).csrfToken)
                let before = try FileManager.default.contentsOfDirectory(atPath: shelf)
                let post = try await client.post("/recherche", ["_csrf": token, "project": "refus", "kind": "deidentified", "k": "5",
                                                                "maxSuppressed": "0.05"], jar: jar)
                let refusedPost = try fixture.accessRecords().last
                #expect(post.status == .forbidden && refusedPost?["project"] == "refus")
                #expect(try FileManager.default.contentsOfDirectory(atPath: shelf) == before, "nothing made for \(actor)")
                for path in ["/recherche/exports/\(id)", "/recherche/exports/\(id)/participants.csv"] {
                    let file = try await client.get(path, jar: jar)
                    #expect(file.status == .forbidden && !file.text.contains("pseudonym"), "\(actor) \(path)")
                    #expect(try fixture.accessRecords().last?["outcome"] == "denied")
                }
            }
        }
    }

    @Test("another researcher does not see, open or download her exports; names not in the manifest are not served")
    func anotherResearcher() async throws {
        let (fixture, web, shelf) = try await Self.consenting(1)
        let admin = try fixture.store.unlockActor(WebFixture.admin, passphrase: WebFixture.passphrase)
        _ = try fixture.store.enrol(actor: "rech-autre", name: "Personne Exemple", organization: "Organisme Exemple", roles: ["researcher"],
                                    passphrase: WebFixture.passphrase, by: admin)
        _ = try await fixture.caseRecord.setSecondFactor(WebFixture.secret(of: "rech-autre"),
                                                         for: try await fixture.caseRecord.store.unlockActor("rech-autre", passphrase: WebFixture.passphrase))
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.researcher)
            let form = try await client.get("/recherche", jar: jar)
            let id = try #require(Self.exportID(try await client.post("/recherche", ["_csrf": form.csrfToken ?? "", "project": "a-elle", "kind": "deidentified",
                                                                                      "k": "2", "maxSuppressed": "0.05"], jar: jar)))
            let (other, _) = try await fixture.signIn(client, "rech-autre")
            let workspace = try await client.get("/recherche", jar: other)
            #expect(workspace.status == .ok && !workspace.text.contains(id) && !workspace.text.contains("a-elle"))
            for path in ["/recherche/exports/\(id)", "/recherche/exports/\(id)/participants.csv", "/recherche/exports/\(id)/manifest.json"] {
                let refused = try await client.get(path, jar: other)
                #expect(refused.status == .notFound && !refused.text.contains("a-elle"), "\(path)")
                let record = try #require(try fixture.accessRecords().last)
                #expect(record["actor"] == "rech-autre" && record["outcome"] == "denied" && record["project"] == nil)
            }
            for name in ["owner.json", "..%2Fowner.json", "..", "%2E%2E%2F%2E%2E%2Fparcours.sqlite", "participants.csv%00", "PARTICIPANTS.CSV"] {
                let refused = try await client.get("/recherche/exports/\(id)/\(name)", jar: jar)
                #expect(refused.status == .notFound, "\(name)")
            }
            for bad in ["../\(id)", "0123", String(id.uppercased()), "zz" + id.dropFirst(2)] {
                let refused = try await client.get("/recherche/exports/\(bad)/participants.csv", jar: jar)
                #expect(refused.status == .notFound, "\(bad)")
            }
            #expect(FileManager.default.fileExists(atPath: shelf + "/" + id + "/owner.json"))
        }
    }

    @Test("a POST without its token is refused and makes nothing")
    func crossSite() async throws {
        let (fixture, web, shelf) = try await Self.consenting(1)
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.researcher)
            for token in [nil, "pas-le-bon"] {
                var fields = ["project": "sans-jeton", "kind": "deidentified", "k": "5", "maxSuppressed": "0.05"]
                fields["_csrf"] = token
                let refused = try await client.post("/recherche", fields, jar: jar)
                #expect(refused.status == .forbidden)
            }
            #expect(!FileManager.default.fileExists(atPath: shelf))
            #expect(try fixture.store.accessRecords().allSatisfy { $0.type != "access.export" })
        }
    }

    @Test("bad fields get the form back (400), each refusal beside its field and in the summary, what she typed kept, nothing made")
    func badFields() async throws {
        let (fixture, web, shelf) = try await Self.consenting(1)
        try await Self.test(web) { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.researcher)
            let token = try #require(try await client.get("/recherche", jar: jar).csrfToken)
            let cases: [([String: String], [String])] = [
                (["project": "Mauvais Nom", "kind": "deidentified", "k": "1", "maxSuppressed": "1,5"], ["project", "k", "maxSuppressed"]),
                (["project": "bon-nom", "kind": "deidentified", "k": "cinq", "maxSuppressed": "0.05", "epsilon": "1"], ["k", "epsilon"]),
                (["project": "bon-nom", "kind": "aggregate", "k": "5", "maxSuppressed": "0.05", "epsilon": "0"], ["epsilon"]),
                (["project": "bon-nom", "kind": "aggregate", "k": "5", "maxSuppressed": "0.05", "epsilon": ""], ["epsilon"]),
                (["project": "bon-nom", "kind": "autre", "k": "5", "maxSuppressed": "0.05"], ["kind"]),
            ]
            for (fields, refused) in cases {
                let page = try await client.post("/recherche", fields.merging(["_csrf": token]) { own, _ in own }, jar: jar)
                #expect(page.status == .badRequest, "\(refused)")
                #expect(page.text.contains("Aucun export n&#39;a été fait"))
                for field in refused {
                    #expect(page.text.contains("id=\"\(field)-error\""), "\(field) refused beside it")
                }
                #expect(page.text.contains("value=\"\(HTMLText.escape(fields["project"]!))\""), "what she typed is kept")
            }
            #expect(!FileManager.default.fileExists(atPath: shelf), "no export directory made")
            #expect(try fixture.store.accessRecords().allSatisfy { $0.type != "access.export" })
        }
    }
}
