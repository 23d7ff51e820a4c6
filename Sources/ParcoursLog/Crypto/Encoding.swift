
/// Lowercase hexadecimal, as the format writes hashes.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes lowercase hex only; uppercase or odd lengths are refused.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    /// Decodes lowercase hex from its UTF-8 bytes (a record line read in place).
    public static func decode(bytes utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    /// Each byte's digit value, 0xFF for anything but 0-9 and a-f.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, digit) in digits.enumerated() { table[Int(digit)] = UInt8(index) }
        return table
    }()

    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// RFC 4648 §4 base64, standard alphabet with padding, canonical only.
///
/// Written here rather than with libsodium's constant-time codec: everything the
/// log encodes in base64 is public (keys, signatures, ciphertexts), and decoding
/// was a tenth of verification time.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = [UInt8]()
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes canonical base64: padding required, no whitespace, unused bits zero.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    /// The length canonical base64 decodes to, without decoding it; nil if it is not canonical base64.
    public static func decodedCount(ofCanonical input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let length = decodedLength(input) else { return nil }
        if length == 0 { return 0 }
        let padding = input.count / 4 * 3 - length
        return values.withUnsafeBufferPointer { table -> Int? in
            let symbols = input.baseAddress!, lookup = table.baseAddress!
            let whole = input.count - 4
            var seen: UInt8 = 0
            var index = 0
            while index < whole {
                seen |= lookup[Int(symbols[index])] | lookup[Int(symbols[index + 1])] | lookup[Int(symbols[index + 2])] | lookup[Int(symbols[index + 3])]
                index += 4
            }
            guard seen & 0xC0 == 0, lastQuad(symbols + index, padding: padding, lookup: lookup) != nil else { return nil }
            return length
        }
    }

    /// Decodes canonical base64 from its UTF-8 bytes (a record line read in place).
    public static func decode(bytes input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let length = decodedLength(input) else { return nil }
        if length == 0 { return [] }
        var valid = false
        let output = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            valid = decode(bytes: input, into: buffer)
            initialized = valid ? length : 0
        }
        return valid ? output : nil
    }

    /// Decodes canonical base64 into `output` (a signature into a buffer on the stack, where
    /// an array would be allocated for every record); false unless it is canonical base64 of
    /// exactly `output.count` bytes.
    public static func decode(bytes input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let length = decodedLength(input), length == output.count else { return false }
        guard length > 0 else { return true }
        let padding = input.count / 4 * 3 - length
        return values.withUnsafeBufferPointer { table in
            var out = 0
            var index = 0
            let whole = input.count - 4
            // Every quad but the last: four symbols, three bytes. The loop reads and writes
            // through base addresses held in registers (through the buffers, the compiler
            // reloaded the output's address from memory for every byte written).
            let symbols = input.baseAddress!, lookup = table.baseAddress!, bytes = output.baseAddress!
            while index < whole {
                let a = lookup[Int(symbols[index])], b = lookup[Int(symbols[index + 1])]
                let c = lookup[Int(symbols[index + 2])], d = lookup[Int(symbols[index + 3])]
                guard (a | b | c | d) & 0xC0 == 0 else { return false }
                let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                bytes[out] = UInt8(truncatingIfNeeded: chunk >> 16)
                bytes[out + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                bytes[out + 2] = UInt8(truncatingIfNeeded: chunk)
                out += 3
                index += 4
            }
            guard let chunk = lastQuad(symbols + index, padding: padding, lookup: lookup) else { return false }
            bytes[out] = UInt8(truncatingIfNeeded: chunk >> 16)
            if padding < 2 { bytes[out + 1] = UInt8(truncatingIfNeeded: chunk >> 8) }
            if padding < 1 { bytes[out + 2] = UInt8(truncatingIfNeeded: chunk) }
            return true
        }
    }

    /// The 24 bits of the last quad, its padding as zeros; nil unless its symbols are base64 and
    /// the bits under the padding zero (canonical).
    private static func lastQuad(_ symbols: UnsafePointer<UInt8>, padding: Int, lookup: UnsafePointer<UInt8>) -> UInt32? {
        var chunk: UInt32 = 0
        for offset in 0..<4 {
            if offset >= 4 - padding {
                chunk <<= 6
                continue
            }
            let value = lookup[Int(symbols[offset])]
            guard value != 0xFF else { return nil }
            chunk = chunk << 6 | UInt32(value)
        }
        if (padding == 2 && chunk & 0xFFFF != 0) || (padding == 1 && chunk & 0xFF != 0) { return nil }
        return chunk
    }

    /// The length base64 of this many symbols and this padding decodes to; nil unless whole quads.
    private static func decodedLength(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard input.count % 4 == 0 else { return nil }
        if input.isEmpty { return 0 }
        let padding = input[input.count - 1] != UInt8(ascii: "=") ? 0 : input[input.count - 2] == UInt8(ascii: "=") ? 2 : 1
        return input.count / 4 * 3 - padding
    }
}
