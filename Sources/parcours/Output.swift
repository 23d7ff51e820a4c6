import Foundation
import ParcoursLog
import ParcoursApp

/// Writes what commands print: canonical JSON for programs, lines for people.
///
/// Lines for people and errors go through `TerminalText.neutralized`, so free text
/// (names, notes, justifications) never reaches a terminal as escape sequences.
enum Output {
    static func json(_ value: JSONValue) {
        print(CanonicalJSON.string(value))
    }

    /// A value of the projections as JSON, keys sorted, one line.
    static func encoded(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func line(_ text: String) {
        print(TerminalText.neutralized(text))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.neutralized(text) + "\n").utf8))
    }
}
