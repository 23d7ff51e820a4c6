/// The signed part of a record, exactly the members LOG-FORMAT.md lists.
public struct Envelope: Sendable, Equatable {
    public static let format = "parcours-event/1"

    /// The log's origin name, so a record cannot be replayed into another log.
    public var log: String
    /// Position in the log from 0: the record's Merkle leaf index.
    public var seq: UInt64
    /// The event's UUID, unique in the log.
    public var id: String
    public var stream: String
    /// Position in the stream from 0.
    public var version: UInt64
    public var type: String
    /// The version of the type's schema, from 1.
    public var schema: Int64
    public var recordedAt: Timestamp
    public var author: Author
    /// Leaf hash of the record at `seq - 1`; zero at seq 0.
    public var prev: Hash
    public var payload: Payload

    public init(log: String, seq: UInt64, id: String, stream: String, version: UInt64, type: String, schema: Int64 = 1,
                recordedAt: Timestamp, author: Author, prev: Hash, payload: Payload) {
        self.log = log
        self.seq = seq
        self.id = id
        self.stream = stream
        self.version = version
        self.type = type
        self.schema = schema
        self.recordedAt = recordedAt
        self.author = author
        self.prev = prev
        self.payload = payload
    }

    /// The envelope as a JSON object.
    public var json: JSONValue {
        ["format": .string(Envelope.format), "log": .string(log), "seq": .int(Int64(seq)), "id": .string(id),
         "stream": .string(stream), "version": .int(Int64(version)), "type": .string(type), "schema": .int(schema),
         "recordedAt": .string(recordedAt.description),
         "author": ["actor": .string(author.actor), "key": .string(author.key.base64)],
         "prev": .string(prev.hex), "payload": payload.json]
    }

    /// `JCS(E)`: the bytes the author signs.
    ///
    /// Written member by member in JCS order (author, format, id, log, payload,
    /// prev, recordedAt, schema, seq, stream, type, version) rather than through a
    /// sorted dictionary: this runs for every record written and verified. A test
    /// holds it equal to `CanonicalJSON.encode(json)`.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(480 + payloadSizeHint)
        func raw(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func string(_ text: String) { CanonicalJSON.writeString(text, into: &out) }
        func integer(_ number: Int64) { CanonicalJSON.writeInteger(number, into: &out) }
        raw(#"{"author":{"actor":"#); string(author.actor)
        raw(#","key":"#); string(author.key.base64)
        raw(#"},"format":"#); string(Envelope.format)
        raw(#","id":"#); string(id)
        raw(#","log":"#); string(log)
        switch payload {
        case .clear(let data):
            raw(#","payload":{"clear":"#)
            CanonicalJSON.write(.object(data), into: &out)
            raw("}")
        case .sealed(let sealed):
            sealed.preconditionWhole()
            raw(#","payload":{"sealed":{"alg":"#); string(Payload.sealedAlgorithm)
            raw(#","ct":"#); string(Base64.encode(sealed.ciphertext))
            raw(#","key":"#); string(sealed.keyID)
            raw(#","nonce":"#); string(Base64.encode(sealed.nonce))
            raw("}}")
        }
        raw(#","prev":"#); string(prev.hex)
        raw(#","recordedAt":"#); string(recordedAt.description)
        raw(#","schema":"#); integer(schema)
        raw(#","seq":"#); integer(Int64(seq))
        raw(#","stream":"#); string(stream)
        raw(#","type":"#); string(type)
        raw(#","version":"#); integer(Int64(version))
        raw("}")
        return out
    }

    private var payloadSizeHint: Int {
        if case .sealed(let sealed) = payload { return sealed.ciphertext.count * 4 / 3 }
        return 256
    }

    static let members: Set<String> = ["format", "log", "seq", "id", "stream", "version", "type", "schema", "recordedAt",
                                       "author", "prev", "payload"]

    /// Reads an envelope, refusing missing, extra or malformed members.
    public init(json: JSONValue) throws(LogFormatError) {
        guard let object = json.objectValue else { throw LogFormatError("envelope must be an object") }
        guard object.hasExactly(Envelope.members) else {
            let extra = Set(object.keys).subtracting(Envelope.members).sorted()
            let missing = Envelope.members.subtracting(object.keys).sorted()
            throw LogFormatError("envelope members: missing \(missing), unknown \(extra)")
        }
        guard object["format"]?.stringValue == Envelope.format else {
            throw LogFormatError("envelope.format must be \(Envelope.format)")
        }
        guard let log = object["log"]?.stringValue, !log.isEmpty else { throw LogFormatError("envelope.log must be the origin name") }
        guard let seq = object["seq"]?.intValue, seq >= 0 else { throw LogFormatError("envelope.seq must be an integer ≥ 0") }
        guard let id = object["id"]?.stringValue, Identifiers.isEventID(id) else {
            throw LogFormatError("envelope.id must be a lowercase UUID")
        }
        guard let stream = object["stream"]?.stringValue, Identifiers.isStream(stream) else {
            throw LogFormatError("envelope.stream must be a stream name such as directory or participant/P-XXXXXX")
        }
        guard let version = object["version"]?.intValue, version >= 0 else {
            throw LogFormatError("envelope.version must be an integer ≥ 0")
        }
        guard let type = object["type"]?.stringValue, Identifiers.isEventType(type) else {
            throw LogFormatError("envelope.type must be a dotted lowercase event type")
        }
        guard let schema = object["schema"]?.intValue, schema >= 1 else { throw LogFormatError("envelope.schema must be ≥ 1") }
        guard let recordedAt = object["recordedAt"]?.stringValue.flatMap(Timestamp.init) else {
            throw LogFormatError("envelope.recordedAt must be RFC 3339 UTC with milliseconds")
        }
        guard let authorObject = object["author"]?.objectValue, authorObject.hasExactly(["actor", "key"]),
              let actor = authorObject["actor"]?.stringValue, !actor.isEmpty,
              let key = authorObject["key"]?.stringValue.flatMap(PublicKey.init(base64:))
        else { throw LogFormatError("envelope.author must be {actor, key} with a base64 Ed25519 public key") }
        guard let prev = object["prev"]?.stringValue.flatMap(Hash.init(hex:)) else {
            throw LogFormatError("envelope.prev must be 64 lowercase hex digits")
        }
        let payload = try Payload(json: object["payload"]!)
        self.init(log: log, seq: UInt64(seq), id: id, stream: stream, version: UInt64(version), type: type, schema: schema,
                  recordedAt: recordedAt, author: Author(actor: actor, key: key), prev: prev, payload: payload)
    }
}

/// Who signed a record: an actor id and the key it held.
public struct Author: Hashable, Sendable {
    public var actor: String
    public var key: PublicKey

    public init(actor: String, key: PublicKey) {
        self.actor = actor
        self.key = key
    }
}

extension Dictionary where Key == String {
    /// Whether the keys are exactly `names`, without building a set of them.
    func hasExactly(_ names: Set<String>) -> Bool {
        count == names.count && keys.allSatisfy(names.contains)
    }
}
