import CSodium

/// An Ed25519 signing key; its secret half lives in guarded, zeroed memory.
public final class SigningKey: Sendable {
    private let secret: SecretBytes
    /// The matching public key.
    public let publicKey: PublicKey

    /// The key derived from a 32-byte seed (`crypto_sign_seed_keypair`). Zeroes the seed.
    public init(seed: inout [UInt8]) throws(CryptoError) {
        Sodium.ensureInitialized()
        guard seed.count == 32 else {
            Sodium.zero(&seed)
            throw .invalidKeyLength(expected: 32, got: seed.count)
        }
        var publicBytes = [UInt8](repeating: 0, count: 32)
        var secretBytes = [UInt8](repeating: 0, count: 64)
        _ = crypto_sign_seed_keypair(&publicBytes, &secretBytes, seed)
        Sodium.zero(&seed)
        secret = SecretBytes(consuming: &secretBytes)
        publicKey = try PublicKey(bytes: publicBytes)
    }

    /// A new random key.
    public static func generate() -> SigningKey {
        var seed = Sodium.randomBytes(32)
        return try! SigningKey(seed: &seed)
    }

    /// The 32-byte seed, to be sealed; the caller zeroes it.
    public func seed() -> [UInt8] {
        secret.withUnsafeBytes { Array($0.prefix(32)) }
    }

    /// The 64-byte pure Ed25519 signature of `message`.
    public func sign(_ message: some ContiguousBytes) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        message.withUnsafeBytes { text in
            secret.withUnsafeBytes { key in
                _ = crypto_sign_detached(
                    &signature, nil, text.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(text.count),
                    key.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        return signature
    }
}
