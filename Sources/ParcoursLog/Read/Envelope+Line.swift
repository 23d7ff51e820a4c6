extension Envelope {
    /// The envelope of a record line, read in one pass by the strict reader
    /// (`RecordLineReader`) — for readers of a store already verified, which need neither
    /// the leaf hash nor the signature checked (projections).
    public init(line: UnsafeBufferPointer<UInt8>) throws(LogFormatError) {
        guard line.count <= LogRecord.maxLineLength else { throw LogFormatError("record line longer than 1 MiB") }
        self = try RecordLineReader.read(line).envelope
    }
}
