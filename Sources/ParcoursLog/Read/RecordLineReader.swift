/// Reads a record line in one pass: `JCS({"envelope": E, "sig": S})`, nothing else.
///
/// The members of a record and of its envelope have one canonical order, so the line is
/// read against that template, each value checked as it is read (canonical form by
/// `CanonicalJSONReader`, then the meaning `Envelope(json:)` gives it), and the bytes
/// the author signed — `JCS(E)` — are the range between `{"envelope":` and `,"sig":`,
/// never re-encoded. It refuses exactly the lines that parsing into a tree, reading the
/// envelope and writing it back would refuse (held by a differential test); only the
/// wording of the reason may differ.
enum RecordLineReader {
    /// What a line holds, with where its envelope's bytes are.
    struct Read {
        var envelope: Envelope
        /// The 64 bytes of the signature, held inline: a verifier checks them and keeps none.
        var signature: SIMD64<UInt8>
        /// The range of `JCS(E)` in the line: what the signature is over.
        var envelopeRange: Range<Int>

        var signatureBytes: [UInt8] { withUnsafeBytes(of: signature) { Array($0) } }
    }

    /// What one reading leaves for the next: the texts the records of a log repeat (its name,
    /// the last author and her key). A record naming them again shares them instead of making
    /// them anew, and the key is not decoded again. A verifier's thread keeps one across the
    /// lines it reads; what is read is the same with or without it (a differential test holds it).
    struct Recall {
        fileprivate var log: String?
        fileprivate var actor: String?
        fileprivate var keyText: [UInt8] = []
        fileprivate var key: PublicKey?

        init() {}
    }

    /// What reading does with a sealed payload's nonce and ciphertext.
    enum SealedBytes {
        /// Decoded into the payload, for readers that open it.
        case decoded
        /// Checked (canonical base64 of 24 bytes, and of at least the 16-byte tag) and left
        /// out: the payload's `nonce` and `ciphertext` are empty. Verification never opens a
        /// payload, and decoding a kilobyte of base64 a record was a few per cent of its time.
        case checkedOnly
    }

    /// Reads `line` (without its newline).
    static func read(_ line: UnsafeBufferPointer<UInt8>, sealed: SealedBytes = .decoded) throws(LogFormatError) -> Read {
        var recall = Recall()
        return try read(line, sealed: sealed, recall: &recall)
    }

    /// Reads `line`, sharing with `recall` what the line before it named too.
    static func read(_ line: UnsafeBufferPointer<UInt8>, sealed: SealedBytes, recall: inout Recall) throws(LogFormatError) -> Read {
        var reader = CanonicalJSONReader(line)
        do throws(JSONError) {
            try reader.expect(#"{"envelope":"#)
            let start = reader.index
            let envelope = try self.envelope(&reader, sealed: sealed, recall: &recall)
            let end = reader.index
            try reader.expect(#","sig":"#)
            let token = try reader.stringToken()
            var signature = SIMD64<UInt8>()
            let decoded = withUnsafeMutableBytes(of: &signature) { raw in
                raw.withMemoryRebound(to: UInt8.self) { Base64.decode(bytes: UnsafeBufferPointer(rebasing: line[token.range]), into: $0) }
            }
            guard decoded else { throw invalid("sig must be the base64 of a 64-byte Ed25519 signature") }
            try reader.expect("}")
            guard reader.isAtEnd else { throw JSONError(offset: reader.index, reason: "unexpected content after the record") }
            return Read(envelope: envelope, signature: signature, envelopeRange: start..<end)
        } catch where error.offset == meaning {
            throw LogFormatError(error.reason)
        } catch {
            throw LogFormatError("record line is not in canonical form (RFC 8785): \(error)")
        }
    }

    /// The envelope's members in JCS order: author, format, id, log, payload, prev,
    /// recordedAt, schema, seq, stream, type, version.
    private static func envelope(_ reader: inout CanonicalJSONReader, sealed use: SealedBytes, recall: inout Recall) throws(JSONError) -> Envelope {
        func ascii(_ token: CanonicalJSONReader.StringToken) -> UnsafeBufferPointer<UInt8>? {
            token.isASCII && !token.isEscaped ? UnsafeBufferPointer(rebasing: reader.bytes[token.range]) : nil
        }
        try reader.expect(#"{"author":{"actor":"#)
        let actor = text(of: try reader.stringToken(), in: reader, recalling: &recall.actor)
        try reader.expect(#","key":"#)
        let keyToken = try reader.stringToken()
        guard !actor.isEmpty, let keyText = ascii(keyToken), let key = recall.key(keyText)
        else { throw invalid("envelope.author must be {actor, key} with a base64 Ed25519 public key") }
        try reader.expect(#"},"format":"parcours-event/1","id":"#)
        let id = try reader.string()
        guard Identifiers.isEventID(id) else { throw invalid("envelope.id must be a lowercase UUID") }
        try reader.expect(#","log":"#)
        let log = text(of: try reader.stringToken(), in: reader, recalling: &recall.log)
        guard !log.isEmpty else { throw invalid("envelope.log must be the origin name") }
        try reader.expect(#","payload":"#)
        let payload = try self.payload(&reader, sealed: use)
        try reader.expect(#","prev":"#)
        guard let prevText = ascii(try reader.stringToken()), let prev = Hash(hexBytes: prevText) else {
            throw invalid("envelope.prev must be 64 lowercase hex digits")
        }
        try reader.expect(#","recordedAt":"#)
        // Read in place: a JCS string escapes no character of the form, so an escaped or non-ASCII one is refused as before.
        guard let recordedAtText = ascii(try reader.stringToken()), let recordedAt = Timestamp(utf8: recordedAtText),
              recordedAt.isWritten(as: recordedAtText) else {
            throw invalid("envelope.recordedAt must be RFC 3339 UTC with milliseconds")
        }
        try reader.expect(#","schema":"#)
        let schema = try reader.integer()
        guard schema >= 1 else { throw invalid("envelope.schema must be ≥ 1") }
        try reader.expect(#","seq":"#)
        let seq = try reader.integer()
        guard seq >= 0 else { throw invalid("envelope.seq must be an integer ≥ 0") }
        try reader.expect(#","stream":"#)
        let stream = try reader.string()
        guard Identifiers.isStream(stream) else {
            throw invalid("envelope.stream must be a stream name such as directory or participant/P-XXXXXX")
        }
        try reader.expect(#","type":"#)
        let type = try reader.string()
        guard Identifiers.isEventType(type) else { throw invalid("envelope.type must be a dotted lowercase event type") }
        try reader.expect(#","version":"#)
        let version = try reader.integer()
        guard version >= 0 else { throw invalid("envelope.version must be an integer ≥ 0") }
        try reader.expect("}")
        return Envelope(log: log, seq: UInt64(seq), id: id, stream: stream, version: UInt64(version), type: type, schema: schema,
                        recordedAt: recordedAt, author: Author(actor: actor, key: key), prev: prev, payload: payload)
    }

    /// `{"clear":{…}}` or `{"sealed":{"alg":…,"ct":…,"key":…,"nonce":…}}`; the envelope is at depth 1.
    private static func payload(_ reader: inout CanonicalJSONReader, sealed use: SealedBytes) throws(JSONError) -> Payload {
        try reader.expect(#"{""#)
        if reader.peek == UInt8(ascii: "c") {
            try reader.expect(#"clear":"#)
            let data = try reader.object(depth: 3)
            try reader.expect("}")
            return .clear(data)
        }
        try reader.expect(#"sealed":{"alg":"xchacha20poly1305-ietf","ct":"#)
        let ct = try reader.stringToken()
        try reader.expect(#","key":"#)
        let keyID = try reader.string()
        try reader.expect(#","nonce":"#)
        let nonce = try reader.stringToken()
        try reader.expect("}}")
        guard (1...128).contains(keyID.utf8.count) else { throw invalid("payload.sealed.key must be a data key id (1 to 128 bytes)") }
        func base64(_ token: CanonicalJSONReader.StringToken, count: (Int) -> Bool) -> [UInt8]? {
            guard !token.isEscaped else { return nil }
            let text = UnsafeBufferPointer(rebasing: reader.bytes[token.range])
            switch use {
            case .decoded: return Base64.decode(bytes: text).flatMap { count($0.count) ? $0 : nil }
            case .checkedOnly: return Base64.decodedCount(ofCanonical: text).flatMap { count($0) ? [] : nil }
            }
        }
        guard let nonceBytes = base64(nonce, count: { $0 == DataKey.nonceLength }) else {
            throw invalid("payload.sealed.nonce must be the base64 of 24 bytes")
        }
        guard let ciphertext = base64(ct, count: { $0 >= 16 }) else {
            throw invalid("payload.sealed.ct must be base64 of ciphertext and its 16-byte tag")
        }
        return .sealed(SealedPayload(keyID: keyID, nonce: nonceBytes, ciphertext: ciphertext))
    }

    /// The text of `token`, shared with `last` when it reads the same bytes (then none is made).
    private static func text(of token: CanonicalJSONReader.StringToken, in reader: CanonicalJSONReader,
                             recalling last: inout String?) -> String {
        if !token.isEscaped, let known = last, known.utf8.count == token.range.count,
           known.utf8.withContiguousStorageIfAvailable({ $0.elementsEqual(reader.bytes[token.range]) }) == true {
            return known
        }
        let text = reader.text(of: token)
        last = text
        return text
    }

    /// The offset that marks a value in canonical form whose meaning the format refuses
    /// (its reason is then the format's own, as `Envelope(json:)` words it).
    private static let meaning = -1

    private static func invalid(_ reason: String) -> JSONError { JSONError(offset: meaning, reason: reason) }
}

extension RecordLineReader.Recall {
    /// The Ed25519 key `text` is the canonical base64 of; the last one found when `text` is its base64 again.
    fileprivate mutating func key(_ text: UnsafeBufferPointer<UInt8>) -> PublicKey? {
        if let key, text.elementsEqual(keyText) { return key }
        guard let bytes = Base64.decode(bytes: text), bytes.count == 32, let decoded = try? PublicKey(bytes: bytes) else { return nil }
        (key, keyText) = (decoded, Array(text))
        return decoded
    }
}
