import Foundation
import ParcoursLog

/// Writes a projection (journey, rules' record, access facts) as the bytes Foundation's
/// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`, byte for byte,
/// without its intermediate tree: what is sealed in the projection tables, so stores
/// written before still open and the projections' digests still compare.
///
/// Members are written in the order the type encodes them, each value straight into one
/// buffer; when an object is complete its members are put in `JSONEncoder`'s order (by
/// the UTF-8 bytes of their names, the last of two of one name kept) in place. What this
/// writer does not do as `JSONEncoder` does — a fraction, `Date`, `Data`, `URL`, a nested
/// or super container, a value encoding nothing — is not guessed at: the value is encoded
/// by `JSONEncoder` instead (`encode` never gives other bytes than it).
struct ProjectionJSONEncoder {
    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The value's bytes, as `JSONEncoder` with sorted keys and unescaped slashes writes them.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONBytesWriter()
        if (try? writer.put(value)) != nil, !writer.unsupported {
            return writer.output
        }
        return [UInt8](try Self.foundation.encode(value))
    }
}
