extension AccessLogEntry {
    /// An access record read back from its line as stored, whatever the backend. Access
    /// records are clear (LOG-FORMAT.md): a line that does not parse, or a sealed one, means
    /// the store is damaged. `seq`, when known, names the record in the error.
    public init(storedLine line: [UInt8], seq: UInt64?) throws {
        let envelope: Envelope
        do { envelope = try ParsedRecord(line: line, checkSignature: false).record.envelope } catch {
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
