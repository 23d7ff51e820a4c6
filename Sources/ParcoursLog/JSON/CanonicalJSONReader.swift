/// Reads RFC 8785 (JCS) canonical JSON in one pass, refusing every byte JCS would not write.
///
/// `JSONParser` builds a tree, and the format's checks then write it back with
/// `CanonicalJSON` to compare bytes; this reader checks canonical form as it goes and
/// builds nothing it is not asked for: no whitespace; members in UTF-16 order, none
/// repeated; integers written shortest, within ±(2^53-1); strings as raw UTF-8 with
/// exactly the escapes JCS writes (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and `\u00xx`
/// in lowercase for the other control characters). It accepts exactly the texts that
/// `JSONParser` parses and `CanonicalJSON` writes back unchanged (a differential test
/// holds the two together), so a reader built on it never changes a verdict.
///
/// The bytes are borrowed: use the reader inside `withUnsafeBufferPointer`.
public struct CanonicalJSONReader {
    /// A string as it stands in the input: the bytes between its quotes.
    public struct StringToken {
        /// The range of the bytes between the quotes.
        public var range: Range<Int>
        /// Whether it holds escapes (its text then differs from its bytes).
        public var isEscaped: Bool
        /// Whether every byte is ASCII.
        public var isASCII: Bool
    }

    public let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    public private(set) var index: Int

    public init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { index == bytes.count }

    /// The next byte, or nil at the end.
    public var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func fail(_ reason: String) -> JSONError { JSONError(offset: index, reason: reason) }

    /// Reads `literal` exactly (structure the caller knows: member names, separators).
    public mutating func expect(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, literal.utf8Start, count) == 0 else {
            throw fail("not in canonical form: expected \(literal)")
        }
        index += count
    }

    /// Reads `byte` if it is next.
    public mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads one canonical value, building it (for the parts of a record kept as JSON).
    /// `depth` counts the containers around it, as `JSONParser` does.
    public mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object(depth: depth))
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONValue] = []
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat { elements.append(try value(depth: depth + 1)) } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "]")) else { throw fail("not in canonical form: expected , or ] in array") }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(try string())
        default: return try literalOrInteger()
        }
    }

    /// Reads `true`, `false`, `null` or an integer: spelled alike in any JSON text that
    /// `JSONParser` accepts and in canonical form, so the parser reads them here too.
    public mutating func literalOrInteger() throws(JSONError) -> JSONValue {
        func literal(_ text: StaticString) throws(JSONError) {
            guard index + text.utf8CodeUnitCount <= bytes.count,
                  memcmp(bytes.baseAddress! + index, text.utf8Start, text.utf8CodeUnitCount) == 0
            else { throw fail("invalid literal, expected true, false or null") }
            index += text.utf8CodeUnitCount
        }
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try integer())
        default: throw fail("unexpected character, expected a value")
        }
    }

    /// Reads one canonical object, its members in UTF-16 order of their names.
    public mutating func object(depth: Int) throws(JSONError) -> [String: JSONValue] {
        guard depth <= JSONParser.maxDepth else { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
        guard consume(UInt8(ascii: "{")) else { throw fail("expected an object") }
        var members: [String: JSONValue] = [:]
        if consume(UInt8(ascii: "}")) { return members }
        var previous: (token: StringToken, name: String)?
        repeat {
            let nameOffset = index
            let token = try stringToken()
            let name = text(of: token)
            if let previous, !precedes(previous, (token, name)) {
                throw JSONError(offset: nameOffset, reason: "not in canonical form: member names out of order or repeated")
            }
            guard consume(UInt8(ascii: ":")) else { throw fail("not in canonical form: expected : after member name") }
            let member = try value(depth: depth + 1)
            // Names equal as Swift strings (canonically equivalent) are one name, as for `JSONParser`.
            guard members.updateValue(member, forKey: name) == nil else {
                throw JSONError(offset: nameOffset, reason: "duplicate member name")
            }
            previous = (token, name)
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw fail("not in canonical form: expected , or } in object") }
        return members
    }

    /// Whether a member name sorts strictly before another in JCS order (UTF-16 code units).
    private func precedes(_ left: (token: StringToken, name: String), _ right: (token: StringToken, name: String)) -> Bool {
        if left.token.isASCII && right.token.isASCII && !left.token.isEscaped && !right.token.isEscaped {
            let a = UnsafeBufferPointer(rebasing: bytes[left.token.range]), b = UnsafeBufferPointer(rebasing: bytes[right.token.range])
            return a.lexicographicallyPrecedes(b)
        }
        return left.name.utf16.lexicographicallyPrecedes(right.name.utf16)
    }

    /// Reads one canonical integer.
    public mutating func integer() throws(JSONError) -> Int64 {
        let start = index
        let negative = consume(UInt8(ascii: "-"))
        guard let first = peek, isDigit(first) else { throw fail("invalid number") }
        var magnitude: Int64 = 0
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek, isDigit(next) { throw fail("leading zeros are not allowed in numbers") }
        } else {
            while let digit = peek, isDigit(digit) {
                magnitude = magnitude * 10 + Int64(digit - UInt8(ascii: "0"))
                guard magnitude <= JSONValue.maxSafeInteger else {
                    index = start
                    throw fail("number out of range: only integers in [-(2^53-1), 2^53-1] are accepted")
                }
                index += 1
            }
        }
        if let next = peek, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            index = start
            throw fail("non-integer number: only integers in [-(2^53-1), 2^53-1] are accepted")
        }
        if negative && magnitude == 0 {
            index = start
            throw fail("-0 is not accepted: write 0")
        }
        return negative ? -magnitude : magnitude
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Reads one canonical string and returns its text.
    public mutating func string() throws(JSONError) -> String {
        text(of: try stringToken())
    }

    /// Reads one canonical string without making its text: its bytes are checked (valid
    /// UTF-8, no lone surrogate, only JCS's escapes) and their range returned.
    public mutating func stringToken() throws(JSONError) -> StringToken {
        guard consume(UInt8(ascii: "\"")) else { throw fail("expected a string") }
        let start = index
        var escaped = false
        var ascii = true
        let count = bytes.count
        while true {
            JSONUnicodeEscape.skipPlainText(in: bytes, at: &index)
            guard index < count else { throw fail("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return StringToken(range: start..<(index - 1), isEscaped: escaped, isASCII: ascii)
            }
            if byte < 0x20 { throw fail("control character in string, it must be escaped") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try escape()
            } else if byte < 0x80 {
                index += 1
            } else {
                ascii = false
                try scalar(lead: byte)
            }
        }
    }

    /// One escape, as JCS writes it: the short forms, or `\u00xx` for other control characters.
    private mutating func escape() throws(JSONError) {
        guard index + 1 < bytes.count else { throw fail("unterminated escape") }
        if Self.shortEscape(bytes[index + 1]) != nil {
            index += 2
            return
        }
        switch bytes[index + 1] {
        case UInt8(ascii: "u"):
            guard index + 6 <= bytes.count, bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0"),
                  let high = Self.lowerHex(bytes[index + 4]), high < 2, let low = Self.lowerHex(bytes[index + 5])
            else { throw fail("not in canonical form: \\u escapes only control characters, in lowercase") }
            switch high << 4 | low {
            case 0x08, 0x09, 0x0A, 0x0C, 0x0D: throw fail("not in canonical form: this control character has a short escape")
            default: index += 6
            }
        default:
            throw fail("not in canonical form: invalid or needless escape")
        }
    }

    /// The byte a short escape (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`) stands for, or nil.
    static func shortEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    private static func lowerHex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// One multi-byte UTF-8 scalar, well formed (Unicode table 3-7: no overlong form, no surrogate, at most U+10FFFF).
    private mutating func scalar(lead: UInt8) throws(JSONError) {
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: throw fail("invalid UTF-8 in string")
        }
        guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { throw fail("invalid UTF-8 in string") }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { throw fail("invalid UTF-8 in string") }
        index += length
    }

    /// The text of a string read by `stringToken`.
    public func text(of token: StringToken) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.range])
        guard token.isEscaped else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var position = 0
        while position < raw.count {
            let byte = raw[position]
            guard byte == UInt8(ascii: "\\") else {
                unescaped.append(byte)
                position += 1
                continue
            }
            if let short = Self.shortEscape(raw[position + 1]) {
                unescaped.append(short)
            } else {  // \u00xx, the only other escape a canonical string holds
                unescaped.append(Self.lowerHex(raw[position + 4])! << 4 | Self.lowerHex(raw[position + 5])!)
                position += 4
            }
            position += 2
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
