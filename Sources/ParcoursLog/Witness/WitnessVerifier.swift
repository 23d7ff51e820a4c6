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
    public var keyID: [UInt8] { VerifierKeyText.keyID(name: name, type: Self.signatureType, key: key) }

    /// The verifier key text.
    public var text: String { VerifierKeyText.format(name: name, type: Self.signatureType, key: key) }

    /// Parses a witness verifier key, refusing another signature type or a key id that does not
    /// match its name and key.
    public init(text: String) throws(LogFormatError) {
        (name, key) = try VerifierKeyText.parse(text, type: Self.signatureType, kind: "witness key")
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
