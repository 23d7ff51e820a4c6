/// The store's master key, unlocked by the master passphrase. It wraps every
/// data key and the log key; it never reaches the disk unsealed.
public struct MasterKey: Sendable {
    let key: DataKey

    /// The master key of these bytes (the store unwraps it with the master passphrase).
    public init(key: DataKey) { self.key = key }

    /// Wraps a secret for storage: `nonce || ciphertext`, bound to `purpose`.
    public func wrap(_ secret: [UInt8], purpose: String) -> [UInt8] {
        let sealed = key.seal(secret, associatedData: Array(purpose.utf8))
        return sealed.nonce + sealed.ciphertext
    }

    /// Unwraps what `wrap` made for the same purpose.
    public func unwrap(_ wrapped: [UInt8], purpose: String) throws -> [UInt8] {
        guard wrapped.count > DataKey.nonceLength else { throw LogError.storeDamaged("a wrapped key is truncated") }
        do {
            return try key.open(Array(wrapped[DataKey.nonceLength...]), nonce: Array(wrapped[..<DataKey.nonceLength]),
                                associatedData: Array(purpose.utf8))
        } catch {
            throw LogError.storeDamaged("a wrapped key does not open with the master key")
        }
    }

    /// A keyed digest of `message` for `purpose`: HMAC-SHA-256 under a key the master key derives
    /// for that purpose. The same text gives the same digest in this store; without the master
    /// key no dictionary of likely texts (names, days of birth, passphrases) finds it back.
    public func digest(_ message: [UInt8], purpose: String) -> [UInt8] {
        var raw = key.rawBytes()
        defer { Sodium.zero(&raw) }
        var derived = Sodium.hmacSHA256(key: raw, Array(purpose.utf8))
        defer { Sodium.zero(&derived) }
        return Sodium.hmacSHA256(key: derived, message)
    }

    public static func dataKeyPurpose(_ id: String) -> String { "parcours/data-key/" + id }
    public static let logKeyPurpose = "parcours/log-key"
}

/// An actor whose private key was unlocked with her or his passphrase.
public struct UnlockedActor: Sendable {
    public let id: String
    public let key: SigningKey

    public init(id: String, key: SigningKey) {
        self.id = id
        self.key = key
    }

    public var author: Author { Author(actor: id, key: key.publicKey) }
}

/// Rules for new passphrases.
public enum Passphrase {
    /// The shortest passphrase accepted for a new key.
    public static let minimumLength = 10

    public static func checkNew(_ passphrase: String, field: String) throws {
        guard passphrase.count >= minimumLength else {
            throw LogError.invalidInput(field: field, reason: "a new passphrase needs at least \(minimumLength) characters")
        }
    }
}
