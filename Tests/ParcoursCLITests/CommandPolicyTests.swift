import Foundation
import ParcoursLog
import Testing

/// Every command that reads or writes the store takes a proven identity and is decided by
/// the one access policy — no command keeps a role list of its own.
@Suite("Every command under the access policy")
struct CommandPolicyTests {
    static let asEnrolled = AccessPolicyCLITests.asEnrolled

    static func setUp() throws -> CLI {
        let cli = try CLI.initialized()
        try cli.enrol("rprp-exemple", name: "Responsable Exemple", roles: "privacy-officer")
        try cli.enrol(RecordTests.clinician, name: "Intervenante Exemple", roles: "clinician")
        return cli
    }

    @Test("export log: an administrator exports; a privacy officer is refused, and so is anyone without a proven identity")
    func exportLog() throws {
        let cli = try Self.setUp()
        let byOfficer = try cli.run(["export", "log", "--out", cli.path("by-officer"), "--as", "rprp-exemple"], env: Self.asEnrolled)
        #expect(byOfficer.status == 2 && byOfficer.stderr.contains("role not permitted") && byOfficer.stderr.contains("admin"), "\(byOfficer)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("by-officer")))
        let anonymous = try cli.run(["export", "log", "--out", cli.path("anonymous")])
        #expect(anonymous.status == 2 && anonymous.stderr.contains("--as"), "\(anonymous)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("anonymous")))
        let export = try cli.exportLog()
        let records = try CLI.records(in: export.appendingPathComponent("access.jsonl")).compactMap { $0["envelope"]?["payload"]?["clear"] }
        #expect(records.contains { $0["actor"] == "rprp-exemple" && $0["view"] == "export" && $0["outcome"] == "denied" })
        #expect(records.contains { $0["actor"] == .string(CLI.adminID) && $0["view"] == "export" && $0["outcome"] == "permitted" })
        #expect(!records.contains { $0["actor"] == "store-operator" })
    }

    @Test("backup and actor list need a proven identity the policy lets in, and leave an access record")
    func backupAndDirectory() throws {
        let cli = try Self.setUp()
        let anonymous = try cli.run(["backup", "--out", cli.path("copy.sqlite")])
        #expect(anonymous.status == 2 && anonymous.stderr.contains("--as"))
        let byClinician = try cli.run(["backup", "--out", cli.path("copy.sqlite"), "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(byClinician.status == 2 && byClinician.stderr.contains("role not permitted"), "\(byClinician)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("copy.sqlite")))
        #expect(try cli.run(["actor", "list"]).status == 2)
        let listByClinician = try cli.run(["actor", "list", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(listByClinician.status == 2 && listByClinician.stdout.isEmpty)
        #expect(try cli.run(["actor", "list", "--as", "rprp-exemple"], env: Self.asEnrolled).status == 0)
        #expect(try cli.run(["backup", "--out", cli.path("copy.sqlite"), "--as", CLI.adminID]).status == 0)
        let records = try ProjectionCLITests.accessRecords(cli)
        #expect(records.filter { $0["view"] == "backup" }.map { $0["outcome"] } == ["denied", "permitted"])
        #expect(records.filter { $0["view"] == "directory" }.map { $0["outcome"] } == ["denied", "permitted"])
    }

    @Test("demo generate refuses a store that holds real records; a demo store takes synthetic journeys")
    func demoStoreOnly() throws {
        let cli = try Self.setUp()
        let before = try cli.checkpoint()
        let refused = try cli.run(["demo", "generate", "--participants", "2", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(refused.status == 2 && refused.stderr.contains("init --demo"), "\(refused)")
        #expect(try cli.checkpoint() == before)
        let demo = try CLI.initialized(demo: true)
        try demo.enrol(RecordTests.clinician, name: "Intervenante Exemple", roles: "clinician")
        #expect(try demo.run(["demo", "generate", "--participants", "2", "--as", RecordTests.clinician], env: Self.asEnrolled).status == 0)
    }

    @Test("an unknown --as never reaches the signed access log verbatim: a malformed one and an id nobody holds become digests keyed by the store, the same text the same digest, and both are raised")
    func unknownIdentity() throws {
        let cli = try Self.setUp()
        let typed = "Personne Fictive née le 2010-05-01 " + String(repeating: "x", count: 100_000)
        let long = try cli.run(["journey", "P-ABCDEF", "--as", typed])
        #expect(long.status == 2 && long.stderr.contains("--as") && long.stderr.utf8.count < 1_000, "\(long.stderr.prefix(300))")
        // A passphrase typed in the id's field has an id's syntax: it is never kept as typed.
        let unknown = try cli.run(["journey", "P-ABCDEF", "--as", "cheval-agrafe-batterie-lune"])
        #expect(unknown.status == 2)
        _ = try cli.run(["journey", "P-ABCDEF", "--as", "cheval-agrafe-batterie-lune"])
        let exported = try String(contentsOf: try cli.exportLog().appendingPathComponent("access.jsonl"), encoding: .utf8)
        #expect(!exported.contains("Personne Fictive") && !exported.contains("xxxxxxxxxx") && !exported.contains("cheval-agrafe"))
        let records = try CLI.records(in: cli.root.appendingPathComponent("export/access.jsonl")).compactMap { $0["envelope"]?["payload"]?["clear"] }
        let actors = records.filter { $0["outcome"] == "denied" }.compactMap { $0["actor"]?.stringValue }
        #expect(actors.count == 3 && actors.allSatisfy { $0.hasPrefix("unproven-") && $0.count == 25 } && actors[1] == actors[2] && actors[0] != actors[1],
                "\(actors)")
        // Keyed: not the plain SHA-256 anyone could compute from a guess.
        #expect(actors[1] != "unproven-" + String(Sodium.sha256(Array("cheval-agrafe-batterie-lune".utf8)).hex.prefix(16)))
        let audit = try cli.run(["audit", "anomalies", "--as", "rprp-exemple", "--json"], env: Self.asEnrolled)
        #expect(audit.status == 0, "\(audit)")
        #expect(audit.stdout.components(separatedBy: "unknown-actor").count - 1 == 3, "\(audit.stdout)")
    }
}
