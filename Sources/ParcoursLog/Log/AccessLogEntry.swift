/// One record of the access log, as a privacy officer reads it: where it sits in the log,
/// what kind of access it was, when, and its clear metadata (LOG-FORMAT.md: access records
/// are never sealed). The audits, the FHIR mapping and the participant's report read it
/// typed, as `ParcoursAccess`'s `RecordedAccess`; this envelope knows nothing of its members.
public struct AccessLogEntry: Sendable, Equatable {
    /// Position in the access log from 0 (its Merkle leaf index: `prove inclusion --access --seq`).
    public var seq: UInt64
    /// The record's UUID.
    public var id: String
    /// `access.read`, `access.export`…
    public var type: String
    public var recordedAt: Timestamp
    /// The access log's origin name, `<origin>/access`.
    public var log: String
    /// The clear payload: who, role, participant, view, purpose, outcome… — never clinical content.
    public var payload: [String: JSONValue]

    public init(seq: UInt64, id: String = "", type: String, recordedAt: Timestamp, log: String = "", payload: [String: JSONValue]) {
        self.seq = seq
        self.id = id
        self.type = type
        self.recordedAt = recordedAt
        self.log = log
        self.payload = payload
    }
}
