/// A record read back from its line, with what verifying it needs.
public struct ParsedRecord: Sendable {
    public var record: LogRecord
    public var line: [UInt8]
    public var leafHash: Hash
    /// Whether the signature verifies against the key the author claims.
    public var signatureValid: Bool
    /// Where `JCS(envelope)` — the bytes the author signed — lies in `line`.
    public var envelopeRange: Range<Int>

    /// Reads a record line in one pass (`RecordLineReader`), refusing anything that is not
    /// exactly `JCS(record)`, then checks the signature over the envelope's bytes as they
    /// stand in the line against the claimed author key.
    public init(line: [UInt8], checkSignature: Bool = true) throws(LogFormatError) {
        try self.init(line: line, checkSignature: checkSignature, sealed: .decoded)
    }

    /// Reads a record line for verification: everything checked as above, but a sealed
    /// payload's nonce and ciphertext are left out (both empty), since verifying never opens it,
    /// and so is the signature once checked (`record.signature` is empty).
    init(verifying line: [UInt8]) throws(LogFormatError) {
        var recall = RecordLineReader.Recall()
        try self.init(verifying: line, recall: &recall)
    }

    /// Reads a record line for verification, sharing with `recall` what the line before it named too.
    init(verifying line: [UInt8], recall: inout RecordLineReader.Recall) throws(LogFormatError) {
        try self.init(line: line, checkSignature: true, sealed: .checkedOnly, recall: &recall)
    }

    private init(line: [UInt8], checkSignature: Bool, sealed: RecordLineReader.SealedBytes) throws(LogFormatError) {
        var recall = RecordLineReader.Recall()
        try self.init(line: line, checkSignature: checkSignature, sealed: sealed, recall: &recall)
    }

    private init(line: [UInt8], checkSignature: Bool, sealed: RecordLineReader.SealedBytes,
                 recall: inout RecordLineReader.Recall) throws(LogFormatError) {
        guard line.count <= LogRecord.maxLineLength else { throw LogFormatError("record line longer than 1 MiB") }
        let read = try line.withUnsafeBufferPointer { buffer throws(LogFormatError) in
            try RecordLineReader.read(buffer, sealed: sealed, recall: &recall)
        }
        let verifying = sealed == .checkedOnly
        record = LogRecord(envelope: read.envelope, signature: verifying ? [] : read.signatureBytes)
        self.line = line
        envelopeRange = read.envelopeRange
        leafHash = LogRecord.leafHash(line: line)
        signatureValid = checkSignature
            ? withUnsafeBytes(of: read.signature) { read.envelope.author.key.isValidSignature($0, of: line[read.envelopeRange]) } : false
    }

    /// The bytes the author signed: `JCS(envelope)`, as they stand in the line.
    public var envelopeBytes: ArraySlice<UInt8> { line[envelopeRange] }
}
