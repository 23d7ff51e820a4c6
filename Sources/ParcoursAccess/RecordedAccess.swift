import ParcoursLog

/// An access as the access log holds it: the entry (its place in the log, its time) and
/// its payload read as an `AccessRecord`. What the audits, the FHIR mapping and the
/// participant's report read.
public struct RecordedAccess: Sendable, Equatable {
    public var entry: AccessLogEntry
    public var record: AccessRecord

    /// Reads an entry's payload; one that does not fit `access-record.v1` is refused.
    public init(_ entry: AccessLogEntry) throws(DamagedAccessRecord) {
        let prefix = "access."
        guard entry.type.hasPrefix(prefix), let kind = AccessRecord.Kind(rawValue: String(entry.type.dropFirst(prefix.count))) else {
            throw DamagedAccessRecord(seq: entry.seq, field: "type")
        }
        do {
            record = try JSONValueDecoder().decode(AccessRecord.self, from: .object(entry.payload))
        } catch let error as JSONValueDecodingError {
            throw DamagedAccessRecord(seq: entry.seq, field: error.field)
        } catch {
            throw DamagedAccessRecord(seq: entry.seq, field: "")
        }
        record.kind = kind
        self.entry = entry
    }

    public var seq: UInt64 { entry.seq }
    public var recordedAt: Timestamp { entry.recordedAt }
    /// The day it was recorded, `YYYY-MM-DD` (UTC).
    public var day: String { String(entry.recordedAt.description.prefix(10)) }
}

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
