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
        record = try AccessRecord(payload: entry.payload, seq: entry.seq)
        record.kind = kind
        self.entry = entry
    }

    public var seq: UInt64 { entry.seq }
    public var recordedAt: Timestamp { entry.recordedAt }
    /// The day it was recorded, `YYYY-MM-DD` (UTC).
    public var day: String { String(entry.recordedAt.description.prefix(10)) }

    /// As programs read it (`audit access --json`, the API): its place, its time and its payload
    /// (`Schemas/log/access-record.v1.schema.json`).
    public var json: JSONValue {
        ["seq": .int(Int64(seq)), "type": .string(record.type), "recordedAt": .string(recordedAt.description), "record": .object(record.payload)]
    }
}

extension AccessRecord {
    /// Reads a clear payload as `access-record.v1` says (its kind left to the record's type).
    ///
    /// - Throws: `DamagedAccessRecord` naming record `seq` and the member that does not fit.
    public init(payload: [String: JSONValue], seq: UInt64) throws(DamagedAccessRecord) {
        try self.init(reading: payload, seq: seq)
    }

    /// Reads a clear payload given member by member (each name once), as `init(payload:seq:)` does.
    ///
    /// - Throws: `DamagedAccessRecord` naming record `seq` and the member that does not fit.
    public init(members: [(key: String, value: JSONValue)], seq: UInt64) throws(DamagedAccessRecord) {
        try self.init(reading: members, seq: seq)
    }

    /// Both, specialized here for each (a generic called from another module would not be).
    private init(reading members: some Collection<(key: String, value: JSONValue)>, seq: UInt64) throws(DamagedAccessRecord) {
        do {
            self = try AccessRecord(readingByHand: members)
                ?? JSONValueDecoder().decode(AccessRecord.self, from: .object(Dictionary(members.map { ($0.key, $0.value) }) { _, last in last }))
        } catch let error as JSONValueDecodingError {
            throw DamagedAccessRecord(seq: seq, field: error.field)
        } catch {
            throw DamagedAccessRecord(seq: seq, field: "")
        }
    }
}
