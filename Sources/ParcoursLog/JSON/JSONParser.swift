/// A strict RFC 8259 parser for the subset the log format signs.
///
/// Refuses what would make canonical form ambiguous: numbers that are not
/// integers written plainly (`1.5`, `1e3`, `-0`… are refused), integers beyond
/// ±(2^53-1), duplicate member names, invalid UTF-8, lone surrogates, and input
/// nested deeper than `maxDepth`.
public struct JSONParser {
    /// The deepest nesting accepted.
    public static let maxDepth = 64

    /// Parses one JSON text (surrounding whitespace allowed).
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(JSONError) in
            var parser = Cursor(bytes: buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else {
                throw JSONError(offset: parser.index, reason: "unexpected content after the JSON value")
            }
            return value
        }
    }

    /// Parses one JSON text given as a string.
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func fail(_ reason: String) -> JSONError { JSONError(offset: index, reason: reason) }

        mutating func skipWhitespace() { JSONUnicodeEscape.skipWhitespace(in: bytes, at: &index) }

        mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
            guard depth <= JSONParser.maxDepth else { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
            guard index < bytes.count else { throw fail("unexpected end of input, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            default:
                // Literals and integers have one spelling, the canonical one: read as the canonical reader reads them.
                var reader = CanonicalJSONReader(bytes, at: index)
                let value = try reader.literalOrInteger()
                index = reader.index
                return value
            }
        }

        mutating func parseString() throws(JSONError) -> String {
            index += 1  // opening quote
            var scalars: [UInt8] = []
            var runStart = index
            while true {
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if scalars.isEmpty {
                        let text = try decodeUTF8(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        index += 1
                        return text
                    }
                    scalars.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    return try decodeUTF8(scalars)
                }
                if byte < 0x20 { throw fail("control character in string, it must be escaped") }
                if byte == UInt8(ascii: "\\") {
                    scalars.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    guard index < bytes.count else { throw fail("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case _ where CanonicalJSONReader.shortEscape(escape) != nil: scalars.append(CanonicalJSONReader.shortEscape(escape)!)
                    case UInt8(ascii: "/"): scalars.append(0x2F)
                    case UInt8(ascii: "u"):
                        let scalar = try parseUnicodeEscape()
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw fail("invalid escape sequence")
                    }
                    runStart = index
                    continue
                }
                index += 1
            }
        }

        mutating func parseUnicodeEscape() throws(JSONError) -> Unicode.Scalar {
            try JSONUnicodeEscape.scalar(in: bytes, at: &index)
        }

        func decodeUTF8(_ raw: [UInt8]) throws(JSONError) -> String {
            try raw.withUnsafeBufferPointer { (raw) throws(JSONError) -> String in try decodeUTF8(raw) }
        }

        func decodeUTF8(_ raw: UnsafeBufferPointer<UInt8>) throws(JSONError) -> String {
            // ASCII needs no validation (most names and ids); the generic validation cost more
            // than the rest of the parse.
            if !raw.contains(where: { $0 >= 0x80 }) { return String(decoding: raw, as: UTF8.self) }
            guard let text = String(validating: raw, as: UTF8.self) else { throw fail("invalid UTF-8 in string") }
            return text
        }

        mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                throw fail("expected , or ] in array")
            }
        }

        mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name in quotes")
                }
                let nameOffset = index
                let name = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected : after member name") }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                guard members.updateValue(value, forKey: name) == nil else {
                    throw JSONError(offset: nameOffset, reason: "duplicate member name")
                }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw fail("expected , or } in object")
            }
        }
    }
}
