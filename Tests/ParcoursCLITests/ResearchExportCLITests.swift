import Foundation
import ParcoursLog
import Testing

/// `parcours export research`: a researcher's de-identified export, recorded in the
/// access log with its manifest's hash, listed in the register of communications;
/// anyone else refused, bad input named, nothing written.
@Suite("Research exports from the command line")
struct ResearchExportCLITests {
    static let asEnrolled: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
    static let researcher = "rech-exemple"
    static let officer = "rprp-exemple"
    static let files = ["dictionary.json", "episodes.csv", "manifest.json", "participants.csv", "transitions.csv"]

    /// A store with 30 deterministic synthetic journeys (some with a research consent in
    /// force), a researcher and a privacy officer.
    static func setUp() throws -> CLI {
        let cli = try CLI.initialized(demo: true)
        try cli.enrol(RecordTests.clinician, name: "Intervenante Exemple", roles: "clinician")
        let generated = try cli.run(["demo", "generate", "--participants", "30", "--seed", "3", "--as", RecordTests.clinician], env: asEnrolled)
        try #require(generated.status == 0, "\(generated)")
        try cli.enrol(researcher, name: "Recherche Exemple", roles: "researcher")
        try cli.enrol(officer, name: "Responsable Exemple", roles: "privacy-officer")
        return cli
    }

    static func export(_ cli: CLI, as actor: String = researcher, project: String = "trajectoires", out: String, _ extra: [String] = [])
        throws -> CLIResult
    {
        try cli.run(["export", "research", "--as", actor, "--project", project, "--out", out] + extra, env: asEnrolled)
    }

    /// The access log as the privacy officer reads it: each record's clear payload and type.
    static func accessLog(_ cli: CLI) throws -> [(type: String, record: JSONValue)] {
        let listed = try cli.run(["audit", "access", "--as", officer, "--json"], env: asEnrolled)
        try #require(listed.status == 0, "\(listed)")
        return try listed.jsonLines().compactMap { line in
            guard let type = line["type"]?.stringValue, let record = line["record"] else { return nil }
            return (type, record)
        }
    }

    @Test("a researcher exports five private files; the export is in the access log with its project and its manifest's hash")
    func researcherExports() throws {
        let cli = try Self.setUp()
        let out = cli.path("recherche")
        let result = try Self.export(cli, out: out, ["--k", "2"])
        #expect(result.status == 0, "\(result)")
        let printed = try #require(try result.jsonLines().first)
        for key in ["exported", "suppressed", "k", "l", "statement", "manifestSHA256"] {
            #expect(printed[key] != nil, "the printed JSON lacks \(key)")
        }
        #expect(printed["statement"] == "de-identified")
        #expect((printed["exported"]?.intValue ?? 0) > 0, "seed 3 gives research consents in force")
        #expect((printed["k"]?.intValue ?? 0) >= 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == Self.files)
        for file in Self.files {
            let mode = try FileManager.default.attributesOfItem(atPath: out + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o700)
        let manifestBytes = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        let manifestHash = IndependentSHA256.hex(IndependentSHA256.hash(Array(manifestBytes)))
        #expect(printed["manifestSHA256"] == .string(manifestHash))
        // Foundation's parser: the manifest holds a fraction (maxSuppressedFraction), which the log's I-JSON parser refuses.
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
        #expect((manifest["parameters"] as? [String: Any])?["project"] as? String == "trajectoires")
        #expect((manifest["exported"] as? Int).map(Int64.init) == printed["exported"]?.intValue)
        #expect(((manifest["achieved"] as? [String: Any])?["k"] as? Int).map(Int64.init) == printed["k"]?.intValue)
        let hashes = try #require(manifest["files"] as? [String: String])
        #expect(hashes.keys.sorted() == Self.files.filter { $0 != "manifest.json" })
        for (name, hash) in hashes {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            #expect(hash == IndependentSHA256.hex(IndependentSHA256.hash(Array(bytes))), "\(name)")
        }
        let exports = try Self.accessLog(cli).filter { $0.type == "access.export" && $0.record["view"] == "research-export" }
        #expect(exports.count == 1)
        let record = try #require(exports.first?.record)
        #expect(record["actor"] == .string(Self.researcher) && record["role"] == "researcher" && record["outcome"] == "permitted")
        #expect(record["purpose"] == "research")
        #expect(record["project"] == "trajectoires")
        #expect(record["manifestSHA256"] == .string(manifestHash))
        #expect(record["participants"] == printed["exported"], "the record counts the participants exported")
        #expect(record["participant"] == nil, "an export names no participant")
    }

    @Test("the export appears in the register of communications as an export to the researcher, for research")
    func inTheRegister() throws {
        let cli = try Self.setUp()
        #expect(try Self.export(cli, out: cli.path("recherche"), ["--k", "2"]).status == 0)
        let register = try cli.run(["audit", "communications", "--as", Self.officer, "--json"], env: Self.asEnrolled)
        #expect(register.status == 0, "\(register)")
        let exports = try register.jsonLines().filter { $0["kind"] == "export" }
        #expect(exports.count == 1)
        #expect(exports.first?["recipient"] == .string(Self.researcher))
        #expect(exports.first?["purpose"] == "research export, project trajectoires")
        #expect(exports.first?["justification"]?.stringValue?.hasPrefix("manifest SHA-256 ") == true)
        #expect(exports.first?["participant"] == nil)
    }

    @Test("a clinician or a privacy officer is refused: exit 2, no directory, the refusal recorded")
    func othersRefused() throws {
        let cli = try Self.setUp()
        for actor in [RecordTests.clinician, Self.officer] {
            let out = cli.path("refus-\(actor)")
            let refused = try Self.export(cli, as: actor, out: out)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("role not permitted"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let denied = try Self.accessLog(cli).filter { $0.record["view"] == "research-export" }.map(\.record)
        #expect(denied.map { $0["actor"] } == [.string(RecordTests.clinician), .string(Self.officer)])
        #expect(denied.allSatisfy { $0["outcome"] == "denied" && $0["reason"] == "role not permitted" && $0["purpose"] == "research" })
        #expect(denied.allSatisfy { $0["project"] == "trajectoires" && $0["manifestSHA256"] == nil })
    }

    @Test("bad input names its field and writes nothing: --k 1, a project name with capitals and a space, an --out that exists")
    func badInput() throws {
        let cli = try Self.setUp()
        let (events, access) = (try cli.checkpoint(), try cli.checkpoint(access: true))
        let kOne = try Self.export(cli, out: cli.path("k-un"), ["--k", "1"])
        #expect(kOne.status == 2 && kOne.stderr.contains("--k"), "\(kOne)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("k-un")))
        let badName = try Self.export(cli, project: "Bad Name", out: cli.path("mauvais-nom"))
        #expect(badName.status == 2 && badName.stderr.contains("--project"), "\(badName)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("mauvais-nom")))
        let existing = cli.path("existe")
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: false)
        let exists = try Self.export(cli, out: existing)
        #expect(exists.status == 2 && exists.stderr.contains("--out"), "\(exists)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing).isEmpty)
        for result in [kOne, badName, exists] { #expect(result.stdout.isEmpty) }
        #expect(try cli.checkpoint() == events)
        #expect(try cli.checkpoint(access: true) == access)
    }
}
