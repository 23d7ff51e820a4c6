import Foundation
import GRDB
import ParcoursLog
import Testing

/// Every read decided by the access policy, each leaving its record in the access log.
@Suite("Reads under the access policy")
struct AccessPolicyCLITests {
    static let asEnrolled: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
    static let justification = "Appel de la ligne d'urgence : danger imminent signalé ce soir"

    static func journey(_ cli: CLI, _ participant: String, as actor: String, _ extra: [String] = []) throws -> CLIResult {
        try cli.run(["journey", participant, "--as", actor, "--json"] + extra, env: asEnrolled)
    }

    /// The access records of journey reads, in order.
    static func journeyReads(_ cli: CLI) throws -> [JSONValue] {
        try ProjectionCLITests.accessRecords(cli).filter { $0["view"] == "journey" }
    }

    static func enrol(_ cli: CLI, _ id: String, roles: String, organization: String) throws {
        let result = try cli.run(["actor", "add", id, "--name", "Personne Exemple", "--organization", organization, "--roles", roles,
                                  "--as", CLI.adminID])
        try #require(result.status == 0, "\(result)")
    }

    @Test("a clinician outside the care team is refused; with a written justification she breaks the glass, marked for review")
    func breakGlass() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try Self.enrol(cli, "clin-autre", roles: "clinician", organization: "Organisme Exemple")
        let refused = try Self.journey(cli, participant, as: "clin-autre")
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("not in the care team") && refused.stderr.contains("--break-glass"), "\(refused.stderr)")
        let short = try Self.journey(cli, participant, as: "clin-autre", ["--break-glass", "urgence"])
        #expect(short.status == 2 && short.stderr.contains("justification too short"))
        let broken = try Self.journey(cli, participant, as: "clin-autre", ["--break-glass", Self.justification])
        #expect(broken.status == 0, "\(broken)")
        let reads = try Self.journeyReads(cli)
        #expect(reads.map { $0["outcome"] } == ["denied", "denied", "permitted"])
        #expect(reads[0]["reason"] == "not in the care team")
        #expect(reads[2]["purpose"] == "break-glass" && reads[2]["review"] == true)
        #expect(reads[2]["justification"] == .string(Self.justification))
        #expect(reads[2]["categories"]?.arrayValue?.count == 8)
    }

    @Test("a partner sees only what was consented to her organization, and a withdrawal cuts the view at once")
    func partnerConsent() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try Self.enrol(cli, "part-exemple", roles: "partner", organization: "Maison Exemple")
        #expect(try Self.journey(cli, participant, as: "part-exemple").stderr.contains("no consent in force"))
        let consent: JSONValue = ["scope": ["kind": "organization", "value": "Maison Exemple"], "categories": ["referrals"],
                                  "decidedBy": "participant"]
        try #require(try RecordTests.record(cli, RecordTests.act("consent.given", participant: participant, at: "2026-11-22T09:00:00.000Z",
                                                                  consent)).status == 0)
        let shared = try Self.journey(cli, participant, as: "part-exemple")
        #expect(shared.status == 0, "\(shared)")
        let view = try JSONParser.parse(shared.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(view["referrals"]?.arrayValue?.count == 1)
        #expect(view["stage"] == nil && view["admission"] == nil && view["rulers"]?.arrayValue?.isEmpty == true)
        #expect(view["referrals"]?.arrayValue?.first?["reason"] == "", "free-text notes are not shared")
        try #require(try RecordTests.record(cli, RecordTests.act("consent.withdrawn", participant: participant, at: "2026-11-22T10:00:00.000Z",
                                                                  consent)).status == 0)
        let cut = try Self.journey(cli, participant, as: "part-exemple")
        #expect(cut.status == 2 && cut.stderr.contains("no consent in force") && cut.stdout.isEmpty)
        let reads = try Self.journeyReads(cli)
        #expect(reads.map { $0["outcome"] } == ["denied", "permitted", "denied"])
        #expect(reads[1]["categories"] == ["referrals"] && reads[1]["organization"] == "Maison Exemple")
    }

    @Test("a coordinator reads her organization's journeys without notes and the program; a clinician reads no program")
    func coordinator() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let said = RecordTests.act("stage.assessed", participant: participant, at: "2026-11-22T11:00:00.000Z",
                                   ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 5, "confidence": 5,
                                    "personSaid": "TEMOIN-NOTE-7Q"])
        try #require(try RecordTests.record(cli, said).status == 0)
        try Self.enrol(cli, "coord-meme", roles: "coordinator", organization: "Organisme Exemple")
        try Self.enrol(cli, "coord-autre", roles: "coordinator", organization: "Autre Organisme")
        let own = try Self.journey(cli, participant, as: "coord-meme")
        #expect(own.status == 0, "\(own)")
        #expect(own.stdout.contains("contemplation") && !own.stdout.contains("TEMOIN-NOTE-7Q"))
        #expect(try Self.journey(cli, participant, as: "coord-autre").stderr.contains("not of the reader's organization"))
        let reads = try Self.journeyReads(cli)
        #expect(reads.map { $0["outcome"] } == ["permitted", "denied"])
        #expect(reads[0]["purpose"] == "supervision" && reads[0]["role"] == "coordinator")
        #expect(reads[0]["categories"]?.arrayValue?.count == 7 && reads[0]["categories"]?.arrayValue?.contains("notes") == false)
        #expect(reads[1]["reason"] == "not of the reader's organization")
        #expect(try cli.run(["program", "--as", "coord-meme", "--json"], env: Self.asEnrolled).status == 0)
        let program = try cli.run(["program", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(program.status == 2 && program.stderr.contains("role not permitted"))
    }

    @Test("a participant's refusal wins over the care team: only the legal-obligation disclosures remain, recorded as such")
    func refusal() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let refusal: JSONValue = ["scope": ["kind": "clinician", "value": .string(RecordTests.clinician)], "decidedBy": "participant"]
        try #require(try RecordTests.record(cli, RecordTests.act("consent.refused", participant: participant, at: "2026-11-22T09:00:00.000Z",
                                                                  refusal)).status == 0)
        let view = try Self.journey(cli, participant, as: RecordTests.clinician)
        #expect(view.status == 0, "\(view)")
        let journey = try JSONParser.parse(view.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(journey["stage"] == nil && journey["referrals"]?.arrayValue?.isEmpty == true && journey["admission"] == nil)
        let read = try #require(try Self.journeyReads(cli).last)
        #expect(read["purpose"] == "legal-obligation" && read["categories"] == ["disclosures"])
    }

    @Test("raw acts through events: the care team reads them, an admin sees only that they exist, another clinician is refused")
    func rawEvents() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try Self.enrol(cli, "clin-autre", roles: "clinician", organization: "Organisme Exemple")
        let team = try cli.run(["events", "participant/\(participant)", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(team.status == 0, "\(team)")
        #expect(try team.jsonLines().allSatisfy { $0["data"] != nil })
        let admin = try cli.events("participant/\(participant)")
        #expect(!admin.isEmpty && admin.allSatisfy { $0["data"] == nil && $0["content"] == "sealed" })
        let other = try cli.run(["events", "participant/\(participant)", "--as", "clin-autre"], env: Self.asEnrolled)
        #expect(other.status == 2 && other.stdout.isEmpty && other.stderr.contains("not in the care team"))
        let reads = try ProjectionCLITests.accessRecords(cli).filter { $0["view"] == "events" }
        #expect(reads.map { $0["outcome"] } == ["permitted", "permitted", "denied"])
        #expect(reads[1]["purpose"] == "administration" && reads[1]["categories"] == [])
    }

    @Test("the privacy officer and researchers never read a journey; the refusal is recorded")
    func noClinicalContent() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try Self.enrol(cli, "rprp-exemple", roles: "privacy-officer", organization: "Organisme Exemple")
        try Self.enrol(cli, "rech-exemple", roles: "researcher", organization: "Université Exemple")
        for reader in ["rprp-exemple", "rech-exemple"] {
            let refused = try Self.journey(cli, participant, as: reader, ["--break-glass", Self.justification])
            #expect(refused.status == 2 && refused.stdout.isEmpty && refused.stderr.contains("role not permitted"))
        }
        #expect(try Self.journeyReads(cli).map { $0["reason"] } == ["role not permitted", "role not permitted"])
    }

    @Test("fail closed: when the access log cannot be written, the read is refused and nothing is shown")
    func failClosed() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let queue = try DatabaseQueue(path: cli.store.appendingPathComponent("parcours.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TRIGGER access_log_unwritable BEFORE INSERT ON access_event BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        try queue.close()
        let refused = try Self.journey(cli, participant, as: RecordTests.clinician)
        #expect(refused.status != 0)
        #expect(refused.stdout.isEmpty, "nothing is shown when the read cannot be recorded")
    }
}
