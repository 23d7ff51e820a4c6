/// What an event carries: a clear object, or one sealed under a data key.
public enum Payload: Sendable, Equatable {
    case clear([String: JSONValue])
    case sealed(SealedPayload)

    /// The only AEAD the format knows.
    public static let sealedAlgorithm = "xchacha20poly1305-ietf"

    var json: JSONValue {
        switch self {
        case .clear(let object): return ["clear": .object(object)]
        case .sealed(let sealed):
            sealed.preconditionWhole()
            return ["sealed": ["alg": .string(Payload.sealedAlgorithm), "key": .string(sealed.keyID),
                        "nonce": .string(Base64.encode(sealed.nonce)), "ct": .string(Base64.encode(sealed.ciphertext))]]
        }
    }

    init(json: JSONValue) throws(LogFormatError) {
        guard let members = json.objectValue, members.count == 1 else {
            throw LogFormatError("payload must be an object with exactly one member, clear or sealed")
        }
        if let clear = members["clear"] {
            guard let object = clear.objectValue else { throw LogFormatError("payload.clear must be an object") }
            self = .clear(object)
            return
        }
        guard let sealed = members["sealed"]?.objectValue else {
            throw LogFormatError("payload must be {\"clear\": {...}} or {\"sealed\": {...}}")
        }
        guard sealed.hasExactly(["alg", "key", "nonce", "ct"]) else {
            throw LogFormatError("payload.sealed must have exactly alg, key, nonce and ct")
        }
        guard sealed["alg"]?.stringValue == Payload.sealedAlgorithm else {
            throw LogFormatError("payload.sealed.alg must be \(Payload.sealedAlgorithm)")
        }
        guard let keyID = sealed["key"]?.stringValue, (1...128).contains(keyID.utf8.count) else {
            throw LogFormatError("payload.sealed.key must be a data key id (1 to 128 bytes)")
        }
        guard let nonce = sealed["nonce"]?.stringValue.flatMap(Base64.decode), nonce.count == DataKey.nonceLength else {
            throw LogFormatError("payload.sealed.nonce must be the base64 of 24 bytes")
        }
        guard let ciphertext = sealed["ct"]?.stringValue.flatMap(Base64.decode), ciphertext.count >= 16 else {
            throw LogFormatError("payload.sealed.ct must be base64 of ciphertext and its 16-byte tag")
        }
        self = .sealed(SealedPayload(keyID: keyID, nonce: nonce, ciphertext: ciphertext))
    }

    /// Whether the payload is sealed.
    public var isSealed: Bool {
        if case .sealed = self { return true }
        return false
    }
}

/// A payload encrypted under a participant's data key.
public struct SealedPayload: Sendable, Equatable {
    public var keyID: String
    public var nonce: [UInt8]
    public var ciphertext: [UInt8]

    public init(keyID: String, nonce: [UInt8], ciphertext: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    /// Stops the program if the nonce or ciphertext was left out by a read for verification
    /// (`ParsedRecord(verifying:)`): written, the payload would not be the one signed.
    func preconditionWhole() {
        precondition(nonce.count == DataKey.nonceLength && ciphertext.count >= 16, "a sealed payload without its nonce and ciphertext cannot be written")
    }

    /// The associated data binding a ciphertext to its event:
    /// `JCS({"id", "log", "stream", "version"})`.
    public static func associatedData(id: String, log: String, stream: String, version: UInt64) -> [UInt8] {
        // JCS({"id","log","stream","version"}), its members already in order: written for every payload opened.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count + log.utf8.count + stream.utf8.count + 60)
        bytes.append(contentsOf: #"{"id":"#.utf8)
        CanonicalJSON.writeString(id, into: &bytes)
        bytes.append(contentsOf: #","log":"#.utf8)
        CanonicalJSON.writeString(log, into: &bytes)
        bytes.append(contentsOf: #","stream":"#.utf8)
        CanonicalJSON.writeString(stream, into: &bytes)
        bytes.append(contentsOf: #","version":"#.utf8)
        CanonicalJSON.writeInteger(Int64(version), into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Seals `data` (its canonical JSON) for the event at this position.
    public static func seal(_ data: [String: JSONValue], with key: DataKey, id: String, log: String, stream: String,
                            version: UInt64, nonce: [UInt8]? = nil) -> SealedPayload {
        var plaintext = CanonicalJSON.encode(.object(data))
        defer { Sodium.zero(&plaintext) }
        return seal(plaintext: plaintext, with: key, id: id, log: log, stream: stream, version: version, nonce: nonce)
    }

    /// Seals an already canonical plaintext; the caller zeroes it.
    public static func seal(plaintext: [UInt8], with key: DataKey, id: String, log: String, stream: String,
                            version: UInt64, nonce: [UInt8]? = nil) -> SealedPayload {
        let sealed = key.seal(plaintext, associatedData: associatedData(id: id, log: log, stream: stream, version: version), nonce: nonce)
        return SealedPayload(keyID: key.id, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
    }

    /// Opens the payload of `envelope` with `key`.
    public func open(with key: DataKey, envelope: Envelope) throws(CryptoError) -> [String: JSONValue] {
        var plaintext = try plaintext(with: key, envelope: envelope)
        defer { Sodium.zero(&plaintext) }
        guard let data = try? JSONParser.parse(plaintext).objectValue else {
            throw .invalidEncoding("sealed plaintext is not a JSON object")
        }
        return data
    }

    /// The payload's plaintext bytes (the canonical JSON of its data), for readers that
    /// decode it themselves; the caller zeroes them after use.
    public func plaintext(with key: DataKey, envelope: Envelope) throws(CryptoError) -> [UInt8] {
        try key.open(ciphertext, nonce: nonce, associatedData: SealedPayload.associatedData(
            id: envelope.id, log: envelope.log, stream: envelope.stream, version: envelope.version))
    }
}
