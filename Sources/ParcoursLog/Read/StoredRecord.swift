/// A record as a store keeps it: its line, and the columns the store indexes beside it.
///
/// Verification checks every column against the record its line holds, so an index
/// that lies (a seq, stream or id column changed under the line) is found.
public struct StoredRecord: Sendable, Equatable {
    public var seq: Int64
    public var id: String
    public var stream: String
    public var version: Int64
    public var type: String
    public var author: String
    public var recordedAt: String
    /// The stored leaf hash; nil when the store holds something else than 32 bytes there.
    public var leafHash: Hash?
    public var line: [UInt8]
    /// A column the store holds as another type than its own (a NULL, a blob for a text, a
    /// real for an integer): it differs from the record whatever it reads as.
    public var mistypedColumn: String?

    public init(seq: Int64, id: String, stream: String, version: Int64, type: String, author: String, recordedAt: String,
                leafHash: Hash?, line: [UInt8], mistypedColumn: String? = nil) {
        (self.seq, self.id, self.stream, self.version, self.type) = (seq, id, stream, version, type)
        (self.author, self.recordedAt, self.leafHash, self.line, self.mistypedColumn) = (author, recordedAt, leafHash, line, mistypedColumn)
    }

    /// The columns of a record being inserted.
    public init(_ record: LogRecord, line: [UInt8], leafHash: Hash) {
        let envelope = record.envelope
        self.init(seq: Int64(envelope.seq), id: envelope.id, stream: envelope.stream, version: Int64(envelope.version), type: envelope.type,
                  author: envelope.author.actor, recordedAt: envelope.recordedAt.description, leafHash: leafHash, line: line)
    }

    /// Which column differs from the record its line holds, if any.
    func differingColumn(from parsed: ParsedRecord) -> String? {
        if let mistypedColumn { return mistypedColumn }
        let envelope = parsed.record.envelope
        if seq != Int64(envelope.seq) { return "seq" }
        if id != envelope.id { return "id" }
        if stream != envelope.stream { return "stream" }
        if version != Int64(envelope.version) { return "version" }
        if type != envelope.type { return "type" }
        if author != envelope.author.actor { return "author" }
        if !envelope.recordedAt.isWritten(as: recordedAt) { return "recorded_at" }
        if leafHash != parsed.leafHash { return "leaf_hash" }
        return nil
    }
}
