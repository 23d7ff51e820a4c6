import ParcoursLog

/// An opening of a participant's record as a store keeps it for the care team's panel: its
/// place and time in the access log, and its record's clear payload as written — without
/// the break-glass justification, which the panel never shows. Checked when read
/// (`RecordOpening.init(_:)`), as every access record is.
///
/// SQLite keeps these in a table of their own, filled from each record as it is appended, so
/// the panel reads a page or two instead of twenty records scattered over the access log;
/// other stores read them from the records (`init(_:)`).
public struct OpeningRow: Sendable, Equatable {
    public var seq: UInt64
    public var recordedAt: Timestamp
    /// The record's clear payload (`access-record.v1`), its `justification` left out.
    public var payload: [String: JSONValue]

    public init(seq: UInt64, recordedAt: Timestamp, payload: [String: JSONValue]) {
        (self.seq, self.recordedAt) = (seq, recordedAt)
        self.payload = payload
        self.payload["justification"] = nil
    }

    /// The row an access record gives.
    public init(_ entry: AccessLogEntry) {
        self.init(seq: entry.seq, recordedAt: entry.recordedAt, payload: entry.payload)
    }
}
