import Foundation
import ParcoursLog
import Testing

/// LOG-FORMAT.md: "Every read, search, export and denied request becomes a record of
/// a second log", whose payload is metadata only, never clinical content.
@Suite("The access log")
struct AccessLogTests {
    static let marker = "TEMOIN-ACCES-3K9P"

    /// The size of the access log, from its signed checkpoint.
    static func accessSize(_ cli: CLI) throws -> UInt64 {
        try #require(checkpointBody(try cli.checkpoint(access: true))).size
    }

    @Test("Reading a participant's events is recorded, with metadata and without the content")
    func readIsRecorded() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: "participant/P-7Q4K2M", data: ["note": .string(Self.marker)])).status == 0)
        let before = try Self.accessSize(cli)
        let read = try cli.events("participant/P-7Q4K2M")
        #expect(read.first?["content"] == "sealed" && read.first?["data"] == nil, "an administrator sees that the act exists, not what it says")
        #expect(try cli.storedEvents("participant/P-7Q4K2M").first?["data"]?["note"]?.stringValue == Self.marker)
        #expect(try Self.accessSize(cli) == before + 1, "one access record per read")

        let export = try cli.exportLog()
        let raw = try String(contentsOf: export.appendingPathComponent("access.jsonl"), encoding: .utf8)
        #expect(!raw.contains(Self.marker), "the access log never carries clinical content")
        let records = try CLI.records(in: export.appendingPathComponent("access.jsonl"))
        let reads = records.compactMap { $0["envelope"] }.filter { $0["type"] == "access.read" }
        let record = try #require(reads.last)
        #expect(record["stream"] == "access")
        #expect(record["log"]?.stringValue == CLI.origin + "/access")
        #expect(record["author"]?["actor"] == "log")
        let payload = try #require(record["payload"]?["clear"])
        #expect(payload["actor"]?.stringValue == CLI.adminID)
        #expect(payload["participant"] == "P-7Q4K2M")
        #expect(payload["outcome"] == "permitted")
        #expect(try cli.verify(["--export", export.path]).status == 0)
    }

    @Test("An export of the log is recorded in the access log")
    func exportIsRecorded() throws {
        let cli = try CLI.initialized()
        let before = try Self.accessSize(cli)
        _ = try cli.exportLog()
        let after = try Self.accessSize(cli)
        #expect(after == before + 1, "the export left no trace in the access log")
    }

    @Test("A denied read is recorded in the access log")
    func deniedReadIsRecorded() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: "participant/P-7Q4K2M", data: ["note": "x"])).status == 0)
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        let before = try Self.accessSize(cli)
        let denied = try cli.run(["events", "participant/P-7Q4K2M", "--as", "intervenante-exemple"],
                                 env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
        #expect(denied.status == 2, "\(denied)")
        #expect(denied.stderr.contains("not in the care team"), "\(denied.stderr)")
        #expect(!denied.stdout.contains("\"x\""), "nothing is shown to a denied reader")
        let after = try Self.accessSize(cli)
        #expect(after == before + 1, "the denied request left no trace in the access log")
    }
}
