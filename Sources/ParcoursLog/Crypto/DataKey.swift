import CSodium

/// A participant's data key: XChaCha20-Poly1305 (IETF) with a 32-byte key.
///
/// Destroying every copy of it (erasure) leaves the sealed payloads unreadable
/// while their signatures and the tree still verify.
public final class DataKey: Sendable {
    /// The key's id as written in sealed payloads, e.g. `dk-P-7Q4K2M-1`.
    public let id: String
    private let secret: SecretBytes

    public static let keyLength = 32
    public static let nonceLength = 24

    /// A key from its 32 raw bytes; zeroes the caller's copy. `guarded` puts it in
    /// guarded memory, for long-lived keys such as a store's master key.
    public init(id: String, bytes: inout [UInt8], guarded: Bool = false) throws(CryptoError) {
        guard bytes.count == DataKey.keyLength else {
            let got = bytes.count
            Sodium.zero(&bytes)
            throw .invalidKeyLength(expected: DataKey.keyLength, got: got)
        }
        self.id = id
        secret = SecretBytes(consuming: &bytes, guarded: guarded)
    }

    /// A new random key.
    public static func generate(id: String) -> DataKey {
        var bytes = Sodium.randomBytes(keyLength)
        return try! DataKey(id: id, bytes: &bytes)
    }

    /// The raw key, for wrapping; the caller zeroes it.
    public func rawBytes() -> [UInt8] { secret.copyBytes() }

    /// Encrypts with a fresh random nonce, or the given one (conformance vectors).
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8]? = nil) -> (nonce: [UInt8], ciphertext: [UInt8]) {
        Sodium.ensureInitialized()
        let nonce = nonce ?? Sodium.randomBytes(DataKey.nonceLength)
        precondition(nonce.count == DataKey.nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        var written: UInt64 = 0
        secret.withUnsafeBytes { key in
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                &ciphertext, &written, plaintext, UInt64(plaintext.count), associatedData,
                UInt64(associatedData.count), nil, nonce, key.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return (nonce, ciphertext)
    }

    /// Decrypts and authenticates; throws if the ciphertext, nonce or associated data differ.
    public func open(_ ciphertext: [UInt8], nonce: [UInt8], associatedData: [UInt8]) throws(CryptoError) -> [UInt8] {
        Sodium.ensureInitialized()
        let tagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
        guard nonce.count == DataKey.nonceLength, ciphertext.count >= tagLength else { throw .authenticationFailed }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count - tagLength)
        var written: UInt64 = 0
        let status = secret.withUnsafeBytes { key in
            crypto_aead_xchacha20poly1305_ietf_decrypt(
                &plaintext, &written, nil, ciphertext, UInt64(ciphertext.count), associatedData,
                UInt64(associatedData.count), nonce, key.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        guard status == 0 else { throw .authenticationFailed }
        return plaintext
    }

    /// Encrypts so that the same plaintext and associated data always give the same
    /// bytes: the nonce is a keyed BLAKE2b hash of both (a synthetic IV), under a subkey
    /// derived from this key for that purpose alone. A nonce repeats only with its
    /// message, so nothing leaks but equality. Projections use it so that a rebuild
    /// writes exactly the bytes that following the log wrote.
    public func sealDeterministically(_ plaintext: [UInt8], associatedData: [UInt8]) -> (nonce: [UInt8], ciphertext: [UInt8]) {
        Sodium.ensureInitialized()
        var subkey = [UInt8](repeating: 0, count: Int(crypto_generichash_KEYBYTES))
        defer { Sodium.zero(&subkey) }
        secret.withUnsafeBytes { key in
            _ = crypto_kdf_derive_from_key(&subkey, subkey.count, 1, "pcsnonce", key.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        // BLAKE2b of length(AD) ‖ AD ‖ plaintext, hashed in pieces: no copy of the plaintext to zero afterwards.
        let size = crypto_generichash_statebytes()
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            sodium_memzero(memory, size)
            memory.deallocate()
        }
        let state = OpaquePointer(memory)
        var nonce = [UInt8](repeating: 0, count: DataKey.nonceLength)
        _ = crypto_generichash_init(state, subkey, subkey.count, nonce.count)
        withUnsafeBytes(of: UInt64(associatedData.count).littleEndian) { length in
            _ = crypto_generichash_update(state, length.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(length.count))
        }
        _ = crypto_generichash_update(state, associatedData, UInt64(associatedData.count))
        _ = crypto_generichash_update(state, plaintext, UInt64(plaintext.count))
        _ = crypto_generichash_final(state, &nonce, nonce.count)
        return seal(plaintext, associatedData: associatedData, nonce: nonce)
    }
}
