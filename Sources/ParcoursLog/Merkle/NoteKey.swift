/// A C2SP signed-note Ed25519 key: a name (the origin) and a public key.
///
/// Published as a verifier key `<name>+<hex key id>+<base64(0x01 || key)>`.
public struct NoteVerifier: Sendable, Equatable {
    public var name: String
    public var key: PublicKey

    public init(name: String, key: PublicKey) {
        self.name = name
        self.key = key
    }

    /// The first 4 bytes of `SHA-256(name || 0x0A || 0x01 || key)`.
    public var keyID: [UInt8] { VerifierKeyText.keyID(name: name, type: 0x01, key: key) }

    /// The verifier key text.
    public var text: String { VerifierKeyText.format(name: name, type: 0x01, key: key) }

    /// Parses a verifier key, refusing a key id that does not match its name and key.
    public init(text: String) throws(LogFormatError) {
        (name, key) = try VerifierKeyText.parse(text, type: 0x01, kind: "verifier key")
    }

    /// Verifies a signed note and returns its body; refuses if no signature by this key verifies.
    ///
    /// Signature lines by other keys (a witness's cosignature, say) are ignored, as C2SP
    /// `signed-note` requires: a cosigned checkpoint opens exactly like the bare one.
    public func open(note: String) throws(LogFormatError) -> String {
        let parsed = try SignedNote(parsing: note)
        let expectedID = keyID
        var verified = false
        for signature in parsed.signatures where signature.name == name && signature.keyID == expectedID {
            guard signature.blob.count == 68, key.isValidSignature(signature.signature, of: Array(parsed.text.utf8)) else {
                throw LogFormatError("the signature by \(name) does not verify")
            }
            verified = true
        }
        guard verified else { throw LogFormatError("no signature by \(name) with key id \(Hex.encode(expectedID))") }
        return parsed.text
    }
}

/// Signs notes with an Ed25519 key under a key name.
public struct NoteSigner: Sendable {
    public var name: String
    public var key: SigningKey

    public init(name: String, key: SigningKey) {
        self.name = name
        self.key = key
    }

    public var verifier: NoteVerifier { NoteVerifier(name: name, key: key.publicKey) }

    /// The signed note: body, an empty line, and `— <name> <base64(key id || signature)>`.
    public func sign(body: String) -> String {
        let signature = key.sign(Array(body.utf8))
        return body + "\n— \(name) \(Base64.encode(verifier.keyID + signature))\n"
    }
}

/// The C2SP signed-note verifier key text, `<name>+<hex key id>+<base64(type || key)>`, for an
/// Ed25519 key of signature type `type` (0x01 a log's note key, 0x04 a witness's cosigning key).
enum VerifierKeyText {
    /// The first 4 bytes of `SHA-256(name || 0x0A || type || key)`.
    static func keyID(name: String, type: UInt8, key: PublicKey) -> [UInt8] {
        Array(Sodium.sha256(Array(name.utf8) + [0x0A, type] + key.bytes).bytes.prefix(4))
    }

    static func format(name: String, type: UInt8, key: PublicKey) -> String {
        "\(name)+\(Hex.encode(keyID(name: name, type: type, key: key)))+\(Base64.encode([type] + key.bytes))"
    }

    /// Parses a key of `type`, refusing another type, a bad key name or a key id that does not match.
    static func parse(_ text: String, type: UInt8, kind: String) throws(LogFormatError) -> (name: String, key: PublicKey) {
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, NoteSignature.isKeyName(parts[0]) else { throw LogFormatError("\(kind) must be <name>+<hex id>+<base64 key>") }
        guard let id = Hex.decode(String(parts[1])), id.count == 4 else { throw LogFormatError("\(kind) id must be 8 hex digits") }
        guard let raw = Base64.decode(String(parts[2])), raw.count == 33, raw[0] == type, let key = try? PublicKey(bytes: Array(raw[1...]))
        else { throw LogFormatError("\(kind) must hold an Ed25519 key (0x0\(type) then 32 bytes)") }
        guard keyID(name: String(parts[0]), type: type, key: key) == id else { throw LogFormatError("\(kind) id does not match its name and key") }
        return (String(parts[0]), key)
    }
}
