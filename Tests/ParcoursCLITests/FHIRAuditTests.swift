import Foundation
import ParcoursAccess
import ParcoursLog
import Testing

/// `parcours audit fhir`: the access log as a FHIR R4 Bundle of AuditEvents (IHE BALP),
/// checked by an independent FHIR implementation (Tools/validate-fhir, Python's
/// fhir.resources), for the privacy officer only, its own read recorded first.
@Suite("The access log as FHIR AuditEvents")
struct FHIRAuditTests {
    static let officer = "agente-vie-privee"
    static let asEnrolled: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `parcours audit fhir --out FILE --as ACTOR`.
    static func audit(_ cli: CLI, as actor: String = officer, out name: String = "audit.json", _ extra: [String] = [],
                      env: [String: String?] = asEnrolled) throws -> (CLIResult, String) {
        let out = cli.path(name)
        return (try cli.run(["audit", "fhir", "--out", out, "--as", actor] + extra, env: env), out)
    }

    /// Runs Tools/validate-fhir on `file`; a missing python3 or fhir.resources fails the test, saying so.
    static func validate(_ file: String) throws -> (status: Int32, output: String) {
        let (status, output) = try ChildProcess.run("/usr/bin/env", ["python3", root.appendingPathComponent("Tools/validate-fhir").path, file])
        if status == 2 || status == 127 {
            Issue.record("""
                Tools/validate-fhir could not run: it needs python3 and the Python package fhir.resources (>= 7, with its R4B \
                models), which Tools/test installs. Output: \(output)
                """)
        }
        return (status, output)
    }

    /// The bundle's AuditEvents, in order.
    static func auditEvents(_ file: String) throws -> (bundle: JSONValue, events: [JSONValue]) {
        let bundle = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        return (bundle, (bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"] })
    }

    static func actor(_ event: JSONValue) -> String? {
        event["agent"]?.arrayValue?.first { $0["requestor"] == true }?["who"]?["identifier"]?["value"]?.stringValue
    }

    static func patient(_ event: JSONValue) -> JSONValue? {
        event["entity"]?.arrayValue?.first { $0["role"]?["code"] == "1" }
    }

    static func details(_ event: JSONValue) -> [String: [String]] {
        var details: [String: [String]] = [:]
        for entity in event["entity"]?.arrayValue ?? [] {
            for detail in entity["detail"]?.arrayValue ?? [] {
                if let type = detail["type"]?.stringValue, let value = detail["valueString"]?.stringValue { details[type, default: []].append(value) }
            }
        }
        return details
    }

    static func profiles(_ event: JSONValue) -> [String] {
        (event["meta"]?["profile"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func purposeCode(_ event: JSONValue) -> String? {
        event["purposeOfEvent"]?.arrayValue?.first?["coding"]?.arrayValue?.first?["code"]?.stringValue
    }

    @Test("one valid BALP AuditEvent per access record — reads, a denial, a broken glass, the audit itself — and no name, no free text")
    func bundle() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try cli.enrol(Self.officer, name: "Agente Vie Privée Exemple", roles: "privacy-officer")
        try cli.enrol("clin-autre", name: "Clinicienne Autre Exemple", roles: "clinician")
        let care = try cli.run(["journey", participant, "--as", ProjectionCLITests.clinician, "--json"], env: Self.asEnrolled)
        try #require(care.status == 0, "\(care)")
        _ = try cli.events("participant/\(participant)")
        let denied = try cli.run(["events", "participant/\(participant)", "--as", "clin-autre"], env: Self.asEnrolled)
        try #require(denied.status == 2, "\(denied)")
        let glass = try cli.run(["journey", participant, "--as", "clin-autre", "--json", "--break-glass", AccessPolicyCLITests.justification],
                                env: Self.asEnrolled)
        try #require(glass.status == 0, "\(glass)")

        let (result, out) = try Self.audit(cli)
        try #require(result.status == 0, "\(result)")
        let permissions = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the bundle is readable by its owner only")
        let validation = try Self.validate(out)
        #expect(validation.status == 0, "Tools/validate-fhir: \(validation.output)")

        let (bundle, events) = try Self.auditEvents(out)
        #expect(bundle["resourceType"] == "Bundle" && bundle["type"] == "collection")
        let size = try AccessLogTests.accessSize(cli)
        #expect(UInt64(events.count) == size, "one AuditEvent per access record, the audit's own read included")
        #expect(try JSONParser.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["auditEvents"] == .int(Int64(size)))
        #expect(events.allSatisfy { $0["resourceType"] == "AuditEvent" })
        #expect(Set(events.compactMap { $0["id"]?.stringValue }).count == events.count)
        #expect(events.compactMap { $0["meta"]?["source"]?.stringValue } == (0..<size).map { "urn:parcours:access-log:\($0)" },
                "in seq order, each naming its seq")

        // The care team's read: a BALP PatientRead, the participant by pseudonymous id only.
        let read = try #require(events.first { Self.actor($0) == ProjectionCLITests.clinician && $0["outcome"] == "0" && $0["action"] == "R" })
        #expect(Self.profiles(read) == [FHIRAuditBundle.patientReadProfile])
        #expect(read["type"]?["code"] == "rest" && read["subtype"]?.arrayValue?.first?["code"] == "read" && read["action"] == "R")
        #expect(Self.purposeCode(read) == "TREAT")
        let entity = try #require(Self.patient(read))
        #expect(entity["what"]?["identifier"] == ["system": "urn:parcours:participant", "value": .string(participant)])
        #expect(entity["type"]?["code"] == "1" && entity["type"]?["system"] == "http://terminology.hl7.org/CodeSystem/audit-entity-type")
        #expect(Self.details(read)["view"] == ["journey"])
        #expect(Self.details(read)["category"]?.count == 8)
        let role = read["agent"]?.arrayValue?.first?["role"]?.arrayValue?.first?["text"]
        #expect(role == "clinician")

        // The denied read: outcome 4 (minor failure), the reason's category, no BALP profile claimed.
        let refusal = try #require(events.first { Self.actor($0) == "clin-autre" && $0["outcome"] == "4" })
        #expect(refusal["outcomeDesc"] == "not in the care team")
        #expect(Self.profiles(refusal).isEmpty, "BALP's Read fixes outcome 0: a denial claims no BALP profile")
        #expect(Self.patient(refusal)?["what"]?["identifier"]?["value"] == .string(participant))

        // The broken glass: visible, emergency treatment, the justification not copied.
        let broken = try #require(events.first { Self.actor($0) == "clin-autre" && $0["outcome"] == "0" })
        #expect(Self.purposeCode(broken) == "ETREAT")
        #expect(Self.details(broken)["break-glass"] == ["true"])
        #expect(Self.profiles(broken) == [FHIRAuditBundle.patientReadProfile])

        // The audit's own read, last: the access log, by the privacy officer, for compliance.
        let own = try #require(events.last)
        #expect(Self.actor(own) == Self.officer && own["outcome"] == "0")
        #expect(Self.profiles(own) == [FHIRAuditBundle.readProfile])
        #expect(Self.purposeCode(own) == "HCOMPL")
        #expect(Self.details(own)["view"] == ["access-log"] && Self.patient(own) == nil)

        let raw = try String(contentsOfFile: out, encoding: .utf8)
        for secret in ["Personne Fictive", "2010-05-01", "Maison Exemple", AccessPolicyCLITests.justification, "Agente Vie Privée"] {
            #expect(!raw.contains(secret), "the bundle carries \(secret)")
        }
    }

    @Test("anyone but a privacy officer is refused (exit 2, no file), and the refusal is itself in the access log")
    func refused() throws {
        let cli = try CLI.initialized()
        try cli.enrol(Self.officer, name: "Agente Vie Privée Exemple", roles: "privacy-officer")
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        let before = try AccessLogTests.accessSize(cli)
        let (clinician, out) = try Self.audit(cli, as: "intervenante-exemple")
        #expect(clinician.status == 2 && clinician.stderr.contains("privacy-officer"), "\(clinician)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written for a refused reader")
        let (admin, _) = try Self.audit(cli, as: CLI.adminID, env: [:])
        #expect(admin.status == 2, "\(admin)")
        let (wrong, _) = try Self.audit(cli, env: ["PARCOURS_PASSPHRASE": "pas-la-bonne-phrase"])
        #expect(wrong.status == 2, "\(wrong)")
        #expect(try AccessLogTests.accessSize(cli) == before + 3, "every refusal is recorded")

        let (result, file) = try Self.audit(cli)
        try #require(result.status == 0, "\(result)")
        #expect(try Self.validate(file).status == 0)
        let refusals = try Self.auditEvents(file).events.filter { $0["outcome"] == "4" }
        #expect(refusals.map(Self.actor) == ["intervenante-exemple", CLI.adminID, Self.officer])
        #expect(refusals.map { $0["outcomeDesc"] } == ["role not permitted", "role not permitted", "identity not proven"])
        #expect(refusals.allSatisfy { Self.details($0)["view"] == ["access-log"] && Self.purposeCode($0) == "HCOMPL" })
    }

    @Test("a period keeps the records of its days; bad days, a reversed period and an existing file are refused")
    func periodAndFile() throws {
        let cli = try CLI.initialized()
        try cli.enrol(Self.officer, name: "Agente Vie Privée Exemple", roles: "privacy-officer")
        let (past, file) = try Self.audit(cli, ["--from", "2000-01-01", "--to", "2000-12-31"])
        try #require(past.status == 0, "\(past)")
        #expect(try Self.auditEvents(file).events.isEmpty)
        #expect(try Self.validate(file).status == 0, "an empty collection is a valid bundle")
        let today = String(Timestamp.now().description.prefix(10))
        let (current, todays) = try Self.audit(cli, out: "today.json", ["--from", today, "--to", today])
        try #require(current.status == 0, "\(current)")
        #expect(try Self.auditEvents(todays).events.count == 2, "both audits of today")

        let size = try AccessLogTests.accessSize(cli)
        let existing = try String(contentsOfFile: file, encoding: .utf8)
        let (again, _) = try Self.audit(cli)
        #expect(again.status == 2 && again.stderr.contains("exists"), "\(again)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == existing, "an existing file is never overwritten")
        #expect(try Self.audit(cli, out: "x.json", ["--from", "2026-02-30"]).0.status == 2)
        #expect(try Self.audit(cli, out: "y.json", ["--from", "2026-12-01", "--to", "2026-11-01"]).0.status == 2)
        #expect(try AccessLogTests.accessSize(cli) == size, "usage errors are refused before anything is read or recorded")
    }

    @Test("the mapping never lets free text through: free text where vocabulary belongs never reads as a record, justifications are only marked")
    func noFreeText() throws {
        let free = "Texte libre qui nomme Personne Fictive"
        func entry(_ payload: [String: JSONValue]) -> AccessLogEntry {
            AccessLogEntry(seq: 7, id: "0a1b2c3d-0000-4000-8000-000000000007", type: "access.read", recordedAt: Timestamp(millisecondsSinceEpoch: 0),
                           log: "spheres.example/parcours-test/access", payload: payload)
        }
        let clean: [String: JSONValue] = ["actor": "clin-autre", "view": "journey", "purpose": "break-glass", "outcome": "denied",
                                          "reason": "not in the care team", "justification": .string(free), "categories": ["notes"]]
        // A damaged record (free text for a reason, a participant, a category) is refused before any mapping.
        for (member, value) in [("reason", JSONValue.string(free)), ("participant", "Personne Fictive"), ("categories", ["notes", .string(free)])] {
            let error = #expect(throws: DamagedAccessRecord.self) { try RecordedAccess(entry(clean.merging([member: value]) { _, new in new })) }
            #expect(error?.description.contains("Personne Fictive") == false)
        }
        let record = try RecordedAccess(entry(clean))
        let event = FHIRAuditBundle.auditEvent(record)
        let text = CanonicalJSON.string(event)
        #expect(!text.contains("Texte libre") && !text.contains("Personne Fictive"), "\(text)")
        #expect(event["outcomeDesc"] == "not in the care team")
        #expect(Self.details(event)["break-glass"] == ["true"] && Self.details(event)["category"] == ["notes"])
        #expect(Self.patient(event) == nil)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-audit-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(CanonicalJSON.encode(FHIRAuditBundle.bundle([record], generatedAt: Timestamp(millisecondsSinceEpoch: 1000)))).write(to: file)
        let validation = try Self.validate(file.path)
        #expect(validation.status == 0, "\(validation.output)")
    }
}
