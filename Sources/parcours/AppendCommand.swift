import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursLog
import ParcoursFiles

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append events (one JSON object, or JSON Lines as one atomic batch); low-level, admin only.",
        discussion: """
            Each event is {"type", "stream", "data", "id"?, "expectedVersion"?}. Participant streams are sealed
            automatically. Prints the seq, id and leaf hash of each event as JSON Lines. At most 1 MiB per event as \
            written, 16 MiB and 10,000 events per input; a larger input is refused before it is read further.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "A file of events, or - for standard input.") var file: String

    /// The largest act or event accepted, as written in the input: its data is at most 256 KiB as
    /// canonical JSON (`EventDraft.maxDataBytes`), and 1 MiB leaves room for indentation and escapes.
    static let maxItemBytes = 1 << 20
    /// The largest input accepted (one batch); it is never read further, so nothing larger is held in memory.
    static let maxInputBytes = 16 << 20
    /// The most acts or events in one batch.
    static let maxItems = 10_000

    func run() async throws {
        let drafts = try Self.parse(try Self.readInput(file))
        for result in try await store.caseRecord().append(drafts, by: signer.identity) { Output.json(result.json) }
    }

    /// The bytes of `file` (or standard input for -), refused past `limit` before more is read.
    static func readInput(_ file: String, limit: Int = maxInputBytes) throws -> [UInt8] {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw CommandError("cannot read \(file)") }
            handle = opened
        }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw CommandError("cannot read \(file): \(PrivateFile.reason(of: error))")
        }
        guard data.count <= limit else {
            throw CommandError("input larger than \(limit >> 20) MiB, the limit of one batch; split it into several")
        }
        return Array(data)
    }

    /// One JSON object, or JSON Lines (blank lines ignored); errors name the line.
    static func parse(_ bytes: [UInt8]) throws -> [EventDraft] {
        let values = try parseJSON(bytes)
        return try values.enumerated().map { index, value in try draft(value, line: values.count > 1 ? index + 1 : nil) }
    }

    /// The JSON values of an input: one value (which may span several lines, pretty-printed),
    /// or one per line (blank lines ignored). Each is refused past `maxItemBytes` before it is
    /// parsed; an error gives its line and column.
    static func parseJSON(_ bytes: [UInt8]) throws -> [JSONValue] {
        var whole: JSONError?
        if bytes.count <= maxItemBytes {
            do { return [try JSONParser.parse(bytes)] } catch { whole = error }
        }
        var values: [JSONValue] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let start = line.startIndex  // an offset in `bytes`
            guard let end = line.lastIndex(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            guard line.count <= maxItemBytes else {
                throw CommandError("line \(index + 1): larger than \(maxItemBytes >> 20) MiB, the limit of one act or event")
            }
            do { values.append(try JSONParser.parse(line)) } catch {
                // The first value goes on past its line: the input is one value over several lines.
                if values.isEmpty, start + error.offset > end {
                    guard let whole else {
                        throw CommandError("line \(index + 1): the JSON value goes on past its line; a value over several lines "
                                           + "(pretty-printed) is accepted only as the whole input, at most \(maxItemBytes >> 20) MiB")
                    }
                    throw CommandError(located(whole, in: bytes))
                }
                throw CommandError(located(JSONError(offset: start + error.offset, reason: error.reason), in: bytes))
            }
            guard values.count <= maxItems else { throw CommandError("at most 10,000 events in one batch") }
        }
        guard !values.isEmpty else { throw CommandError("no event in the input") }
        return values
    }

    /// "line L, column C: invalid JSON: reason", the column counted in characters.
    static func located(_ error: JSONError, in bytes: [UInt8]) -> String {
        let offset = min(error.offset, bytes.count)
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].count(where: { $0 == 0x0A }) + 1
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return "line \(line), column \(column): invalid JSON: \(error.reason)"
    }

    private static func draft(_ value: JSONValue, line: Int?) throws -> EventDraft {
        do { return try EventDraft(json: value) } catch {
            throw CommandError((line.map { "line \($0): " } ?? "") + error.reason)
        }
    }
}
