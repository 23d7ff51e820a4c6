import Foundation
import ParcoursLog

/// How every backend seals and opens the keys it keeps beside the log: the master key under
/// the master passphrase, each actor's key under her or his passphrase, the log key and the
/// research secret wrapped by the master key. A backend stores and fetches the bytes; the
/// sealing, the checks and the errors (fields named) are here. Seeds are zeroed after use.
public enum SealedKeys {
    /// The `sealed_secret` name and wrapping purpose of the research secret.
    public static let researchSecretName = "research"
    public static let researchSecretPurpose = "parcours/research-secret"

    /// A signing key's seed sealed under `passphrase`, as the canonical JSON a store keeps.
    public static func seal(_ key: SigningKey, passphrase: String) throws -> String {
        var seed = key.seed()
        defer { Sodium.zero(&seed) }
        return CanonicalJSON.string(try PassphraseSeal.seal(seed, passphrase: passphrase).json)
    }

    /// The master key, from its sealed bytes and the master passphrase.
    public static func openMaster(_ sealed: [UInt8]?, passphrase: String) throws -> MasterKey {
        guard let sealed, let json = try? JSONParser.parse(sealed) else { throw LogError.storeDamaged("no sealed master key") }
        var bytes: [UInt8]
        do { bytes = try PassphraseSeal(json: json).open(passphrase: passphrase) } catch CryptoError.wrongPassphrase {
            throw LogError.wrongPassphrase(of: "the store's master key", field: "masterPassphrase")
        }
        return MasterKey(key: try DataKey(id: "master", bytes: &bytes, guarded: true))
    }

    /// An actor's key, from its sealed JSON (nil: none kept) and her passphrase; it must be the key the directory names.
    public static func openActor(_ id: String, sealed: String?, passphrase: String, directoryKey: PublicKey) throws -> UnlockedActor {
        guard let sealed, let json = try? JSONParser.parse(sealed) else { throw LogError.keyUnavailable(actor: id) }
        var seed: [UInt8]
        do { seed = try PassphraseSeal(json: json).open(passphrase: passphrase) } catch CryptoError.wrongPassphrase {
            throw LogError.wrongPassphrase(of: "the key of \(id)", field: "passphrase")
        }
        let key = try SigningKey(seed: &seed)
        guard key.publicKey == directoryKey else { throw LogError.keyUnavailable(actor: id) }
        return UnlockedActor(id: id, key: key)
    }

    /// The log key, unwrapped by the master key; it must be the log's key.
    public static func openLogKey(_ wrapped: [UInt8]?, master: MasterKey, logPublicKey: PublicKey) throws -> SigningKey {
        guard let wrapped else { throw LogError.storeDamaged("no wrapped log key") }
        var seed = try master.unwrap(wrapped, purpose: MasterKey.logKeyPurpose)
        let key = try SigningKey(seed: &seed)
        guard key.publicKey == logPublicKey else { throw LogError.storeDamaged("the wrapped log key is not the log's key") }
        return key
    }

    /// A new research secret: random bytes, and the same wrapped by the master key for keeping.
    public static func newResearchSecret(master: MasterKey) -> (secret: [UInt8], wrapped: [UInt8]) {
        let fresh = Sodium.randomBytes(32)
        return (fresh, master.wrap(fresh, purpose: researchSecretPurpose))
    }

    /// The kept research secret, unwrapped.
    public static func openResearchSecret(_ wrapped: [UInt8], master: MasterKey) throws -> [UInt8] {
        try master.unwrap(wrapped, purpose: researchSecretPurpose)
    }

    /// The key that makes a research project's pseudonyms: HMAC-SHA-256 of the project's
    /// name under the store's research secret (zeroed here). The same participant gets the
    /// same pseudonym within a project; two projects' pseudonyms cannot be linked without the secret.
    public static func researchKey(secret: inout [UInt8], project: String) -> [UInt8] {
        defer { Sodium.zero(&secret) }
        return Sodium.hmacSHA256(key: secret, Array("parcours/research-project/\(project)".utf8))
    }
}
