/// A witness's Ed25519 cosigning key, as a log or a verifier is configured with it: a name and
/// a public key (C2SP `tlog-cosignature`).
///
/// Published as a verifier key `<name>+<hex key id>+<base64(0x04 || key)>`; the key id is the
/// first 4 bytes of `SHA-256(name || 0x0A || 0x04 || key)` — signature type 0x04, unlike a log
/// key's 0x01, so the same key cannot be mistaken for the other kind.
public struct WitnessVerifier: Sendable, Equatable {
    /// The signed-note signature type of timestamped Ed25519 cosignatures.
    public static let signatureType: UInt8 = 0x04

    public var name: String
    public var key: PublicKey

    public init(name: String, key: PublicKey) {
        self.name = name
        self.key = key
    }

    /// The first 4 bytes of `SHA-256(name || 0x0A || 0x04 || key)`.
    public var keyID: [UInt8] {
        Array(Sodium.sha256(Array(name.utf8) + [0x0A, Self.signatureType] + key.bytes).bytes.prefix(4))
    }

    /// The verifier key text.
    public var text: String { "\(name)+\(Hex.encode(keyID))+\(Base64.encode([Self.signatureType] + key.bytes))" }

    /// Parses a witness verifier key, refusing another signature type or a key id that does not
    /// match its name and key.
    public init(text: String) throws(LogFormatError) {
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, NoteSignature.isKeyName(parts[0]) else {
            throw LogFormatError("witness key must be <name>+<hex id>+<base64 key>")
        }
        guard let id = Hex.decode(String(parts[1])), id.count == 4 else { throw LogFormatError("witness key id must be 8 hex digits") }
        guard let raw = Base64.decode(String(parts[2])), raw.count == 33, raw[0] == Self.signatureType,
              let key = try? PublicKey(bytes: Array(raw[1...]))
        else { throw LogFormatError("witness key must hold a cosignature/v1 Ed25519 key (0x04 then 32 bytes)") }
        self.init(name: String(parts[0]), key: key)
        guard keyID == id else { throw LogFormatError("witness key id does not match its name and key") }
    }

    /// Whether a note signature claims to be by this key (same name and key id): such a line must verify.
    public func claims(_ signature: NoteSignature) -> Bool { signature.name == name && signature.keyID == keyID }

    /// Verifies this witness's cosignature of the note text `body`; returns it.
    public func verify(_ signature: NoteSignature, body: String) throws(LogFormatError) -> Cosignature {
        let cosignature = try Cosignature(signature)
        guard cosignature.name == name, cosignature.keyID == keyID,
              key.isValidSignature(cosignature.signature, of: Cosignature.message(body: body, timestamp: cosignature.timestamp))
        else { throw LogFormatError("the cosignature by witness \(name) does not verify") }
        return cosignature
    }
}

/// Cosigns checkpoints with a witness's Ed25519 key under its name.
public struct WitnessSigner: Sendable {
    public var name: String
    public var key: SigningKey

    public init(name: String, key: SigningKey) {
        self.name = name
        self.key = key
    }

    public var verifier: WitnessVerifier { WitnessVerifier(name: name, key: key.publicKey) }

    /// The cosignature of the note text `body` at `timestamp` (POSIX seconds, at least 1: the spec forbids 0).
    public func cosign(body: String, timestamp: UInt64) -> Cosignature {
        let time = min(max(timestamp, 1), Cosignature.maxTimestamp)
        return Cosignature(name: name, keyID: verifier.keyID, timestamp: time,
                           signature: key.sign(Cosignature.message(body: body, timestamp: time)))
    }
}
