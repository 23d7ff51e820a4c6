import Crypto
import Foundation

/// Time-based one-time codes (TOTP, RFC 6238): six digits from HMAC-SHA-1 of the 30-second
/// step, as every authenticator app computes them. A code is accepted one step early or late
/// (clocks drift); which step matched is returned, so the caller refuses a code used before.
struct OneTimeCode: Sendable {
    let secret: [UInt8]
    static let stepSeconds: Int64 = 30
    static let digits = 6
    /// 160 bits, the size RFC 4226 recommends.
    static let secretLength = 20

    /// The 30-second step `date` falls in.
    static func step(at date: Date) -> Int64 { Int64(floor(date.timeIntervalSince1970)) / stepSeconds }

    /// The code of a step, `digits` long (RFC 4226's dynamic truncation).
    func code(step: Int64, digits: Int = OneTimeCode.digits) -> String {
        let counter = withUnsafeBytes(of: UInt64(step).bigEndian, Array.init)
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step whose code `given` is, at `date` give or take one step; nil when none is.
    /// Spaces are allowed (« 123 456 »); every candidate is compared, so timing says nothing.
    func matchingStep(_ given: String, at date: Date) -> Int64? {
        let digits = given.filter { !$0.isWhitespace }
        guard digits.count == Self.digits, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let now = Self.step(at: date)
        var matched: Int64?
        for step in [now - 1, now, now + 1] where Self.equal(code(step: step), digits) { matched = step }
        return matched
    }

    /// The key as people type it into an authenticator app: base32 (RFC 4648), in groups of four.
    var typedKey: String {
        let encoded = Self.base32(secret)
        return stride(from: 0, to: encoded.count, by: 4).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<(encoded.index(from, offsetBy: 4, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }.joined(separator: " ")
    }

    /// The `otpauth://` address an authenticator app takes (Key Uri Format).
    func authenticatorURL(account: String, issuer: String = "Parcours SPHÈRES") -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        let issuerParameter = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "otpauth://totp/\(label)?secret=\(Self.base32(secret))&issuer=\(issuerParameter)&algorithm=SHA1&digits=\(Self.digits)&period=\(Self.stepSeconds)"
    }

    /// RFC 4648 base32, without padding.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var text = "", buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                text.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { text.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return text
    }

    private static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
