import Foundation
import ParcoursLog
import Testing

/// Every write into a participant's record decided by the one access policy, before any
/// rule is checked: a refused writer learns nothing but the refusal, which is recorded.
@Suite("Writes under the access policy")
struct WritePolicyTests {
    static let asEnrolled = AccessPolicyCLITests.asEnrolled
    static let stranger = "clin-etrangere"
    static let stage: JSONValue = ["engagementStep": "cut-off-and-distance", "wheelStage": "action", "importance": 7, "confidence": 5]

    /// A followed participant (care team: `RecordTests.clinician`, organization "Organisme Exemple"),
    /// and a clinician of another organization who does not follow her.
    static func setUp() throws -> (CLI, String) {
        let (cli, participant) = try ProjectionCLITests.followed()
        try AccessPolicyCLITests.enrol(cli, stranger, roles: "clinician", organization: "Autre Organisme")
        return (cli, participant)
    }

    static func writes(_ cli: CLI) throws -> [JSONValue] {
        try ProjectionCLITests.accessRecords(cli).filter { $0["view"] == "record" }
    }

    @Test("a clinician outside the care team cannot join it, oust its clinician or lift a refusal; nothing is written, the refusal is recorded")
    func strangerRefused() throws {
        let (cli, participant) = try Self.setUp()
        let before = try cli.checkpoint()
        let batch = [
            RecordTests.act("careteam.assigned", participant: participant, ["clinician": .string(Self.stranger)]),
            RecordTests.act("careteam.released", participant: participant, ["clinician": .string(RecordTests.clinician)]),
        ].joined(separator: "\n")
        let joined = try RecordTests.record(cli, batch, as: Self.stranger)
        #expect(joined.status == 2 && joined.stdout.isEmpty, "\(joined)")
        #expect(joined.stderr.contains("not in the care team"), "\(joined.stderr)")
        let consent = RecordTests.act("consent.given", participant: participant,
                                      ["scope": ["kind": "clinician", "value": .string(Self.stranger)], "categories": ["stages"],
                                       "decidedBy": "participant"])
        let lifted = try RecordTests.record(cli, consent, as: Self.stranger)
        #expect(lifted.status == 2 && lifted.stderr.contains("not in the care team"), "\(lifted)")
        #expect(try cli.checkpoint() == before, "nothing written to the event log")
        // She still reads nothing, and the care team's clinician still reads everything.
        #expect(try AccessPolicyCLITests.journey(cli, participant, as: Self.stranger).status == 2)
        #expect(try AccessPolicyCLITests.journey(cli, participant, as: RecordTests.clinician).status == 0)
        let refusals = try Self.writes(cli).filter { $0["outcome"] == "denied" }
        #expect(refusals.map { $0["act"] } == ["careteam.assigned", "consent.given"])
        #expect(refusals.allSatisfy { $0["actor"] == .string(Self.stranger) && $0["reason"] == "not in the care team"
            && $0["participant"] == .string(participant) })
    }

    @Test("a refused write reveals nothing of the record: no warning, no version, no existing id")
    func refusalRevealsNothing() throws {
        let (cli, participant) = try Self.setUp()
        // The participant is in action without a fall plan: the care team would be warned.
        let warned = try RecordTests.record(cli, RecordTests.act("stage.assessed", participant: participant, Self.stage))
        #expect(warned.status == 0 && warned.stdout.contains("no-fall-plan-in-action"), "\(warned)")
        var act = try #require(try JSONParser.parse(RecordTests.act("stage.assessed", participant: participant, Self.stage)).objectValue)
        act["expectedVersion"] = 2
        act["id"] = .string(try #require(try warned.jsonLines().first?["id"]?.stringValue))
        let probe = try RecordTests.record(cli, CanonicalJSON.string(.object(act)), as: Self.stranger)
        #expect(probe.status == 2 && probe.stdout.isEmpty)
        for revealing in ["plan de chute", "fall plan", "version", "existing", "already", "closed", "fermé"] {
            #expect(!probe.stderr.contains(revealing), "\(revealing) in \(probe.stderr)")
        }
        let unknown = try RecordTests.record(cli, RecordTests.act("stage.assessed", participant: "P-ZZZZZZ", Self.stage), as: Self.stranger)
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown participant"), "\(unknown)")
    }

    @Test("a coordinator of the participant's organization changes the care team; one of another organization is refused")
    func coordinator() throws {
        let (cli, participant) = try Self.setUp()
        try AccessPolicyCLITests.enrol(cli, "coord-exemple", roles: "coordinator", organization: "Organisme Exemple")
        try AccessPolicyCLITests.enrol(cli, "coord-autre", roles: "coordinator", organization: "Autre Organisme")
        let assign = RecordTests.act("careteam.assigned", participant: participant, ["clinician": .string(Self.stranger)])
        let other = try RecordTests.record(cli, assign, as: "coord-autre")
        #expect(other.status == 2 && other.stderr.contains("not of the reader's organization"), "\(other)")
        let own = try RecordTests.record(cli, assign, as: "coord-exemple")
        #expect(own.status == 0, "\(own)")
        // A coordinator changes the team, never the clinical record.
        let stage = try RecordTests.record(cli, RecordTests.act("stage.assessed", participant: participant, Self.stage), as: "coord-exemple")
        #expect(stage.status == 2 && stage.stderr.contains("clinician"), "\(stage)")
        // The new member now writes and reads.
        #expect(try RecordTests.record(cli, RecordTests.act("stage.assessed", participant: participant, Self.stage), as: Self.stranger).status == 0)
        #expect(try AccessPolicyCLITests.journey(cli, participant, as: Self.stranger).status == 0)
        let change = try #require(try Self.writes(cli).last { $0["actor"] == "coord-exemple" && $0["outcome"] == "permitted" })
        #expect(change["act"] == "careteam.assigned" && change["clinician"] == .string(Self.stranger) && change["purpose"] == "supervision")
    }

    @Test("breaking the glass to join a care team is permitted, recorded with its justification, and raised twice for review")
    func breakGlassJoin() throws {
        let (cli, participant) = try Self.setUp()
        try cli.enrol("rprp-exemple", name: "Responsable Exemple", roles: "privacy-officer")
        #expect(try AccessPolicyCLITests.journey(cli, participant, as: Self.stranger).status == 2)
        let assign = RecordTests.act("careteam.assigned", participant: participant, ["clinician": .string(Self.stranger)])
        let joined = try cli.run(["record", "--as", Self.stranger, "--break-glass", AccessPolicyCLITests.justification, "-"], input: assign,
                                 env: Self.asEnrolled)
        #expect(joined.status == 0, "\(joined)")
        let record = try #require(try Self.writes(cli).last)
        #expect(record["purpose"] == "break-glass" && record["review"] == true && record["justification"] == .string(AccessPolicyCLITests.justification))
        let audit = try cli.run(["audit", "anomalies", "--as", "rprp-exemple", "--json"], env: Self.asEnrolled)
        #expect(audit.status == 0, "\(audit)")
        let kinds = try audit.jsonLines().flatMap { line in (line["anomalies"]?.arrayValue ?? [line]).compactMap { $0["kind"]?.stringValue } }
        #expect(kinds.contains("break-glass-care-team") && kinds.contains("joined-after-refusal"), "\(audit.stdout)")
    }

    @Test("the participant's refusal of a care-team clinician wins over membership and over the glass")
    func refusalWins() throws {
        let (cli, participant) = try Self.setUp()
        try cli.enrol("intervenant-deux", name: "Intervenant Deux", roles: "clinician")
        let batch = [
            RecordTests.act("careteam.assigned", participant: participant, ["clinician": "intervenant-deux"]),
            RecordTests.act("consent.refused", participant: participant, at: "2026-11-20T11:00:00.000Z",
                            ["scope": ["kind": "clinician", "value": "intervenant-deux"], "decidedBy": "participant"]),
        ].joined(separator: "\n")
        #expect(try RecordTests.record(cli, batch).status == 0)
        let stage = RecordTests.act("stage.assessed", participant: participant, Self.stage)
        let refused = try cli.run(["record", "--as", "intervenant-deux", "--break-glass", AccessPolicyCLITests.justification, "-"],
                                  input: stage, env: Self.asEnrolled)
        #expect(refused.status == 2 && refused.stderr.contains("refused by the participant"), "\(refused)")
        // A legal-obligation disclosure is made whatever the consent: she still records hers.
        let disclosure = RecordTests.act("disclosure.legal", participant: participant, at: "2026-11-20T12:00:00.000Z", [
            "legalBasis": "youth-protection-act-s39", "recipient": "Direction de la protection de la jeunesse",
            "categories": ["identity", "safety"], "disclosedAt": "2026-11-20T11:30:00.000Z", "participantTold": false,
            "justification": "motifs raisonnables de croire que la sécurité est compromise (données fictives)"])
        let disclosed = try RecordTests.record(cli, disclosure, as: "intervenant-deux")
        #expect(disclosed.status == 0, "\(disclosed)")
        let record = try #require(try Self.writes(cli).last)
        #expect(record["act"] == "disclosure.legal" && record["purpose"] == "legal-obligation" && record["outcome"] == "permitted")
    }

    @Test("a care-team change or a consent is never corrected or voided: a new act says it")
    func noRewriting() throws {
        let (cli, participant) = try Self.setUp()
        let events = try cli.storedEvents("participant/\(participant)")
        #expect(events[1]["type"] == "careteam.assigned")
        let teamID = try #require(try cli.events("participant/\(participant)")[1]["id"]?.stringValue)
        let correction = RecordTests.act("entry.corrected", participant: participant,
                                         ["corrects": .string(teamID), "reason": "erreur", "correction": ["clinician": .string(Self.stranger)]])
        let corrected = try RecordTests.record(cli, correction)
        #expect(corrected.status == 2 && corrected.stderr.contains("data.corrects"), "\(corrected)")
        let voided = try RecordTests.record(cli, RecordTests.act("entry.voided", participant: participant, ["voids": .string(teamID), "reason": "erreur"]))
        #expect(voided.status == 2 && voided.stderr.contains("data.voids"), "\(voided)")
    }

    @Test("eight processes recording on one participant without expectedVersion all succeed, in order, none lost")
    func concurrentWriters() throws {
        let (cli, participant) = try Self.setUp()
        let before = try cli.events("participant/\(participant)").count
        let processes = try (0..<8).map { index -> (ChildProcess, URL, URL) in
            let act = RecordTests.act("session.held", participant: participant,
                                      ["kind": "individual-meeting", "minutes": .int(Int64(30 + index)), "processes": ["engaging"], "techniques": ["open-questions"]])
            let started = try cli.makeProcess(["record", "--as", RecordTests.clinician, "-"], stdin: Data(act.utf8), env: Self.asEnrolled)
            try started.0.run()
            return started
        }
        let results = try processes.map { try cli.finish($0.0, stdout: $0.1, stderr: $0.2) }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.filter { $0.status != 0 })")
        let events = try cli.events("participant/\(participant)")
        #expect(events.count == before + 8)
        #expect(events.map { $0["version"]?.intValue } == (0..<Int64(before + 8)).map { $0 })
        #expect(try cli.verify().status == 0)
    }
}
