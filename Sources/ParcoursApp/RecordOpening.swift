import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// One opening of a participant's record, as the access log keeps it and the care team sees
/// it: when, who (the actor, and the role and organization the directory gave her or him),
/// which view and categories, for what purpose, whether it was refused (and why, as a
/// category), whether the glass was broken (marked for review). Never what was read, nor the
/// written justification.
///
/// An opening is a read about her or him — a journey, a timeline, the participant's report,
/// an audit of her or his accesses, an attempt to see this list refused — but not a write,
/// and not the care team's own look at this list (view `access-log`, purpose `care`,
/// permitted). The stores spell the rule in SQL: SQLite's trigger `access_opening_kept`
/// (`Store.isOpening`), PostgreSQL's `parcours_access_opening`.
public struct RecordOpening: Sendable, Equatable {
    /// Its place in the access log.
    public var seq: UInt64
    public var at: Timestamp
    /// An actor of the directory, or `unproven-` and a digest for an identity not proven.
    public var actor: String
    public var role: Role?
    public var organization: String?
    public var view: AccessView?
    /// The categories shown, sorted; empty for a refusal.
    public var categories: [InformationCategory]
    public var purpose: AccessPurpose?
    /// Why it was refused; nil when permitted.
    public var refusal: AccessRecord.Reason?
    /// The glass was broken: permitted with a written justification, raised for review.
    public var brokeGlass: Bool

    public var refused: Bool { refusal != nil }

    /// The opening an access record tells of.
    public init(_ access: RecordedAccess) {
        self.init(seq: access.seq, at: access.recordedAt, record: access.record)
    }

    /// The opening a store's row tells of, its payload read as `access-record.v1` says.
    ///
    /// - Throws: `DamagedAccessRecord` naming the member that does not fit.
    public init(_ row: OpeningRow) throws(DamagedAccessRecord) {
        self.init(seq: row.seq, at: row.recordedAt, record: try AccessRecord(members: row.members, seq: row.seq))
    }

    private init(seq: UInt64, at: Timestamp, record: AccessRecord) {
        self.seq = seq
        self.at = at
        actor = record.actor.rawValue
        role = record.role
        organization = record.organization
        view = record.view
        categories = record.categories ?? []
        purpose = record.purpose
        refusal = record.outcome == .denied ? (record.reason ?? .refused) : nil
        brokeGlass = record.review
    }
}
