extension AccessLogEntry {
    /// An access record read back from its line as stored, whatever the backend. Access
    /// records are clear (LOG-FORMAT.md): a line that does not parse, or a sealed one, means
    /// the store is damaged. `seq`, when known, names the record in the error.
    ///
    /// Read as strictly as `ParsedRecord` reads a line (`RecordLineReader`), without the leaf hash
    /// and the signature only verification needs: the care team's panel of who opened a record
    /// reads forty lines a page.
    public init(storedLine line: [UInt8], seq: UInt64?) throws {
        let envelope: Envelope
        do {
            guard line.count <= LogRecord.maxLineLength else { throw LogFormatError("record line longer than 1 MiB") }
            envelope = try line.withUnsafeBufferPointer { buffer throws(LogFormatError) in try RecordLineReader.read(buffer) }.envelope
        } catch {
            throw LogError.storeDamaged(seq.map { "access record \($0) does not parse" } ?? "an access record about a participant does not parse")
        }
        guard case .clear(let payload) = envelope.payload else {
            throw LogError.storeDamaged("access record \(envelope.seq) is sealed; the access log is clear")
        }
        self.init(seq: envelope.seq, id: envelope.id, type: envelope.type, recordedAt: envelope.recordedAt, log: envelope.log, payload: payload)
    }
}

extension LogStore {
    /// Every record of the access log, in `seq` order, read by pages in one snapshot.
    ///
    /// Access records are clear (LOG-FORMAT.md), so no key is needed to read them. A sealed or
    /// unparsable record means the store is damaged.
    public func accessRecords() throws -> [AccessLogEntry] {
        try withReadTransaction(on: .access) { transaction in
            var entries: [AccessLogEntry] = []
            try transaction.lines(from: 0, to: transaction.size(), chunk: ExportVerifier.chunkSize) { lines in
                for line in lines { entries.append(try AccessLogEntry(storedLine: line, seq: UInt64(entries.count))) }
            }
            return entries
        }
    }
}
