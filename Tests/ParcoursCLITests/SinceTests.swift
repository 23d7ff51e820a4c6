import Foundation
import GRDB
import ParcoursLog
import Testing

/// `verify --since OLD` proves that today's log extends a checkpoint someone kept.
@Suite("Verify against an older checkpoint")
struct SinceTests {
    static func appendNotes(_ cli: CLI, count: Int, tag: String) throws {
        let lines = (0..<count).map { eventLine(stream: "notes/\(tag)", data: ["i": .int(Int64($0))]) }
        let result = try cli.append(lines.joined(separator: "\n"))
        try #require(result.status == 0, "\(result)")
    }

    @Test("verify --since an old checkpoint passes after more appends")
    func sinceOldCheckpoint() throws {
        let cli = try CLI.initialized()
        try Self.appendNotes(cli, count: 5, tag: "a")
        let old = try cli.checkpoint()
        let oldFile = cli.path("ancien.checkpoint")
        try old.write(toFile: oldFile, atomically: true, encoding: .utf8)
        let oldAccess = cli.path("ancien-acces.checkpoint")
        _ = try cli.events("notes/a")
        try cli.checkpoint(access: true).write(toFile: oldAccess, atomically: true, encoding: .utf8)

        try Self.appendNotes(cli, count: 7, tag: "b")
        _ = try cli.events("notes/b")
        let new = try cli.checkpoint()
        #expect(new != old)
        #expect(checkpointBody(new)?.size == 13)

        let text = try cli.verify(["--since", oldFile])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("consistent with the --since checkpoint"), "\(text.stdout)")
        let json = try #require(try cli.verify(["--json", "--since", oldFile]).jsonLines().first)
        #expect(json["since"] == "consistent")
        #expect(json["intact"] == true)

        // The access log's checkpoint works the same way.
        #expect(try cli.verify(["--since", oldAccess]).status == 0)

        // And so does an export, checked against the same old checkpoint.
        let export = try cli.exportLog()
        let fromExport = try cli.verify(["--export", export.path, "--since", oldFile])
        #expect(fromExport.status == 0, "\(fromExport)")

        // The current checkpoint is its own trivial case.
        let newFile = cli.path("nouveau.checkpoint")
        try new.write(toFile: newFile, atomically: true, encoding: .utf8)
        #expect(try cli.verify(["--since", newFile]).status == 0)
    }

    @Test("verify signs a fresh checkpoint of exactly what it verified, when the master passphrase is given")
    func freshCheckpoint() throws {
        let cli = try CLI.initialized()
        try Self.appendNotes(cli, count: 4, tag: "f")
        let report = try #require(try cli.verify(["--json"]).jsonLines().first)
        let note = try #require(report["checkpoint"]?.stringValue)
        let body = try #require(checkpointBody(note))
        #expect(body.size == report["events"]?["size"]?.intValue.map(UInt64.init))
        #expect(body.root.hex == report["events"]?["root"]?.stringValue)
        let vkey = try NoteVerifier(text: try String(contentsOf: try cli.exportLog().appendingPathComponent("log.vkey"), encoding: .utf8))
        #expect(throws: Never.self) { try vkey.open(note: note) }
        // Without the master passphrase, verify still verifies and signs nothing.
        let unsigned = try #require(try cli.verify(["--json"], env: ["PARCOURS_MASTER_PASSPHRASE": nil]).jsonLines().first)
        #expect(unsigned["intact"] == true && unsigned["checkpoint"] == nil)
    }

    @Test("A checkpoint signed by another store's key is refused with exit 2")
    func foreignCheckpoint() throws {
        let cli = try CLI.initialized()
        try Self.appendNotes(cli, count: 3, tag: "a")
        // The same origin name, but another log key.
        let other = try CLI.initialized()
        try Self.appendNotes(other, count: 3, tag: "a")
        let foreign = cli.path("autre.checkpoint")
        try other.checkpoint().write(toFile: foreign, atomically: true, encoding: .utf8)

        let result = try cli.verify(["--since", foreign])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("not signed by this log's key"), "\(result.stderr)")
        let onExport = try cli.verify(["--export", try cli.exportLog().path, "--since", foreign])
        #expect(onExport.status == 2, "\(onExport)")

        // Another origin is refused too.
        let elsewhere = try CLI.initialized(origin: "ailleurs.example/parcours")
        let elsewhereFile = cli.path("ailleurs.checkpoint")
        try elsewhere.checkpoint().write(toFile: elsewhereFile, atomically: true, encoding: .utf8)
        #expect(try cli.verify(["--since", elsewhereFile]).status == 2)
    }

    @Test("An altered or missing --since file is refused with exit 2")
    func badSinceFile() throws {
        let cli = try CLI.initialized()
        try Self.appendNotes(cli, count: 3, tag: "a")
        let note = try cli.checkpoint()
        let body = try #require(checkpointBody(note))

        // Claim a larger size under the same signature.
        let forged = note.replacingOccurrences(of: "\n\(body.size)\n", with: "\n\(body.size + 1)\n")
        #expect(forged != note)
        let forgedFile = cli.path("falsifie.checkpoint")
        try forged.write(toFile: forgedFile, atomically: true, encoding: .utf8)
        let result = try cli.verify(["--since", forgedFile])
        #expect(result.status == 2, "\(result)")

        let missing = try cli.verify(["--since", cli.path("absent.checkpoint")])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("absent.checkpoint"), "\(missing.stderr)")
    }

    @Test("A validly signed checkpoint the log does not extend is an integrity failure")
    func forkedCheckpoint() throws {
        // Two stores cannot share a key through the CLI, but a backup can: the copy then diverges.
        let cli = try CLI.initialized()
        try Self.appendNotes(cli, count: 3, tag: "a")
        let copy = cli.path("copie.sqlite")
        try #require(try cli.run(["backup", "--out", copy, "--as", CLI.adminID]).status == 0)
        try Self.appendNotes(cli, count: 2, tag: "original")
        // A backup opens read-only; an operator who strips its mark by hand and puts it in a store directory
        // gets other events at the same positions, and a checkpoint signed for them.
        let fork = cli.root.appendingPathComponent("fourche")
        try FileManager.default.createDirectory(at: fork, withIntermediateDirectories: false)
        let forkFileDB = fork.appendingPathComponent("parcours.sqlite").path
        try FileManager.default.copyItem(atPath: copy, toPath: forkFileDB)
        let queue = try DatabaseQueue(path: forkFileDB)
        try queue.write { try $0.execute(sql: "DELETE FROM store_info WHERE name = 'backupTakenAt'") }
        try queue.close()
        let forked = try cli.run(["append", "--as", CLI.adminID, "--store", fork.path, "-"],
                                 input: (0..<4).map { eventLine(stream: "notes/fork", data: ["i": .int(Int64($0))]) }.joined(separator: "\n"))
        try #require(forked.status == 0, "\(forked)")
        let forkNote = try cli.run(["checkpoint", "--store", fork.path])
        try #require(forkNote.status == 0, "\(forkNote)")
        let forkFile = cli.path("fourche.checkpoint")
        try forkNote.stdout.write(toFile: forkFile, atomically: true, encoding: .utf8)

        // The original has 6 events; the fork's checkpoint is at 8: it cannot be extended.
        try Self.appendNotes(cli, count: 4, tag: "original")
        let result = try cli.verify(["--since", forkFile])
        #expect(result.status == 1, "a signed checkpoint of a fork must not pass: \(result)")
        #expect(result.stdout.contains("events log"), "\(result.stdout)")
    }
}
