import Foundation
import HummingbirdTesting
import Hummingbird
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursServer

/// The administrator's workspace and the one-time enrolment link: the administrator decides who
/// is enrolled and with which roles; the person alone chooses her passphrase, then her second
/// factor. Synthetic people only.
@Suite("The directory's pages and one-time links")
struct DirectoryPageTests {
    static let chosen = "ma-phrase-a-moi-seule"

    /// The secret of the link a page shows.
    static func secret(in page: String) -> String? {
        guard let range = page.range(of: WebApplication.welcomePath) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "<" && $0 != "\"" })
    }

    @Test("the administrator reads the directory; a privacy officer and a clinician are refused the workspace, and it is recorded")
    func onlyTheAdministrator() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (admin, _) = try await fixture.signIn(client, WebFixture.admin)
            let page = try await client.get("/administration", jar: admin)
            #expect(page.status == .ok && page.text.contains(WebFixture.coordinator) && page.text.contains("Inscrire une personne"))
            for actor in [WebFixture.privacyOfficer, WebFixture.admitting] {
                let (jar, _) = try await fixture.signIn(client, actor)
                let refused = try await client.get("/administration", jar: jar)
                #expect(refused.status == .forbidden && !refused.text.contains(WebFixture.coordinator), "\(actor) is refused")
                let enrol = try await client.post("/administration/acteurs", ["_csrf": refused.csrfToken ?? "", "actor": "clin-intrus",
                                                                              "name": "Personne Intruse", "organization": "Ailleurs", "roles": "admin"], jar: jar)
                #expect(enrol.status == .forbidden)
            }
        }
        let records = try fixture.accessRecords().filter { $0["view"] == "directory" && $0["purpose"] == "administration" }
        #expect(records.contains { $0["actor"] == .string(WebFixture.admin) && $0["outcome"] == "permitted" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.privacyOfficer) && $0["outcome"] == "denied" })
        #expect(try fixture.store.currentDirectory().actors["clin-intrus"] == nil)
    }

    @Test("enrolment: refusals beside their fields with nothing written; then a one-time link through which she chooses her passphrase and goes on to her second factor — once")
    func enrolThroughLink() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (admin, _) = try await fixture.signIn(client, WebFixture.admin)
            let form = try await client.get("/administration", jar: admin)
            let csrf = form.csrfToken ?? ""
            let refused = try await client.post("/administration/acteurs", ["_csrf": csrf, "actor": "Clin Nouvelle", "name": "", "organization": "Organisme Exemple"],
                                                jar: admin)
            #expect(refused.status == .badRequest && refused.text.contains("id=\"actor-error\"") && refused.text.contains("id=\"name-error\"")
                    && refused.text.contains("id=\"roles-error\"") && refused.text.contains("value=\"Clin Nouvelle\""))
            let forged = try await client.post("/administration/acteurs", ["_csrf": "faux", "actor": "clin-forgee", "name": "Personne Exemple",
                                                                           "organization": "Organisme Exemple", "roles": "clinician"], jar: admin)
            #expect(forged.status == .forbidden)
            #expect(try fixture.store.currentDirectory().actors["clin-forgee"] == nil)

            let made = try await client.post("/administration/acteurs", ["_csrf": csrf, "actor": "clin-lien", "name": "Personne Exemple",
                                                                         "organization": "Organisme Exemple", "roles": "clinician"], jar: admin)
            #expect(made.status == .ok && made.text.contains("Lien à usage unique"))
            let secret = try #require(Self.secret(in: made.text))
            #expect(secret.count == 43 && !made.text.contains("phrase de passe :"))
            let again = try await client.post("/administration/acteurs", ["_csrf": csrf, "actor": "clin-lien", "name": "Personne Exemple",
                                                                          "organization": "Organisme Exemple", "roles": "clinician"], jar: admin)
            #expect(again.status == .badRequest && again.text.contains("déjà inscrit"))
            let listed = try await client.get("/administration", jar: admin)
            #expect(listed.text.contains("lien en attente jusqu"))

            let (_, early) = try await client.signIn("clin-lien", passphrase: secret)
            #expect(early.status == .unauthorized && early.headers[.location] == nil, "the link's secret is no passphrase: her key opens through the link only")

            var person = CookieJar()
            let welcome = try await client.get(WebApplication.welcomePath + secret, jar: person)
            person.take(welcome)
            #expect(welcome.status == .ok && welcome.text.contains("clin-lien") && welcome.headers[.cacheControl] == "no-store")
            let token = welcome.csrfToken ?? ""
            let short = try await client.post(WebApplication.welcomePath + secret, ["_csrf": token, "passphrase": "court", "confirmation": "court"], jar: person)
            #expect(short.status == .badRequest && short.text.contains("id=\"passphrase-error\""))
            person.take(short)
            let differ = try await client.post(WebApplication.welcomePath + secret, ["_csrf": short.csrfToken ?? "", "passphrase": Self.chosen,
                                                                                    "confirmation": Self.chosen + "x"], jar: person)
            #expect(differ.status == .badRequest && differ.text.contains("id=\"confirmation-error\""))
            person.take(differ)
            let chosen = try await client.post(WebApplication.welcomePath + secret, ["_csrf": differ.csrfToken ?? "", "passphrase": Self.chosen,
                                                                                    "confirmation": Self.chosen], jar: person)
            #expect(chosen.status == .seeOther && chosen.headers[.location] == WebApplication.secondFactorPath)
            person.take(chosen)
            let setUp = try await client.get(WebApplication.secondFactorPath, jar: person)
            #expect(setUp.status == .ok && setUp.text.contains("Configurer le second facteur"))

            let spent = try await client.get(WebApplication.welcomePath + secret, jar: CookieJar())
            #expect(spent.status == .notFound && spent.text.contains("plus valide"))
            let (_, signIn) = try await client.signIn("clin-lien", passphrase: Self.chosen)
            #expect(signIn.headers[.location] == WebApplication.secondFactorPath, "her own passphrase signs her in")
            let (_, withSecret) = try await client.signIn("clin-lien", passphrase: secret)
            #expect(withSecret.status == .unauthorized, "the link's secret no longer opens her key")
        }
    }

    @Test("a new key ends her sessions and gives a new link (the old passphrase opens nothing); roles change; revocation needs a reason and ends her sign-ins")
    func rotateRolesRevoke() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let (admin, _) = try await fixture.signIn(client, WebFixture.admin)
            let (coordinator, _) = try await fixture.signIn(client, WebFixture.coordinator)
            let page = try await client.get("/administration/acteurs/\(WebFixture.coordinator)", jar: admin)
            #expect(page.status == .ok && page.text.contains("Nouvelle clé"))
            let csrf = page.csrfToken ?? ""

            let roles = try await client.post("/administration/acteurs/\(WebFixture.coordinator)/roles", ["_csrf": csrf, "roles": "researcher"], jar: admin)
            #expect(roles.status == .ok && roles.text.contains("Les rôles ont été changés"))
            #expect(try fixture.store.currentDirectory().actors[WebFixture.coordinator]?.roles == ["researcher"])
            let none = try await client.post("/administration/acteurs/\(WebFixture.coordinator)/roles", ["_csrf": csrf], jar: admin)
            #expect(none.status == .badRequest && none.text.contains("id=\"roles-error\""))

            let rotated = try await client.post("/administration/acteurs/\(WebFixture.coordinator)/cle", ["_csrf": csrf], jar: admin)
            #expect(rotated.status == .ok && Self.secret(in: rotated.text) != nil)
            let ended = try await client.get("/", jar: coordinator)
            #expect(ended.status == .seeOther && ended.headers[.location]?.hasPrefix("/connexion") == true, "her open session ended with her key")
            let (_, old) = try await client.signIn(WebFixture.coordinator)
            #expect(old.status == .unauthorized)

            let noReason = try await client.post("/administration/acteurs/\(WebFixture.researcher)/revocation", ["_csrf": csrf, "reason": " "], jar: admin)
            #expect(noReason.status == .badRequest && noReason.text.contains("id=\"reason-error\""))
            let revoked = try await client.post("/administration/acteurs/\(WebFixture.researcher)/revocation", ["_csrf": csrf, "reason": "départ"], jar: admin)
            #expect(revoked.status == .seeOther)
            #expect(try fixture.store.currentDirectory().actors[WebFixture.researcher]?.active == false)
            let (_, gone) = try await client.signIn(WebFixture.researcher)
            #expect(gone.status == .unauthorized)
            let unknown = try await client.get("/administration/acteurs/personne-inconnue", jar: admin)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("the administrator sees a person's open sessions and ends one (she is signed out); a backup is made in the server's directory, 0700, and recorded")
    func sessionsAndBackup() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let backups = fixture.directory + "/sauvegardes"
        let web = WebApplication(caseRecord: fixture.caseRecord, tls: false, backups: backups,
                                 sessions: WebSessions(store: fixture.caseRecord.store, now: { fixture.clock.now }))
        try await fixture.test(web) { client in
            let (admin, _) = try await fixture.signIn(client, WebFixture.admin)
            let (coordinator, _) = try await fixture.signIn(client, WebFixture.coordinator)
            let page = try await client.get("/administration/acteurs/\(WebFixture.coordinator)", jar: admin)
            #expect(page.text.contains("Ses sessions ouvertes") && page.text.contains("/sessions/fin"))
            let handle = try #require(page.text.range(of: "name=\"session\" value=\"").map { String(page.text[$0.upperBound...].prefix(16)) })
            let ended = try await client.post("/administration/acteurs/\(WebFixture.coordinator)/sessions/fin",
                                              ["_csrf": page.csrfToken ?? "", "session": handle], jar: admin)
            #expect(ended.status == .ok && ended.text.contains("La session a pris fin") && ended.text.contains("Aucune session ouverte"))
            let signedOut = try await client.get("/", jar: coordinator)
            #expect(signedOut.status == .seeOther && signedOut.headers[.location]?.hasPrefix("/connexion") == true)
            let ending = try fixture.accessRecords().filter { $0["command"] == .string("end session of " + WebFixture.coordinator) }
            #expect(ending.count == 1 && ending[0]["actor"] == .string(WebFixture.admin) && ending[0]["outcome"] == "permitted"
                    && ending[0]["view"] == "directory" && ending[0]["purpose"] == "administration", "decided and recorded as a write")

            let directory = try await client.get("/administration", jar: admin)
            let forged = try await client.post("/administration/sauvegarde", ["_csrf": "faux"], jar: admin)
            #expect(forged.status == .forbidden && !FileManager.default.fileExists(atPath: backups))
            let made = try await client.post("/administration/sauvegarde", ["_csrf": directory.csrfToken ?? ""], jar: admin)
            #expect(made.status == .ok && made.text.contains("Sauvegarde faite"))
            let files = try FileManager.default.contentsOfDirectory(atPath: backups)
            #expect(files.count == 1 && files[0].hasPrefix("parcours-") && files[0].hasSuffix(".sqlite"))
            let mode = try FileManager.default.attributesOfItem(atPath: backups)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
        #expect(try fixture.accessRecords().contains { $0["view"] == "backup" && $0["actor"] == .string(WebFixture.admin) && $0["outcome"] == "permitted" })
    }

    @Test("behind a TLS proxy (--public-url): a link points to the public address, HSTS is sent, a form from the public origin is taken and another origin's refused")
    func behindProxy() async throws {
        let fixture = try await WebFixture(everyRole: true)
        var web = fixture.web
        web.publicAddress = try #require(PublicAddress("https://Parcours.Example.org/"))
        try await Application(router: web.router()).test(.router) { client in
            let (admin, _) = try await fixture.signIn(client, WebFixture.admin)
            let form = try await client.get("/administration", jar: admin)
            #expect(form.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
            let fields = ["_csrf": form.csrfToken ?? "", "actor": "clin-proxy", "name": "Personne Exemple", "organization": "Organisme Exemple",
                          "roles": "clinician"]
            let elsewhere = try await client.post("/administration/acteurs", fields, jar: admin, headers: [.origin: "https://ailleurs.example.org"])
            #expect(elsewhere.status == .forbidden)
            #expect(try fixture.store.currentDirectory().actors["clin-proxy"] == nil, "nothing written from another origin")
            let made = try await client.post("/administration/acteurs", fields, jar: admin, headers: [.origin: "https://parcours.example.org"])
            #expect(made.status == .ok && made.text.contains("https://parcours.example.org" + WebApplication.welcomePath))
        }
    }

    @Test("a public address is a scheme and a host, with a port if any: nothing else is taken")
    func publicAddressForms() {
        #expect(PublicAddress("https://parcours.example.org")?.origin == "https://parcours.example.org")
        #expect(PublicAddress("HTTPS://Parcours.Example.org:8443/")?.origin == "https://parcours.example.org:8443")
        #expect(PublicAddress("https://parcours.example.org:443")?.origin == "https://parcours.example.org", "the scheme's port, as Origin leaves it")
        #expect(PublicAddress("http://127.0.0.1:8080")?.secure == false && PublicAddress("http://[::1]:8080")?.origin == "http://[::1]:8080")
        #expect(PublicAddress("https://xn--exemple-9ua.org")?.origin == "https://xn--exemple-9ua.org")
        for refused in ["parcours.example.org", "ftp://parcours.example.org", "https://", "https://parcours.example.org/chemin",
                        "https://parcours.example.org/?q=1", "https://parcours.example.org/#a", "https://nom:mot@parcours.example.org", "",
                        "http://10.0.0.5:8080", "https://parcours.example.org%40ailleurs.example", "https://parcours.example.org%2Fx",
                        "https://parcours exemple.org"] {
            #expect(PublicAddress(refused) == nil, "\(refused)")
        }
    }

    @Test("a link serves until it expires, 72 hours after it was made, and never after")
    func linkExpires() async throws {
        let fixture = try await WebFixture()
        let admin = Identity(actor: WebFixture.admin, signer: PassphraseSigner { WebFixture.passphrase })
        let made = Date()
        let link = try await fixture.caseRecord.enrolWithLink(actor: ActorID("clin-expire")!, name: "Personne Exemple", organization: "Organisme Exemple",
                                                              roles: [.clinician], now: made, by: admin)
        #expect(try await fixture.caseRecord.enrolmentLinkActor(secret: link.secret, now: made + 71 * 3600) == "clin-expire")
        #expect(try await fixture.caseRecord.enrolmentLinkActor(secret: link.secret, now: made + 73 * 3600) == nil)
        await #expect(throws: LogError.self, "an expired link's secret signs nobody in") {
            _ = try await fixture.caseRecord.signIn(Identity(actor: "clin-expire", signer: PassphraseSigner { link.secret }))
        }
        await #expect(throws: LogError.self) {
            _ = try await fixture.caseRecord.redeemEnrolmentLink(secret: link.secret, passphrase: Self.chosen, now: made + 73 * 3600)
        }
    }
}
