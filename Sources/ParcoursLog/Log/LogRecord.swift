/// One event of the log: `{"envelope": E, "sig": S}`.
public struct LogRecord: Sendable, Equatable {
    public var envelope: Envelope
    /// The 64-byte Ed25519 signature over `JCS(envelope)`.
    public var signature: [UInt8]

    /// The longest record line accepted (1 MiB).
    public static let maxLineLength = 1 << 20

    public init(envelope: Envelope, signature: [UInt8]) {
        self.envelope = envelope
        self.signature = signature
    }

    /// Signs `envelope` with `key`.
    public init(signing envelope: Envelope, with key: SigningKey) {
        self = LogRecord.signed(envelope, with: key).record
    }

    /// Signs `envelope` and returns the record with its line, encoding the envelope once.
    public static func signed(_ envelope: Envelope, with key: SigningKey) -> (record: LogRecord, line: [UInt8]) {
        let bytes = envelope.canonicalBytes
        let signature = key.sign(bytes)
        return (LogRecord(envelope: envelope, signature: signature), line(envelopeBytes: bytes, signature: signature))
    }

    /// The record line: the UTF-8 of `JCS(record)`, without a newline.
    public var line: [UInt8] { LogRecord.line(envelopeBytes: envelope.canonicalBytes, signature: signature) }

    /// `JCS({"envelope": E, "sig": S})` from `JCS(E)`; "envelope" sorts before "sig".
    static func line(envelopeBytes: [UInt8], signature: [UInt8]) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(envelopeBytes.count + 110)
        line.append(contentsOf: Array(#"{"envelope":"#.utf8))
        line.append(contentsOf: envelopeBytes)
        line.append(contentsOf: Array(#","sig":""#.utf8))
        line.append(contentsOf: Array(Base64.encode(signature).utf8))
        line.append(contentsOf: Array(#""}"#.utf8))
        return line
    }

    /// RFC 9162 leaf hash of a record line: `SHA-256(0x00 || line)`.
    public static func leafHash(line: [UInt8]) -> Hash { Sodium.sha256(prefix: 0x00, line) }
}
