import Foundation
import ParcoursLog

/// Writes what commands print: canonical JSON for programs, lines for people.
enum Output {
    static func json(_ value: JSONValue) {
        print(CanonicalJSON.string(value))
    }

    static func line(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
