/// An access-log record whose payload does not fit `access-record.v1`: the store is
/// damaged (the log's signatures verify what was written, not what this program reads).
/// Names the record's position and the member, never a value.
public struct DamagedAccessRecord: Error, Sendable, Equatable, CustomStringConvertible {
    public var seq: UInt64
    /// The member that does not fit (`role`, `categories[1]`), empty for the whole payload.
    public var field: String

    public init(seq: UInt64, field: String) {
        (self.seq, self.field) = (seq, field)
    }

    public var description: String {
        "the access log's record \(seq) does not fit access-record.v1"
            + (field.isEmpty ? "" : " (member \(field))") + ": the store is damaged; verify it and restore a backup"
    }
}
