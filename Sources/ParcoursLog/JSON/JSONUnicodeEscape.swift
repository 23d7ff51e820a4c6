/// What `JSONParser` and `JSONTape` both read by the same rules: the whitespace between
/// tokens, and a `\uXXXX` escape of a JSON string, a surrogate pair read whole (a lone
/// surrogate is refused); and, for them and `CanonicalJSONReader`, the run of a string's
/// bytes that needs no look.
enum JSONUnicodeEscape {
    /// Moves `index` past string bytes that need no look — none is `"`, `\`, a control
    /// character or part of a multi-byte scalar — eight at a time, while eight remain, up to
    /// the first byte that does: a record's ciphertext and most text are such runs, and a
    /// short name ends at its quote in one step. The reader then reads byte by byte from
    /// where it stopped, as before; a run it could have skipped is only read slower.
    static func skipPlainText(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) {
        ByteWords.skip(in: bytes, at: &index) { word in
            ByteWords.equal(word, 0x22) | ByteWords.equal(word, 0x5C) | ByteWords.below(word, 0x20) | ByteWords.high(word)
        }
    }


    /// Moves `index` past the JSON whitespace (space, tab, line feed, carriage return) there.
    static func skipWhitespace(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Reads the scalar whose hex digits start at `index` (just after `\u`); moves `index` past it.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) throws(JSONError) -> Unicode.Scalar {
        let high = try hex4(bytes, &index)
        if (0xD800...0xDBFF).contains(high) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw JSONError(offset: index, reason: "lone high surrogate in \\u escape") }
            index += 2
            let low = try hex4(bytes, &index)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONError(offset: index, reason: "invalid low surrogate in \\u escape") }
            guard let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                throw JSONError(offset: index, reason: "invalid code point")
            }
            return scalar
        }
        guard !(0xDC00...0xDFFF).contains(high), let scalar = Unicode.Scalar(high) else {
            throw JSONError(offset: index, reason: "lone low surrogate in \\u escape")
        }
        return scalar
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONError(offset: index, reason: "truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONError(offset: index, reason: "invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
