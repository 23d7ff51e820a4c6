import CSodium

/// A secret sealed under a passphrase: Argon2id (`crypto_pwhash`) derives a key
/// that encrypts the secret with `crypto_secretbox`.
///
/// The parameters travel with the sealed value, so stronger ones can be chosen
/// later without breaking what was sealed before. Its text form is canonical JSON.
public struct PassphraseSeal: Sendable, Equatable {
    public var opsLimit: UInt64
    public var memLimit: UInt64
    public var salt: [UInt8]
    public var nonce: [UInt8]
    public var box: [UInt8]

    /// libsodium's interactive Argon2id limits: about a tenth of a second, 64 MiB.
    public static let defaultOpsLimit = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    public static let defaultMemLimit = UInt64(crypto_pwhash_MEMLIMIT_INTERACTIVE)

    /// Seals `secret` under `passphrase`.
    public static func seal(_ secret: [UInt8], passphrase: String,
                            opsLimit: UInt64 = defaultOpsLimit, memLimit: UInt64 = defaultMemLimit) throws(CryptoError) -> PassphraseSeal {
        Sodium.ensureInitialized()
        let salt = Sodium.randomBytes(Int(crypto_pwhash_SALTBYTES))
        var key = try deriveKey(passphrase: passphrase, salt: salt, opsLimit: opsLimit, memLimit: memLimit)
        defer { Sodium.zero(&key) }
        let nonce = Sodium.randomBytes(Int(crypto_secretbox_NONCEBYTES))
        var box = [UInt8](repeating: 0, count: secret.count + Int(crypto_secretbox_MACBYTES))
        _ = crypto_secretbox_easy(&box, secret, UInt64(secret.count), nonce, key)
        return PassphraseSeal(opsLimit: opsLimit, memLimit: memLimit, salt: salt, nonce: nonce, box: box)
    }

    /// Opens the seal; a wrong passphrase is `CryptoError.wrongPassphrase`.
    public func open(passphrase: String) throws(CryptoError) -> [UInt8] {
        var key = try PassphraseSeal.deriveKey(passphrase: passphrase, salt: salt, opsLimit: opsLimit, memLimit: memLimit)
        defer { Sodium.zero(&key) }
        guard box.count >= Int(crypto_secretbox_MACBYTES), nonce.count == Int(crypto_secretbox_NONCEBYTES) else {
            throw .wrongPassphrase
        }
        var secret = [UInt8](repeating: 0, count: box.count - Int(crypto_secretbox_MACBYTES))
        guard crypto_secretbox_open_easy(&secret, box, UInt64(box.count), nonce, key) == 0 else {
            throw .wrongPassphrase
        }
        return secret
    }

    private static func deriveKey(passphrase: String, salt: [UInt8], opsLimit: UInt64, memLimit: UInt64) throws(CryptoError) -> [UInt8] {
        guard salt.count == Int(crypto_pwhash_SALTBYTES) else { throw .wrongPassphrase }
        var key = [UInt8](repeating: 0, count: Int(crypto_secretbox_KEYBYTES))
        var password = Array(passphrase.utf8) + [0]
        defer { Sodium.zero(&password) }
        let status = password.withUnsafeBufferPointer { pw in
            pw.withMemoryRebound(to: CChar.self) { chars in
                crypto_pwhash(&key, UInt64(key.count), chars.baseAddress!, UInt64(chars.count - 1), salt, opsLimit, Int(memLimit),
                              crypto_pwhash_ALG_ARGON2ID13)
            }
        }
        guard status == 0 else { throw .operationFailed("argon2id key derivation (out of memory?)") }
        return key
    }

    /// The sealed value as canonical JSON text.
    public var json: JSONValue {
        ["kdf": "argon2id13", "ops": .int(Int64(opsLimit)), "mem": .int(Int64(memLimit)),
         "salt": .string(Base64.encode(salt)), "nonce": .string(Base64.encode(nonce)), "box": .string(Base64.encode(box))]
    }

    /// Reads a sealed value back from its JSON.
    public init(json: JSONValue) throws(CryptoError) {
        guard json["kdf"]?.stringValue == "argon2id13", let ops = json["ops"]?.intValue, let mem = json["mem"]?.intValue,
              ops > 0, mem > 0,
              let salt = json["salt"]?.stringValue.flatMap(Base64.decode), let nonce = json["nonce"]?.stringValue.flatMap(Base64.decode),
              let box = json["box"]?.stringValue.flatMap(Base64.decode)
        else { throw .invalidEncoding("sealed key") }
        self.init(opsLimit: UInt64(ops), memLimit: UInt64(mem), salt: salt, nonce: nonce, box: box)
    }

    public init(opsLimit: UInt64, memLimit: UInt64, salt: [UInt8], nonce: [UInt8], box: [UInt8]) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
        self.salt = salt
        self.nonce = nonce
        self.box = box
    }
}
