import CSodium

/// An Ed25519 public key (32 bytes), written as standard base64 in the log.
public struct PublicKey: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == 32 else { throw .invalidKeyLength(expected: 32, got: bytes.count) }
        self.bytes = bytes
    }

    /// The key from its base64; nil unless exactly 32 bytes in canonical base64.
    public init?(base64: String) {
        guard let bytes = Base64.decode(base64), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    public var base64: String { Base64.encode(bytes) }
    public var description: String { base64 }

    /// Whether `signature` is this key's pure Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], of message: some ContiguousBytes) -> Bool {
        signature.withUnsafeBytes { isValidSignature($0, of: message) }
    }

    /// Whether the 64 bytes `signature` are this key's pure Ed25519 signature of `message`.
    func isValidSignature(_ signature: UnsafeRawBufferPointer, of message: some ContiguousBytes) -> Bool {
        guard signature.count == 64 else { return false }
        Sodium.ensureInitialized()
        return message.withUnsafeBytes { text in
            bytes.withUnsafeBufferPointer { key in
                crypto_sign_verify_detached(
                    signature.baseAddress!.assumingMemoryBound(to: UInt8.self), text.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt64(text.count), key.baseAddress!) == 0
            }
        }
    }
}
