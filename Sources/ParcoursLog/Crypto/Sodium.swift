import CSodium
import Crypto

/// The one door to libsodium: initialization, randomness and hashing.
public enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialized; every crypto entry point calls it.
    @inline(__always)
    public static func ensureInitialized() {
        precondition(initialized, "libsodium could not be initialized")
    }

    /// `count` bytes from the system's CSPRNG.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        ensureInitialized()
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 { bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) } }
        return bytes
    }

    /// SHA-256 of a byte string.
    ///
    /// Computed by swift-crypto (BoringSSL), not libsodium: it uses the processor's SHA
    /// extensions where present, and `parcours-bench primitives` measured it several times
    /// faster here on record lines and tree nodes alike (BENCHMARKS.md); both give the same digests.
    public static func sha256(_ message: some ContiguousBytes) -> Hash {
        var hasher = SHA256()
        message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash(hasher.finalize())
    }

    /// SHA-256 of `prefix || message`, without copying the message.
    public static func sha256(prefix: UInt8, _ message: some ContiguousBytes) -> Hash {
        var hasher = SHA256()
        var tag = prefix
        withUnsafeBytes(of: &tag) { hasher.update(bufferPointer: $0) }
        message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash(hasher.finalize())
    }

    /// Overwrites a buffer with zeros in a way the compiler cannot elide.
    /// HMAC-SHA-256 of `message` under `key` (32 bytes).
    public static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        ensureInitialized()
        precondition(key.count == Int(crypto_auth_hmacsha256_KEYBYTES))
        var tag = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        _ = crypto_auth_hmacsha256(&tag, message, UInt64(message.count), key)
        return tag
    }

    public static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) }
    }
}

/// The errors of cryptographic operations. They never carry key material.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongPassphrase
    case authenticationFailed
    case invalidKeyLength(expected: Int, got: Int)
    case invalidEncoding(String)
    case operationFailed(String)

    public var description: String {
        switch self {
        case .wrongPassphrase: "the passphrase is wrong (or the sealed key is damaged)"
        case .authenticationFailed: "the ciphertext does not authenticate with this key and associated data"
        case .invalidKeyLength(let expected, let got): "a key must be \(expected) bytes, got \(got)"
        case .invalidEncoding(let what): "invalid encoding: \(what)"
        case .operationFailed(let what): "cryptographic operation failed: \(what)"
        }
    }
}
