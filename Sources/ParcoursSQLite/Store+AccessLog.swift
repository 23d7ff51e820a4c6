import ParcoursLog

extension Store {
    /// Every record of the access log, in `seq` order.
    ///
    /// Access records are clear (LOG-FORMAT.md), so no key is needed to read them. A sealed or
    /// unparsable record means the store is damaged.
    public func accessRecords() throws -> [AccessLogEntry] {
        try logStore(master: nil).withReadTransaction(on: .access) { transaction in
            var entries: [AccessLogEntry] = []
            try transaction.lines(from: 0, to: transaction.size(), chunk: ExportVerifier.chunkSize) { lines in
                for line in lines {
                    let seq = UInt64(entries.count)
                    let envelope: Envelope
                    do { envelope = try ParsedRecord(line: line, checkSignature: false).record.envelope } catch {
                        throw StoreError.storeDamaged("access record \(seq) does not parse")
                    }
                    guard case .clear(let payload) = envelope.payload else {
                        throw StoreError.storeDamaged("access record \(seq) is sealed; the access log is clear")
                    }
                    entries.append(AccessLogEntry(seq: envelope.seq, id: envelope.id, type: envelope.type, recordedAt: envelope.recordedAt,
                                                  log: envelope.log, payload: payload))
                }
            }
            return entries
        }
    }
}
