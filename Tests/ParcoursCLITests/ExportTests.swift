import Foundation
import ParcoursLog
import Testing

/// `export log` writes the five files of LOG-FORMAT.md, which verify on their own;
/// any altered byte is caught and located.
@Suite("Export of the log")
struct ExportTests {
    /// A store with a few clear events, a sealed one and a directory change; the export of it.
    static func exported() throws -> (cli: CLI, export: URL, initOutput: JSONValue) {
        let cli = try CLI()
        let created = try cli.run(["init", "--origin", CLI.origin, "--admin", CLI.adminID])
        try #require(created.status == 0, "\(created)")
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        for n in 1...4 {
            let appended = try cli.append(eventLine(stream: "notes/export", data: ["note": .string("exemple-\(n)")]))
            try #require(appended.status == 0, "\(appended)")
        }
        let sealed = try cli.append(eventLine(stream: "participant/P-7Q4K2M", data: ["note": "texte scellé"]))
        try #require(sealed.status == 0, "\(sealed)")
        _ = try cli.events("notes/export") // one access record
        return (cli, try cli.exportLog(), try #require(try created.jsonLines().first))
    }

    @Test("The export holds exactly the five files and verifies on its own")
    func exportVerifies() throws {
        let (cli, export, initOutput) = try Self.exported()
        let files = try FileManager.default.contentsOfDirectory(atPath: export.path).sorted()
        #expect(files == ["access.checkpoint", "access.jsonl", "events.checkpoint", "events.jsonl", "log.vkey"])

        let vkey = try String(contentsOf: export.appendingPathComponent("log.vkey"), encoding: .utf8)
        #expect(vkey == (initOutput["logKey"]?.stringValue ?? "-") + "\n", "log.vkey is the key init announced")
        #expect(vkey.hasPrefix(CLI.origin + "+"))

        for log in ["events", "access"] {
            let records = try CLI.records(in: export.appendingPathComponent("\(log).jsonl"))
            let note = try String(contentsOf: export.appendingPathComponent("\(log).checkpoint"), encoding: .utf8)
            let body = try #require(checkpointBody(note))
            #expect(body.size == UInt64(records.count), "\(log).checkpoint covers every line")
            #expect(body.origin == (log == "events" ? CLI.origin : CLI.origin + "/access"))
            for (index, record) in records.enumerated() {
                #expect(record["envelope"]?["seq"]?.intValue == Int64(index))
            }
        }
        let events = try CLI.records(in: export.appendingPathComponent("events.jsonl"))
        #expect(events.count == 7, "log.created, actor.enrolled, four notes and one sealed event")
        #expect(try CLI.records(in: export.appendingPathComponent("access.jsonl")).count >= 1)

        let raw = try String(contentsOf: export.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(!raw.contains("texte scellé"), "a participant's data is sealed in the export")
        #expect(raw.contains("\"sealed\""))

        let verified = try cli.verify(["--export", export.path])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("7 events"), "\(verified.stdout)")
        let json = try #require(try cli.verify(["--json", "--export", export.path]).jsonLines().first)
        #expect(json["intact"] == true)
        #expect(json["events"]?["size"] == 7)
    }

    @Test("Exporting into a folder that already holds an export is refused")
    func exportDoesNotOverwrite() throws {
        let (cli, export, _) = try Self.exported()
        let before = try Data(contentsOf: export.appendingPathComponent("events.jsonl"))
        let again = try cli.run(["export", "log", "--out", export.path, "--as", CLI.adminID])
        #expect(again.status == 2, "\(again)")
        #expect(again.stderr.contains("--out"), "\(again.stderr)")
        #expect(try Data(contentsOf: export.appendingPathComponent("events.jsonl")) == before)
    }

    @Test("One flipped byte in events.jsonl fails verification at that record's seq")
    func flippedByte() throws {
        let (cli, export, _) = try Self.exported()
        let file = export.appendingPathComponent("events.jsonl")
        let original = try Data(contentsOf: file)
        let lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()

        // A readable change of a clear payload (exemple-2 → eyemple-2 in seq 3), then random bit flips in other records.
        var cases: [(offset: Int, seq: Int)] = []
        let needle = Data("\"exemple-2\"".utf8)
        let found = try #require(original.range(of: needle))
        cases.append((found.lowerBound + 2, 3))
        for seq in [0, 1, 5, 6] {
            let start = lines.prefix(seq).reduce(0) { $0 + $1.count + 1 }
            cases.append((start + Int.random(in: 0..<lines[lines.startIndex + seq].count), seq))
        }
        for (offset, seq) in cases {
            var altered = original
            altered[offset] ^= 0x01
            try altered.write(to: file)
            let result = try cli.verify(["--export", export.path])
            #expect(result.status == 1, "byte \(offset) flipped: \(result)")
            #expect(result.stdout.contains("events log at seq \(seq)"), "the report names the log and seq \(seq): \(result.stdout)")
            let json = try #require(try cli.verify(["--json", "--export", export.path]).jsonLines().first)
            #expect(json["intact"] == false)
            #expect(json["log"] == "events")
            #expect(json["seq"]?.intValue == Int64(seq), "byte \(offset): \(json)")
        }
        try original.write(to: file)
        #expect(try cli.verify(["--export", export.path]).status == 0, "the restored export verifies again")
    }

    @Test("A dropped last line or a missing file is caught")
    func truncatedExport() throws {
        let (cli, export, _) = try Self.exported()
        let file = export.appendingPathComponent("events.jsonl")
        let original = try Data(contentsOf: file)
        let lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        try Data(lines.dropLast().map { Data($0) + Data([0x0A]) }.joined()).write(to: file)
        let truncated = try cli.verify(["--export", export.path])
        #expect(truncated.status == 1, "a log shorter than its checkpoint: \(truncated)")

        try original.write(to: file)
        try FileManager.default.removeItem(at: export.appendingPathComponent("access.checkpoint"))
        let missing = try cli.verify(["--export", export.path])
        #expect(missing.status == 2, "a missing file is an I/O error, not a verdict: \(missing)")
        #expect(missing.stderr.contains("access.checkpoint"), "\(missing.stderr)")
    }

    @Test("An altered access log is caught in the access log")
    func alteredAccessLog() throws {
        let (cli, export, _) = try Self.exported()
        let file = export.appendingPathComponent("access.jsonl")
        var data = try Data(contentsOf: file)
        let found = try #require(data.range(of: Data("\"administration\"".utf8)))
        data[found.lowerBound + 1] ^= 0x01
        try data.write(to: file)
        let json = try #require(try cli.verify(["--json", "--export", export.path]).jsonLines().first)
        #expect(json["intact"] == false)
        #expect(json["log"] == "access")
        #expect(json["seq"] == 0)
    }
}
