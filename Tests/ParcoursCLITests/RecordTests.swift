import Foundation
import ParcoursLog
import Testing

/// `parcours record`: clinical acts checked by the framework's rules, sealed and signed.
@Suite("Recording clinical acts")
struct RecordTests {
    static let clinician = "intervenante-exemple"

    static func act(_ type: String, participant: String? = nil, at occurredAt: String = "2026-11-20T10:00:00.000Z",
                    _ data: JSONValue) -> String {
        var object: [String: JSONValue] = ["type": .string(type), "occurredAt": .string(occurredAt), "data": data]
        if let participant { object["participant"] = .string(participant) }
        return CanonicalJSON.string(.object(object))
    }

    static let admission: JSONValue = [
        "identity": ["name": "Personne Fictive", "dateOfBirth": "2010-05-01"], "genderIdentity": "non-binary",
        "preferredLanguage": "fr", "referringOrganization": "En Marge 12-17", "voluntary": true, "recognizesHarms": true,
    ]

    static func record(_ cli: CLI, _ input: String, as actor: String = clinician) throws -> CLIResult {
        try cli.run(["record", "--as", actor, "-"], input: input, env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
    }

    static func admitted() throws -> (CLI, String) {
        let cli = try CLI.initialized()
        try cli.enrol(clinician, name: "Intervenante Exemple", roles: "clinician")
        let result = try record(cli, act("participant.enrolled", admission))
        try #require(result.status == 0, "\(result)")
        let participant = try #require(try result.jsonLines().first?["participant"]?.stringValue)
        return (cli, participant)
    }

    @Test("an admission gets a new pseudonymous id, and every act reads back sealed, signed and equal")
    func roundTrip() throws {
        let (cli, participant) = try Self.admitted()
        #expect(participant.range(of: "^P-[0-9A-HJKMNP-TV-Z]{6}$", options: .regularExpression) != nil)
        let stage: JSONValue = ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4,
                                "personSaid": "« je veux que ça change, mais pas tout de suite »"]
        let batch = [
            Self.act("obligations.explained", participant: participant, ["obligationsExplained": true, "rulesAgreed": true]),
            Self.act("stage.assessed", participant: participant, stage),
        ].joined(separator: "\n")
        let result = try Self.record(cli, batch)
        #expect(result.status == 0, "\(result)")
        #expect(try result.jsonLines().map { $0["warnings"]?.arrayValue?.count } == [0, 0])
        let events = try cli.storedEvents("participant/\(participant)")
        // The admission created the care team with the admitting clinician.
        #expect(events.map { $0["type"]?.stringValue } == ["participant.enrolled", "careteam.assigned", "obligations.explained", "stage.assessed"])
        #expect(events[1]["data"]?["clinician"] == .string(Self.clinician))
        var expected = stage.objectValue!
        expected["occurredAt"] = "2026-11-20T10:00:00.000Z"
        #expect(events[3]["data"] == .object(expected))
        #expect(events.allSatisfy { $0["author"] == .string(Self.clinician) })
        // Sealed in the log: the name and what the person said never appear in clear.
        let exported = try String(contentsOf: try cli.exportLog().appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(!exported.contains("Personne Fictive") && !exported.contains("pas tout de suite"))
        #expect(try cli.verify().status == 0)
    }

    @Test("a refused act names its field, exits 2 and writes nothing, even late in a batch")
    func refusal() throws {
        let (cli, participant) = try Self.admitted()
        let before = try cli.checkpoint()
        let batch = [
            Self.act("obligations.explained", participant: participant, ["obligationsExplained": true, "rulesAgreed": true]),
            Self.act("stage.assessed", participant: participant, ["engagementStep": "crisis", "wheelStage": "contemplation",
                                                                   "importance": 12, "confidence": 4]),
        ].joined(separator: "\n")
        let result = try Self.record(cli, batch)
        #expect(result.status == 2)
        #expect(result.stderr.contains("act 2: data.importance"), "\(result.stderr)")
        #expect(try cli.checkpoint() == before)
        let old = try Self.record(cli, Self.act("participant.enrolled", ["identity": ["name": "Autre Fictive", "dateOfBirth": "1990-01-01"],
            "genderIdentity": "woman", "preferredLanguage": "fr", "referringOrganization": "CODIM", "voluntary": true, "recognizesHarms": true]))
        #expect(old.status == 2 && old.stderr.contains("12 to 24"), "\(old)")
        #expect(try cli.checkpoint() == before)
    }

    @Test("warnings are recorded with the act and printed, never refusals")
    func warnings() throws {
        let (cli, participant) = try Self.admitted()
        let result = try Self.record(cli, Self.act("stage.assessed", participant: participant,
            ["engagementStep": "crisis", "wheelStage": "action", "importance": 6, "confidence": 4]))
        #expect(result.status == 0, "\(result)")
        #expect(try result.jsonLines().first?["warnings"]?.arrayValue?.first?["code"] == "stage-pair-unusual")
        let stored = try cli.storedEvents("participant/\(participant)").last
        #expect(stored?["data"]?["warnings"]?.arrayValue?.first?["code"] == "stage-pair-unusual")
    }

    @Test("only clinicians record; an unknown or erased participant takes no act")
    func whoAndWhom() throws {
        let (cli, participant) = try Self.admitted()
        let stage: JSONValue = ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4]
        let byAdmin = try cli.run(["record", "--as", CLI.adminID, "-"], input: Self.act("stage.assessed", participant: participant, stage))
        #expect(byAdmin.status == 2 && byAdmin.stderr.contains("clinician"), "\(byAdmin)")
        let unknown = try Self.record(cli, Self.act("stage.assessed", participant: "P-ZZZZZZ", stage))
        #expect(unknown.status == 2 && unknown.stderr.contains("participant"), "\(unknown)")
        let erase = try cli.run(["erase", participant, "--reason", "participant-request", "--as", CLI.adminID])
        #expect(erase.status == 0, "\(erase)")
        let afterErasure = try Self.record(cli, Self.act("stage.assessed", participant: participant, stage))
        #expect(afterErasure.status == 2 && afterErasure.stderr.contains("erased"), "\(afterErasure)")
    }

    @Test("a care team takes only active clinicians of the directory")
    func careTeam() throws {
        let (cli, participant) = try Self.admitted()
        let stranger = try Self.record(cli, Self.act("careteam.assigned", participant: participant, ["clinician": "clin-9999"]))
        #expect(stranger.status == 2 && stranger.stderr.contains("data.clinician"), "\(stranger)")
        try cli.enrol("intervenant-deux", name: "Intervenant Deux", roles: "clinician")
        let assigned = try Self.record(cli, Self.act("careteam.assigned", participant: participant, ["clinician": "intervenant-deux"]))
        #expect(assigned.status == 0, "\(assigned)")
        let twice = try Self.record(cli, Self.act("careteam.assigned", participant: participant, ["clinician": "intervenant-deux"]))
        #expect(twice.status == 2 && twice.stderr.contains("already in the care team"), "\(twice)")
    }

    @Test("a diagnosis with trauma.observed is refused from a clinician, recorded from a clinician who is also a designated professional")
    func diagnosis() throws {
        let (cli, participant) = try Self.admitted()
        let observed: JSONValue = ["survivalStrategies": ["freeze"], "triggers": ["bruits forts"], "symptoms": ["hypervigilance"],
                                   "diagnosis": ["condition": "PTSD", "designation": "psychologue (OPQ)"]]
        let act = Self.act("trauma.observed", participant: participant, observed)
        let before = try cli.checkpoint()
        let refused = try Self.record(cli, act)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("data.diagnosis") && refused.stderr.contains("designated-professional"), "\(refused.stderr)")
        #expect(try cli.checkpoint() == before)
        let psychologist = "psychologue-exemple"
        try cli.enrol(psychologist, name: "Psychologue Exemple", roles: "clinician,designated-professional")
        let joined = try Self.record(cli, Self.act("careteam.assigned", participant: participant, ["clinician": .string(psychologist)]))
        #expect(joined.status == 0, "\(joined)")
        let recorded = try Self.record(cli, act, as: psychologist)
        #expect(recorded.status == 0, "\(recorded)")
        let stored = try #require(try cli.storedEvents("participant/\(participant)").last)
        #expect(stored["type"] == "trauma.observed" && stored["author"] == .string(psychologist))
        #expect(stored["data"]?["diagnosis"] == ["condition": "PTSD", "designation": "psychologue (OPQ)"])
        #expect(try cli.verify().status == 0)
    }

    @Test("a retried admission with the same id returns the original: same participant, same seq, existing, nothing written")
    func admissionRetry() throws {
        let cli = try CLI.initialized()
        try cli.enrol(Self.clinician, name: "Intervenante Exemple", roles: "clinician")
        var act = try #require(try JSONParser.parse(Self.act("participant.enrolled", Self.admission)).objectValue)
        act["id"] = .string(UUID().uuidString.lowercased())
        let input = CanonicalJSON.string(.object(act))
        let first = try Self.record(cli, input)
        #expect(first.status == 0, "\(first)")
        let original = try #require(try first.jsonLines().first)
        #expect(original["existing"] == false)
        let before = try cli.checkpoint()
        let retry = try Self.record(cli, input)
        #expect(retry.status == 0, "\(retry)")
        let repeated = try #require(try retry.jsonLines().first)
        #expect(repeated["participant"] == original["participant"] && repeated["seq"] == original["seq"] && repeated["id"] == original["id"])
        #expect(repeated["existing"] == true)
        #expect(try cli.checkpoint() == before)
        let participant = try #require(original["participant"]?.stringValue)
        #expect(try cli.events("participant/\(participant)").count == 2, "the admission and the care team it created")
        // The id of an event that is not an admission is refused, naming the field.
        let stage = Self.act("stage.assessed", participant: participant,
                             ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4])
        var staged = try #require(try JSONParser.parse(stage).objectValue)
        let stageID = UUID().uuidString.lowercased()
        staged["id"] = .string(stageID)
        #expect(try Self.record(cli, CanonicalJSON.string(.object(staged))).status == 0)
        act["id"] = .string(stageID)
        let misused = try Self.record(cli, CanonicalJSON.string(.object(act)))
        #expect(misused.status == 2 && misused.stderr.contains("id:") && misused.stderr.contains("another event"), "\(misused)")
    }

    @Test("demo generate records deterministic journeys through the same rules, and the log verifies")
    func generate() throws {
        let cli = try CLI.initialized(demo: true)
        try cli.enrol(Self.clinician, name: "Intervenante Exemple", roles: "clinician")
        let env: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
        let printed = try cli.run(["demo", "generate", "--participants", "5", "--seed", "42", "--as", Self.clinician, "--print"], env: env)
        let again = try cli.run(["demo", "generate", "--participants", "5", "--seed", "42", "--as", Self.clinician, "--print"], env: env)
        #expect(printed.status == 0 && printed.stdout == again.stdout && !printed.stdout.isEmpty)
        let recorded = try cli.run(["demo", "generate", "--participants", "5", "--seed", "42", "--as", Self.clinician], env: env)
        #expect(recorded.status == 0, "\(recorded)")
        let summary = try #require(try recorded.jsonLines().first)
        #expect(summary["acts"]?.intValue == Int64(try printed.jsonLines().count))
        #expect(try cli.verify().status == 0)
    }
}
