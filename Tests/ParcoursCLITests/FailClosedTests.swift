import Foundation
import GRDB
import ParcoursLog
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a careless or hostile operator can break, and how Parcours fails closed: a research
/// export never exists without its access record; a backup is never written to; restoring
/// never goes behind what the log signed; `verify` sees a lost data key and a tampered projection.
@Suite("Failing closed against the operator")
struct FailClosedTests {
    /// A raw connection to a database file, as an operator with sqlite3 would have.
    static func raw(_ file: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: file)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction(body)
    }

    static func database(_ cli: CLI) -> String { cli.store.appendingPathComponent("parcours.sqlite").path }

    static func exportRecords(_ cli: CLI) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database(cli), configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM access_event WHERE type = 'access.export'") ?? 0 }
    }

    // MARK: Research export: record first, then publish

    @Test("a research export's directory never exists before its access record: the process stopped the moment it appears")
    func researchExportRecordsFirst() throws {
        let cli = try ResearchExportCLITests.setUp()
        for round in 0..<3 {
            let out = cli.path("recherche-\(round)")
            let (process, stdout, stderr) = try cli.makeProcess(
                ["export", "research", "--as", ResearchExportCLITests.researcher, "--project", "trajectoires", "--out", out, "--k", "2"],
                env: ResearchExportCLITests.asEnrolled)
            let before = try Self.exportRecords(cli)
            try process.run()
            var stopped = false
            while process.isRunning {
                if FileManager.default.fileExists(atPath: out) {
                    kill(process.processIdentifier, SIGSTOP)
                    stopped = true
                    break
                }
                usleep(50)
            }
            // Whatever the process had done when --out appeared, its record was already in the access log.
            var checkedWhileStopped = false
            if FileManager.default.fileExists(atPath: out) {
                do {
                    #expect(try Self.exportRecords(cli) == before + 1, "round \(round): --out exists without its access record")
                    checkedWhileStopped = true
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    // Stopped while closing the store (its last checkpoint holds the lock): the export was complete.
                }
            }
            if stopped { kill(process.processIdentifier, SIGCONT) }
            let result = try cli.finish(process, stdout: stdout, stderr: stderr)
            #expect(result.status == 0, "\(result)")
            if !checkedWhileStopped { #expect(try Self.exportRecords(cli) == before + 1) }
            // The record carries the hash of exactly the manifest published.
            let manifest = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
            let recorded = try ResearchExportCLITests.accessLog(cli).filter { $0.type == "access.export" }.last?.record
            #expect(recorded?["manifestSHA256"] == .string(IndependentSHA256.hex(IndependentSHA256.hash(Array(manifest)))))
        }
        // No private working directory is left beside the exports.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path).allSatisfy { !$0.hasPrefix(".parcours-export-") })
    }

    @Test("a research export whose access record cannot be written leaves no export and no working files")
    func researchExportUnrecordedLeavesNothing() throws {
        let cli = try ResearchExportCLITests.setUp()
        try Self.raw(Self.database(cli)) { db in
            try db.execute(sql: """
                CREATE TRIGGER test_access_log_full BEFORE INSERT ON access_event WHEN NEW.type = 'access.export'
                BEGIN SELECT RAISE(ABORT, 'access log unwritable (test)'); END
                """)
        }
        let out = cli.path("recherche")
        let result = try ResearchExportCLITests.export(cli, out: out, ["--k", "2"])
        #expect(result.status == 2, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path).allSatisfy { !$0.hasPrefix(".parcours-export-") })
        #expect(try Self.exportRecords(cli) == 0)
    }

    // MARK: Data keys

    @Test("verify exits 1 naming the participant whose data key was deleted outside an erasure; the schema refuses it first")
    func deletedDataKey() throws {
        let (cli, participant) = try RecordTests.admitted()
        #expect(throws: DatabaseError.self) {
            try Self.raw(Self.database(cli)) { try $0.execute(sql: "DELETE FROM data_key") }
        }
        #expect(try cli.verify().status == 0)
        try Self.raw(Self.database(cli)) { db in
            try db.execute(sql: "DROP TRIGGER data_key_delete_only_by_erasure")
            try db.execute(sql: "DELETE FROM data_key")
        }
        for env: [String: String?] in [[:], ["PARCOURS_MASTER_PASSPHRASE": nil]] {
            let result = try cli.verify(["--json"], env: env)
            #expect(result.status == 1, "\(result)")
            let report = try #require(try result.jsonLines().first)
            #expect(report["intact"] == false && report["log"] == "events")
            #expect(report["reason"]?.stringValue?.contains("participant/\(participant): no data key") == true, "\(report)")
        }
    }

    // MARK: Backups

    static func backup(_ cli: CLI, _ name: String) throws -> String {
        let file = cli.path(name)
        let result = try cli.run(["backup", "--out", file, "--as", CLI.adminID])
        try #require(result.status == 0, "\(result)")
        return file
    }

    @Test("a backup opens read-only: writing commands are refused with the way to restore, the file untouched")
    func backupIsReadOnly() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: "notes/a", data: ["i": 1])).status == 0)
        let file = try Self.backup(cli, "copie.sqlite")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let attempts: [[String]] = [
            ["append", "--as", CLI.adminID, "--store", file, "-"],
            ["actor", "add", "autre-exemple", "--name", "Autre Exemple", "--organization", "SPHÈRES", "--roles", "clinician",
             "--as", CLI.adminID, "--store", file],
            ["events", "notes/a", "--as", CLI.adminID, "--store", file],
        ]
        for arguments in attempts {
            let result = try cli.run(arguments, input: eventLine(stream: "notes/a", data: ["i": 2]))
            #expect(result.status == 2, "\(arguments[0]): \(result)")
            #expect(result.stderr.contains("read-only") && result.stderr.contains("parcours restore"), "\(result.stderr)")
        }
        // Verifying it signs nothing in it either.
        #expect(try cli.run(["verify", "--store", file]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == bytes, "the backup was written to")
        for suffix in ["-wal", "-journal"] { #expect(!FileManager.default.fileExists(atPath: file + suffix)) }

        // Copied by hand into a store directory, it is still a backup.
        let copied = cli.root.appendingPathComponent("copie-dossier")
        try FileManager.default.createDirectory(at: copied, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: file, toPath: copied.appendingPathComponent("parcours.sqlite").path)
        let append = try cli.run(["append", "--as", CLI.adminID, "--store", copied.path, "-"], input: eventLine(stream: "notes/a", data: ["i": 3]))
        #expect(append.status == 2, "\(append)")
        #expect(append.stderr.contains("parcours restore"), "\(append.stderr)")
        #expect(try Data(contentsOf: copied.appendingPathComponent("parcours.sqlite")) == bytes, "the copied backup was written to")
    }

    @Test("restoring a backup behind the latest checkpoint the log signed is refused; the store in service is untouched")
    func restoreRefusesGoingBehind() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: "notes/a", data: ["i": 1])).status == 0)
        let old = try Self.backup(cli, "ancienne.sqlite")
        try #require(try cli.append(eventLine(stream: "notes/a", data: ["i": 2])).status == 0)
        let signed = try cli.checkpoint()
        let before = try #require(try cli.verify(["--json"], env: ["PARCOURS_MASTER_PASSPHRASE": nil]).jsonLines().first)

        let result = try cli.run(["restore", "--from", old, "--as", CLI.adminID])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("behind the checkpoint") && result.stderr.contains("fork"), "\(result.stderr)")
        let after = try #require(try cli.verify(["--json"], env: ["PARCOURS_MASTER_PASSPHRASE": nil]).jsonLines().first)
        #expect(after["events"] == before["events"] && after["access"] == before["access"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.store.path).allSatisfy { !$0.contains("replaced") && !$0.hasPrefix(".parcours") })
        #expect(try cli.checkpoint() == signed)
        #expect(try cli.verify().status == 0)
    }

    @Test("restoring an up-to-date backup puts it in service: it verifies, takes writes, and the replaced store is kept aside")
    func restoreUpToDate() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: "notes/a", data: ["i": 1])).status == 0)
        let signed = try cli.checkpoint()
        let file = try Self.backup(cli, "copie.sqlite")
        let backupSize = try #require(checkpointBody(signed)?.size)
        // The store in service goes on without signing: the backup is not behind any checkpoint.
        try #require(try cli.append(eventLine(stream: "notes/a", data: ["i": 2])).status == 0)

        let notAdmin = try cli.run(["restore", "--from", file, "--as", "inconnu-exemple"])
        #expect(notAdmin.status == 2, "\(notAdmin)")

        let result = try cli.run(["restore", "--from", file, "--as", CLI.adminID])
        #expect(result.status == 0, "\(result)")
        let report = try #require(try result.jsonLines().first)
        #expect(report["events"]?.intValue == Int64(backupSize))
        let kept = try #require(report["replacedKeptAt"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: kept))

        let verified = try cli.verify(["--json"])
        #expect(verified.status == 0, "\(verified)")
        #expect(try verified.jsonLines().first?["events"]?["size"]?.intValue == Int64(backupSize))
        // In service again: it takes writes, and signs checkpoints that extend the one signed before.
        #expect(try cli.append(eventLine(stream: "notes/a", data: ["i": 3])).status == 0)
        let since = cli.path("since.note")
        try signed.write(toFile: since, atomically: true, encoding: .utf8)
        _ = try cli.checkpoint()
        #expect(try cli.verify(["--since", since]).status == 0)
        // The backup itself stays a backup.
        #expect(try cli.run(["append", "--as", CLI.adminID, "--store", file, "-"], input: eventLine(stream: "notes/a", data: ["i": 4])).status == 2)
    }

    // MARK: Projections

    /// A participant followed by the clinician, projections caught up, then the clinician released from the care team.
    static func released() throws -> (CLI, String) {
        let (cli, participant) = try ProjectionCLITests.followed()
        try #require(try cli.run(["projections", "catch-up", "--as", CLI.adminID]).status == 0)
        let release = RecordTests.act("careteam.released", participant: participant, at: "2026-11-22T10:00:00.000Z",
                                      ["clinician": .string(RecordTests.clinician)])
        let recorded = try RecordTests.record(cli, release)
        try #require(recorded.status == 0, "\(recorded)")
        return (cli, participant)
    }

    @Test("verify checks the projections against the log, and says so; without the master passphrase, says they were not checked")
    func projectionsChecked() throws {
        let (cli, _) = try Self.released()
        let verified = try cli.verify(["--json"])
        #expect(verified.status == 0, "\(verified)")
        let report = try #require(try verified.jsonLines().first)
        #expect(report["projections"]?["checked"] == true)
        #expect(report["dataKeys"]?["unwrapped"] == true && report["dataKeys"]?["streams"] == 1)
        let without = try cli.verify(["--json"], env: ["PARCOURS_MASTER_PASSPHRASE": nil])
        #expect(without.status == 0, "\(without)")
        let partial = try #require(try without.jsonLines().first)
        #expect(partial["projections"]?["checked"] == false)
        #expect(partial["dataKeys"]?["unwrapped"] == false)
        #expect(try cli.verify(env: ["PARCOURS_MASTER_PASSPHRASE": nil]).stdout.contains("projections not checked"))
    }

    @Test("a caseload position bumped over the release (the clinician would keep access): verify exits 1 naming caseload")
    func bumpedPosition() throws {
        let (cli, _) = try Self.released()
        try Self.raw(Self.database(cli)) { db in
            try db.execute(sql: "UPDATE projection_position SET position = (SELECT MAX(seq) + 1 FROM event) WHERE name = 'caseload'")
        }
        let result = try cli.verify(["--json"])
        #expect(result.status == 1, "\(result)")
        let report = try #require(try result.jsonLines().first)
        #expect(report["intact"] == false && report["projection"] == "caseload", "\(report)")
        let text = try cli.verify()
        #expect(text.status == 1 && text.stdout.contains("projection caseload differs from the log"), "\(text)")

        // Beyond the log's head, too.
        try Self.raw(Self.database(cli)) { db in
            try db.execute(sql: "UPDATE projection_position SET position = position + 5 WHERE name = 'program'")
        }
        let beyond = try #require(try cli.verify(["--json"]).jsonLines().first)
        #expect(beyond["projection"] == "program" && beyond["reason"]?.stringValue?.contains("beyond") == true, "\(beyond)")
    }

    @Test("a caseload row edited by hand: verify exits 1 naming caseload; a rebuild repairs it")
    func editedCaseloadRow() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try #require(try cli.run(["projections", "catch-up", "--as", CLI.adminID]).status == 0)
        try Self.raw(Self.database(cli)) { db in
            try db.execute(sql: "UPDATE caseload SET clinician = 'intruse-exemple' WHERE participant = ?", arguments: [participant])
        }
        let result = try cli.verify(["--json"])
        #expect(result.status == 1, "\(result)")
        #expect(try result.jsonLines().first?["projection"] == "caseload")
        try #require(try cli.run(["projections", "rebuild", "caseload", "--as", CLI.adminID]).status == 0)
        #expect(try cli.verify().status == 0)
    }
}
