import Foundation
import ParcoursClinical
import ParcoursLog

/// JSON read by the log's own reader (`JSONTapeDecoder`: the bytes read once into a flat
/// tape, members not asked for let through, as `JSONDecoder` does): an act's data for the
/// projections' folds, a sealed journey or record for a catch-up.
///
/// The decoder lives with the parser in `ParcoursLog` (it knows nothing clinical) and is
/// handed to the domain through `ActDataDecoding`: `ParcoursClinical` keeps depending on
/// Foundation only, keeps the act types, versions and upcasting, and this module, which
/// sees both, wires them. Foundation's `JSONDecoder` was about a quarter of a rebuild.
///
/// What this reader refuses (what the log never holds: a fraction, a duplicate member, or
/// data the type does not read) is read again by `JSONDecoder`, so what is decoded, and
/// what is not, stays exactly what the `Codable` path gives.
struct ParsedJSONData: ActDataDecoding {
    /// The JSON text, shared with whoever handed it over (never copied to be read).
    let bytes: [UInt8]

    init(data: Data) { bytes = [UInt8](data) }

    /// Reads `bytes` where they are: a sealed projection's plaintext is read, then wiped by its
    /// opener, with no copy of it left behind in memory (only `decode`'s rare second reading by
    /// `JSONDecoder` makes one).
    init(bytes: [UInt8]) { self.bytes = bytes }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let decoded = try? JSONTapeDecoder().decode(type, from: bytes) { return decoded }
        return try FoundationActData(data: Data(bytes)).decode(type)
    }

    /// The data read by hand (`ActReading`) when nothing in it is out of the ordinary, through
    /// `decode` otherwise: the same value either way, or the same refusal.
    func read<T: Decodable & ActReading.Readable>(_ type: T.Type) throws -> T {
        if let fields, let value = try? T(ActReading(fields: fields), at: 0) { return value }
        return try decode(type)
    }

    /// The data on a tape, for the domain to read an act by hand; nil when the log's reader
    /// refuses it (then `decode` reads it as `JSONDecoder` would).
    var fields: (any ActDataFields)? { (try? JSONTape(bytes)).map(TapeFields.init) }
}

/// A tape as the domain reads an act from it.
struct TapeFields: ActDataFields {
    let tape: JSONTape

    func kind(at position: Int) -> ActValueKind {
        switch tape.kind(at: position) {
        case .null: .null
        case .bool: .bool
        case .int: .integer
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    func member(_ name: StaticString, of object: Int) -> Int? { tape.member(name, of: object) }
    func text(at position: Int) -> String { tape.text(at: position) }
    func integer(at position: Int) -> Int64 { tape.integer(at: position) }
    func truth(at position: Int) -> Bool { tape.truth(at: position) }
    func count(at position: Int) -> Int { tape.count(at: position) }
    func after(_ position: Int) -> Int { tape.after(position) }
}
