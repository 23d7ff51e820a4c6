/// A C2SP `tlog-cosignature` Ed25519 cosignature (`cosignature/v1`): a witness's timestamped
/// statement that a checkpoint is the largest consistent tree it has seen of that log.
///
/// On the note it is a signature line whose blob is `key id (4) || timestamp (u64, big
/// endian) || Ed25519 signature (64)`, 76 bytes; the signature is over `message(body:timestamp:)`.
public struct Cosignature: Sendable, Equatable {
    /// The largest timestamp the spec allows (2^63 - 1).
    public static let maxTimestamp = UInt64(Int64.max)

    /// The witness's key name.
    public var name: String
    /// The witness key's id (`WitnessVerifier.keyID`).
    public var keyID: [UInt8]
    /// When the witness cosigned, in POSIX seconds.
    public var timestamp: UInt64
    /// The 64-byte Ed25519 signature.
    public var signature: [UInt8]

    public init(name: String, keyID: [UInt8], timestamp: UInt64, signature: [UInt8]) {
        (self.name, self.keyID, self.timestamp, self.signature) = (name, keyID, timestamp, signature)
    }

    /// The signed message: `cosignature/v1`, `time <timestamp>`, then the checkpoint's note
    /// text (with its final newline, without signature lines).
    public static func message(body: String, timestamp: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(body)".utf8)
    }

    /// The note signature line carrying this cosignature.
    public var noteSignature: NoteSignature {
        var blob = keyID
        for shift in stride(from: 56, through: 0, by: -8) { blob.append(UInt8(truncatingIfNeeded: timestamp >> UInt64(shift))) }
        return NoteSignature(name: name, blob: blob + signature)
    }

    /// `— <name> <base64>` and a newline.
    public var line: String { noteSignature.line }

    /// Reads a cosignature from a note signature, refusing a blob that is not 76 bytes or a
    /// timestamp beyond 2^63 - 1.
    public init(_ signature: NoteSignature) throws(LogFormatError) {
        let blob = signature.blob
        guard blob.count == 76 else { throw LogFormatError("an Ed25519 cosignature is 76 bytes: key id, timestamp and signature") }
        let timestamp = blob[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= Self.maxTimestamp else { throw LogFormatError("a cosignature's timestamp must not exceed 2^63 - 1") }
        self.init(name: signature.name, keyID: Array(blob.prefix(4)), timestamp: timestamp, signature: Array(blob[12...]))
    }

    /// Parses one cosignature line (with or without its newline).
    public init(line: String) throws(LogFormatError) {
        try self.init(NoteSignature(line: line.hasSuffix("\n") ? String(line.dropLast()) : line))
    }
}
