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
    /// payload's nonce and ciphertext are left out (both empty), since verifying never opens it.
    init(verifying line: [UInt8]) throws(LogFormatError) {
        try self.init(line: line, checkSignature: true, sealed: .checkedOnly)
    }

    private init(line: [UInt8], checkSignature: Bool, sealed: RecordLineReader.SealedBytes) throws(LogFormatError) {
        guard line.count <= LogRecord.maxLineLength else { throw LogFormatError("record line longer than 1 MiB") }
        let read = try line.withUnsafeBufferPointer { buffer throws(LogFormatError) in try RecordLineReader.read(buffer, sealed: sealed) }
        record = LogRecord(envelope: read.envelope, signature: read.signature)
        self.line = line
        envelopeRange = read.envelopeRange
        leafHash = LogRecord.leafHash(line: line)
        signatureValid = checkSignature ? read.envelope.author.key.isValidSignature(read.signature, of: line[read.envelopeRange]) : false
    }

    /// The bytes the author signed: `JCS(envelope)`, as they stand in the line.
    public var envelopeBytes: ArraySlice<UInt8> { line[envelopeRange] }
}
