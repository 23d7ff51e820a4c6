import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// One opening of a participant's record, as the access log keeps it and the care team sees
/// it: when, who (the actor, and the role and organization the directory gave her or him),
/// which view and categories, for what purpose, whether it was refused (and why, as a
/// category), whether the glass was broken (marked for review). Never what was read, nor the
/// written justification.
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
        let record = access.record
        seq = access.seq
        at = access.recordedAt
        actor = record.actor.rawValue
        role = record.role
        organization = record.organization
        view = record.view
        categories = record.categories ?? []
        purpose = record.purpose
        refusal = record.outcome == .denied ? (record.reason ?? .refused) : nil
        brokeGlass = record.review
    }

    /// The opening a store's row tells of, its members checked as `access-record.v1` says.
    ///
    /// - Throws: `DamagedAccessRecord` naming the first member that does not fit.
    public init(_ row: OpeningRow) throws(DamagedAccessRecord) {
        func damaged(_ field: String) -> DamagedAccessRecord { DamagedAccessRecord(seq: row.seq, field: field) }
        func checked<T: RawRepresentable<String>>(_ text: String?, _ field: String) throws(DamagedAccessRecord) -> T? {
            guard let text else { return nil }
            guard let value = T(rawValue: text) else { throw damaged(field) }
            return value
        }
        guard let actor = row.actor, ActorID(actor) != nil else { throw damaged("actor") }
        guard let outcome: AccessDecision.Outcome = try checked(row.outcome, "outcome") else { throw damaged("outcome") }
        var categories: [InformationCategory] = []
        for (index, category) in row.categories.enumerated() {
            guard let value = InformationCategory(rawValue: category) else { throw damaged("categories[\(index)]") }
            categories.append(value)
        }
        let reason: AccessRecord.Reason? = try checked(row.reason, "reason")
        seq = row.seq
        at = row.recordedAt
        self.actor = actor
        role = try checked(row.role, "role")
        organization = row.organization
        view = try checked(row.view, "view")
        self.categories = categories
        purpose = try checked(row.purpose, "purpose")
        refusal = outcome == .denied ? (reason ?? .refused) : nil
        brokeGlass = row.review
    }

    /// Whether an access record is an opening of the record the care team is shown: a read (a
    /// journey, a timeline, the participant's report, an audit of her or his accesses, an
    /// attempt to see this list refused), not a write, and not the care team's own look at
    /// this list.
    static func isOpening(_ access: RecordedAccess) -> Bool {
        let record = access.record
        return record.kind == .read && !(record.view == .accessLog && record.purpose == .care && record.outcome == .permitted)
    }
}
