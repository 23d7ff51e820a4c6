import ArgumentParser
import Foundation
import ParcoursLog
import ParcoursStore

struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append events (one JSON object, or JSON Lines as one atomic batch); low-level, admin only.",
        discussion: """
            Each event is {"type", "stream", "data", "id"?, "expectedVersion"?}. Participant streams are sealed
            automatically. Prints the seq, id and leaf hash of each event as JSON Lines.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "A file of events, or - for standard input.") var file: String

    /// The largest input accepted: a batch of at most 1,000 events of the largest size.
    static let maxInputBytes = 64 << 20

    func run() throws {
        let drafts = try Self.parse(try Self.readInput(file))
        let session = try ReadSession.open(store, as: signer, view: .maintenance)
        try session.authorize(.maintenance, purpose: .administration, details: ["command": "append"], kind: "write")
        for result in try session.store.append(drafts, by: session.author, master: session.trail.master) { Output.json(result.json) }
    }

    static func readInput(_ file: String) throws -> [UInt8] {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw CommandError("cannot read \(file)") }
            handle = opened
        }
        let data = try handle.read(upToCount: Self.maxInputBytes + 1) ?? Data()
        guard data.count <= Self.maxInputBytes else { throw CommandError("input larger than \(Self.maxInputBytes >> 20) MiB") }
        return Array(data)
    }

    /// One JSON object, or JSON Lines (blank lines ignored); errors name the line.
    static func parse(_ bytes: [UInt8]) throws -> [EventDraft] {
        let values = try parseJSON(bytes)
        return try values.enumerated().map { index, value in try draft(value, line: values.count > 1 ? index + 1 : nil) }
    }

    /// The JSON values of an input: one object, or one per line (blank lines ignored).
    static func parseJSON(_ bytes: [UInt8]) throws -> [JSONValue] {
        if let single = try? JSONParser.parse(bytes) { return [single] }
        var values: [JSONValue] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            do { values.append(try JSONParser.parse(line)) } catch { throw CommandError("line \(index + 1): \(error)") }
        }
        guard !values.isEmpty else { throw CommandError("no event in the input") }
        guard values.count <= 10_000 else { throw CommandError("at most 10,000 events in one batch") }
        return values
    }

    private static func draft(_ value: JSONValue, line: Int?) throws -> EventDraft {
        do { return try EventDraft(json: value) } catch {
            throw CommandError((line.map { "line \($0): " } ?? "") + error.reason)
        }
    }
}

extension Store {
    func currentDirectoryHolds(_ actor: String, role: String) -> Bool {
        (try? currentDirectory().activeActor(actor)?.holds(role)) == true
    }
}
