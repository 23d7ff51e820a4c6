import Foundation
import ParcoursLog
import ParcoursSQLite
import Testing

/// `backup --out FILE` takes a consistent single-file copy while the store is in use.
@Suite("Backup of a store in use")
struct BackupTests {
    static func batch(_ n: Int, size: Int) -> Data {
        Data((0..<size).map { i in
            eventLine(type: "load.item", stream: "load/b\(n)", data: ["batch": .int(Int64(n)), "i": .int(Int64(i))])
        }.joined(separator: "\n").utf8)
    }

    @Test("A backup taken during appends verifies and opens with --store FILE")
    func backupWhileWriting() throws {
        let cli = try CLI.initialized()
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        let sealed = try cli.append(eventLine(stream: "participant/P-TEST01", data: ["note": "exemple"]))
        try #require(sealed.status == 0, "\(sealed)")

        // Writers keep appending while the backups are taken.
        var writers: [(ChildProcess, URL, URL)] = []
        for n in 0..<3 {
            let writer = try cli.makeProcess(["append", "--as", CLI.adminID, "-"], stdin: Self.batch(n, size: 2_000))
            try writer.process.run()
            writers.append(writer)
        }
        var backups: [String] = []
        for n in 0..<3 {
            let file = cli.path("copie-\(n).sqlite")
            let result = try cli.run(["backup", "--out", file, "--as", CLI.adminID])
            #expect(result.status == 0, "\(result)")
            #expect(try result.jsonLines().first?["backup"]?.stringValue == file)
            backups.append(file)
        }
        for (process, out, err) in writers {
            let result = try cli.finish(process, stdout: out, stderr: err)
            #expect(result.status == 0, "a writer during the backups: \(result)")
        }

        for file in backups {
            // A single file: no journal left beside it.
            for suffix in ["-wal", "-journal"] {
                #expect(!FileManager.default.fileExists(atPath: file + suffix), "\(file)\(suffix) should not exist")
            }
            let verified = try cli.run(["verify", "--json", "--store", file])
            #expect(verified.status == 0, "verify --store \(file): \(verified)")
            let report = try #require(try verified.jsonLines().first)
            #expect(report["intact"] == true)
            let size = try #require(report["events"]?["size"]?.intValue)
            // Each backup holds the first events and whole batches only.
            #expect((size - 3) % 2_000 == 0, "the backup holds whole batches (size \(size))")

            // The directory is in the copy. (`actor list` would record its read in the access log: refused on a
            // backup, which opens read-only; read here in-process.)
            let copy = try Store.open(at: file, readOnly: true)
            #expect(try copy.currentDirectory().actors.keys.sorted() == [CLI.adminID, "intervenante-exemple"])
            #expect(try copy.foundingAdminName() == CLI.adminName)

            // The copy keeps the sealed keys: the participant's data still opens from it. (`events` would record
            // the read in the access log: refused on a backup, which opens read-only — see FailClosedTests.)
            #expect(try cli.storedEvents("participant/P-TEST01", file: file).first?["data"]?["note"] == "exemple")
        }
        #expect(try cli.verify().status == 0, "the live store still verifies")
    }

    @Test("A backup never overwrites an existing file")
    func backupRefusesExistingFile() throws {
        let cli = try CLI.initialized()
        let file = cli.path("existant.sqlite")
        try Data("à garder".utf8).write(to: URL(fileURLWithPath: file))
        let result = try cli.run(["backup", "--out", file, "--as", CLI.adminID])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("already exists"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("à garder".utf8))
    }

    @Test("The backup's checkpoint equals the store's at the same size")
    func backupMatchesStore() throws {
        let cli = try CLI.initialized()
        let appended = try cli.run(["append", "--as", CLI.adminID, "-"], stdin: Self.batch(0, size: 50))
        try #require(appended.status == 0, "\(appended)")
        let note = try cli.checkpoint()
        let file = cli.path("copie.sqlite")
        try #require(try cli.run(["backup", "--out", file, "--as", CLI.adminID]).status == 0)
        let fromBackup = try cli.run(["checkpoint", "--store", file])
        #expect(fromBackup.status == 0, "\(fromBackup)")
        #expect(fromBackup.stdout == note)
        let since = cli.path("since.note")
        try note.write(toFile: since, atomically: true, encoding: .utf8)
        #expect(try cli.run(["verify", "--store", file, "--since", since]).status == 0)
    }
}
