import Foundation
import ParcoursLog
import Testing

/// `parcours journey`, `timeline`, `caseload`, `program` and `projections`: what people
/// read, following the log, each read recorded in the access log first.
@Suite("Reading journeys, caseloads and the program")
struct ProjectionCLITests {
    static let clinician = RecordTests.clinician
    static let asClinician: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]

    /// A participant with a care team (created by the admission), two stage assessments and a referral.
    static func followed() throws -> (CLI, String) {
        let (cli, participant) = try RecordTests.admitted()
        let batch = [
            RecordTests.act("stage.assessed", participant: participant, at: "2026-11-20T10:10:00.000Z",
                            ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4]),
            RecordTests.act("stage.assessed", participant: participant, at: "2026-11-21T10:10:00.000Z",
                            ["engagementStep": "reflection-and-dilemma", "wheelStage": "determination", "importance": 7, "confidence": 5]),
            RecordTests.act("referral.made", participant: participant, at: "2026-11-21T11:00:00.000Z",
                            ["to": ["kind": "housing", "name": "Maison Exemple"], "reason": "logement sûr", "urgency": "soon"]),
        ].joined(separator: "\n")
        let recorded = try RecordTests.record(cli, batch)
        try #require(recorded.status == 0, "\(recorded)")
        return (cli, participant)
    }

    static func accessRecords(_ cli: CLI) throws -> [JSONValue] {
        try CLI.records(in: try cli.exportLog("export-\(UUID().uuidString)").appendingPathComponent("access.jsonl"))
            .compactMap { $0["envelope"]?["payload"]?["clear"] }
    }

    @Test("a journey shows at once what was just recorded, in French, and its read is in the access log")
    func journeyReadsOwnWrites() throws {
        let (cli, participant) = try Self.followed()
        let text = try cli.run(["journey", participant, "--as", Self.clinician], env: Self.asClinician)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Parcours de \(participant) — suivi ouvert"))
        #expect(text.stdout.contains("réflexion et dilemme · roue : détermination"))
        #expect(text.stdout.contains("contemplation → détermination (vers l'avant)"))
        #expect(text.stdout.contains("Maison Exemple (hébergement) · en attente de réponse"))
        #expect(text.stdout.contains("Chronologie"))
        let json = try cli.run(["journey", participant, "--as", Self.clinician, "--json"], env: Self.asClinician)
        let journey = try JSONParser.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(journey["stage"]?["wheelStage"] == "determination")
        #expect(journey["transitions"]?.arrayValue?.count == 1)
        #expect(journey["careTeam"] == [.string(Self.clinician)])
        let reads = try Self.accessRecords(cli).filter { $0["view"] == "journey" }
        #expect(reads.count == 2)
        #expect(reads.allSatisfy { $0["participant"] == .string(participant) && $0["outcome"] == "permitted" && $0["role"] == "clinician" })
        let raw = try String(contentsOf: try cli.exportLog("again").appendingPathComponent("access.jsonl"), encoding: .utf8)
        #expect(!raw.contains("Maison Exemple") && !raw.contains("Personne Fictive"), "no clinical content in the access log")
    }

    @Test("an actor who is not in the directory is refused, the refusal recorded, nothing shown")
    func unknownReader() throws {
        let (cli, participant) = try Self.followed()
        let refused = try cli.run(["journey", participant, "--as", "inconnu"], env: Self.asClinician)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("unknown actor"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let denied = try Self.accessRecords(cli).filter { $0["view"] == "journey" }
        #expect(denied.count == 1 && denied[0]["outcome"] == "denied" && denied[0]["actor"]?.stringValue?.hasPrefix("unproven-") == true,
                "an id nobody holds is kept only as a digest")
    }

    @Test("the timeline lists every act in date order; the caseload lists the care team's participants")
    func timelineAndCaseload() throws {
        let (cli, participant) = try Self.followed()
        let timeline = try cli.run(["timeline", participant, "--as", Self.clinician], env: Self.asClinician)
        #expect(timeline.status == 0, "\(timeline)")
        #expect(timeline.lines.count == 5)
        #expect(timeline.lines.first?.hasPrefix("2026-11-20 10:00 · Admission") == true)
        let caseload = try cli.run(["caseload", "--as", Self.clinician, "--json"], env: Self.asClinician)
        let entries = try JSONParser.parse(caseload.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["participants"]?.arrayValue ?? []
        #expect(entries.map { $0["participant"] } == [.string(participant)])
        #expect(entries.first?["openReferrals"] == 1)
        #expect(entries.first?["wheelStage"] == "determination")
    }

    @Test("the program picture counts the period's transitions; a bad day is named and refused")
    func program() throws {
        let (cli, _) = try Self.followed()
        try cli.enrol("coord-exemple", name: "Coordination Exemple", roles: "coordinator")
        let picture = try cli.run(["program", "--as", "coord-exemple", "--from", "2026-11-01", "--to", "2026-11-30", "--json"], env: Self.asClinician)
        #expect(picture.status == 0, "\(picture)")
        let json = try JSONParser.parse(picture.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(json["transitions"] == [["month": "2026-11", "from": "contemplation", "to": "determination", "direction": "forward", "count": 1]])
        #expect(json["openFollowUps"] == 1)
        let bad = try cli.run(["program", "--as", "coord-exemple", "--from", "2026-13-01", "--to", "2026-11-30"], env: Self.asClinician)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--from"), "\(bad.stderr)")
    }

    @Test("rebuilding the projections from seq 0 shows the same journey")
    func rebuild() throws {
        let (cli, participant) = try Self.followed()
        let before = try cli.run(["journey", participant, "--as", Self.clinician, "--json"], env: Self.asClinician)
        let rebuilt = try cli.run(["projections", "rebuild", "--as", CLI.adminID])
        #expect(rebuilt.status == 0, "\(rebuilt)")
        let refused = try cli.run(["projections", "rebuild", "--as", Self.clinician], env: Self.asClinician)
        #expect(refused.status == 2 && refused.stderr.contains("admin"))
        let unknown = try cli.run(["projections", "rebuild", "nothing", "--as", CLI.adminID])
        #expect(unknown.status == 2 && unknown.stderr.contains("journey, caseload, program"))
        let after = try cli.run(["journey", participant, "--as", Self.clinician, "--json"], env: Self.asClinician)
        #expect(after.stdout == before.stdout)
    }
}
