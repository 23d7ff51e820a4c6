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
    private enum Text {
        /// An act's data from the log, copied to a tape only when it is read.
        case data(Data)
        /// A sealed projection's plaintext, read where it was decrypted (its opener wipes it after).
        case bytes([UInt8])
    }

    private let text: Text

    init(data: Data) { text = .data(data) }

    /// Reads `bytes` where they are, never copying them: a sealed projection's plaintext,
    /// which its opener wipes once read, so no copy of it is left behind in memory.
    init(bytes: [UInt8]) { text = .bytes(bytes) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch text {
        case .data(let data):
            if let decoded = try? JSONTapeDecoder().decode(type, from: Array(data)) { return decoded }
            return try FoundationActData(data: data).decode(type)
        case .bytes(let bytes):
            if let decoded = try? JSONTapeDecoder().decode(type, from: bytes) { return decoded }
            // `JSONDecoder` too reads them in place, through a `Data` that does not own them.
            return try bytes.withUnsafeBytes { raw in
                let data = raw.baseAddress.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: raw.count, deallocator: .none) } ?? Data()
                return try FoundationActData(data: data).decode(type)
            }
        }
    }

    /// The data read by hand (`ActReading`) when nothing in it is out of the ordinary, through
    /// `decode` otherwise: the same value either way, or the same refusal.
    func read<T: Decodable & ActReading.Readable>(_ type: T.Type) throws -> T {
        if let fields, let value = try? T(ActReading(fields: fields), at: 0) { return value }
        return try decode(type)
    }

    /// The data on a tape, for the domain to read an act by hand; nil when the log's reader
    /// refuses it (then `decode` reads it as `JSONDecoder` would).
    var fields: (any ActDataFields)? {
        let bytes = switch text {
        case .data(let data): Array(data)
        case .bytes(let bytes): bytes
        }
        return (try? JSONTape(bytes)).map(TapeFields.init)
    }
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
