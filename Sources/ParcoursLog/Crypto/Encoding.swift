import CSodium
#if canImport(Glibc)
import Glibc
#endif

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
        let utf8 = Array(text.utf8)
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

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// RFC 4648 §4 base64, standard alphabet with padding, canonical only.
public enum Base64 {
    public static func encode(_ bytes: [UInt8]) -> String {
        Sodium.ensureInitialized()
        let variant = Int32(sodium_base64_VARIANT_ORIGINAL)
        let length = sodium_base64_encoded_len(bytes.count, variant)
        if bytes.isEmpty { return "" }
        var output = [CChar](repeating: 0, count: length)
        bytes.withUnsafeBufferPointer { input in
            _ = sodium_bin2base64(&output, length, input.baseAddress!, input.count, variant)
        }
        return output.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Decodes canonical base64: padding required, no whitespace, unused bits zero.
    public static func decode(_ text: String) -> [UInt8]? {
        Sodium.ensureInitialized()
        let input = Array(text.utf8)
        if input.isEmpty { return [] }
        guard input.count % 4 == 0 else { return nil }
        var output = [UInt8](repeating: 0, count: input.count / 4 * 3)
        var written = 0
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { chars in
                    sodium_base642bin(
                        target.baseAddress!, target.count, chars.baseAddress, chars.count, nil, &written, nil,
                        Int32(sodium_base64_VARIANT_ORIGINAL))
                }
            }
        }
        guard status == 0 else { return nil }
        output.removeLast(output.count - written)
        // Canonical: re-encoding gives back the same bytes (compared without building a String).
        let length = sodium_base64_encoded_len(output.count, Int32(sodium_base64_VARIANT_ORIGINAL))
        var again = [CChar](repeating: 0, count: length)
        output.withUnsafeBufferPointer { bytes in
            _ = sodium_bin2base64(&again, length, bytes.baseAddress, bytes.count, Int32(sodium_base64_VARIANT_ORIGINAL))
        }
        guard length - 1 == input.count, again.withUnsafeBytes({ a in input.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, input.count) == 0 } })
        else { return nil }
        return output
    }
}
