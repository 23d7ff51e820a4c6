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
    /// The record's clear payload (`access-record.v1`) member by member, its `justification`
    /// left out: read off the row's text without building a dictionary (the panel reads twenty).
    public var members: [(key: String, value: JSONValue)]

    /// The record's clear payload as one object.
    public var payload: [String: JSONValue] { Dictionary(members.map { ($0.key, $0.value) }) { _, last in last } }

    public init(seq: UInt64, recordedAt: Timestamp, payload: [String: JSONValue]) {
        self.init(seq: seq, recordedAt: recordedAt, members: Array(payload))
    }

    /// A row from its payload's members (each name once).
    public init(seq: UInt64, recordedAt: Timestamp, members: [(key: String, value: JSONValue)]) {
        (self.seq, self.recordedAt) = (seq, recordedAt)
        self.members = members
        // Rarely there (SQLite's rows are kept without it): removed in place, not copied.
        if let justification = members.firstIndex(where: { $0.key == "justification" }) { self.members.remove(at: justification) }
    }

    /// The row an access record gives.
    public init(_ entry: AccessLogEntry) {
        self.init(seq: entry.seq, recordedAt: entry.recordedAt, payload: entry.payload)
    }

    /// Equal rows: the same place, time and payload, whatever the order of its members.
    public static func == (a: OpeningRow, b: OpeningRow) -> Bool {
        a.seq == b.seq && a.recordedAt == b.recordedAt && a.payload == b.payload
    }
}
