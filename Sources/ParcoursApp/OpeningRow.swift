import ParcoursAccess
import ParcoursLog

/// An opening of a participant's record as a store keeps it for the care team's panel: its
/// place and time in the access log, and the members of its access record the panel shows,
/// as they were written — not yet checked (`RecordOpening.init(_:)` checks them).
///
/// SQLite keeps these in a table of their own, filled from each record as it is appended, so
/// the panel reads a few pages instead of twenty records scattered over the access log; other
/// stores read them from the records (`init(_:)`).
public struct OpeningRow: Sendable, Equatable {
    public var seq: UInt64
    public var recordedAt: Timestamp
    public var actor: String?
    public var role: String?
    public var organization: String?
    public var view: String?
    /// The categories shown, as written; empty when none (a refusal).
    public var categories: [String]
    public var purpose: String?
    public var outcome: String?
    public var reason: String?
    /// The `review` member is true: the glass was broken.
    public var review: Bool

    public init(seq: UInt64, recordedAt: Timestamp, actor: String?, role: String?, organization: String?, view: String?,
                categories: [String], purpose: String?, outcome: String?, reason: String?, review: Bool) {
        (self.seq, self.recordedAt, self.actor, self.role, self.organization) = (seq, recordedAt, actor, role, organization)
        (self.view, self.categories, self.purpose, self.outcome, self.reason, self.review) = (view, categories, purpose, outcome, reason, review)
    }

    /// The row an access record's payload gives. A member of another JSON type than the
    /// schema's is kept as SQLite's text of it (`1` for true, an array's JSON), so that
    /// checking it refuses it.
    public init(_ entry: AccessLogEntry) {
        let payload = entry.payload
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case nil, .null?: nil
            case .string(let text)?: text
            case .int(let number)?: String(number)
            case .bool(let truth)?: truth ? "1" : "0"
            case let other?: String(decoding: CanonicalJSON.encode(other), as: UTF8.self)
            }
        }
        var categories: [String] = []
        switch payload["categories"] {
        case .array(let items)?: categories = items.compactMap(text)
        case nil, .null?: break
        case let other?: categories = text(other).map { [$0] } ?? []
        }
        self.init(seq: entry.seq, recordedAt: entry.recordedAt, actor: text(payload["actor"]), role: text(payload["role"]),
                  organization: text(payload["organization"]), view: text(payload["view"]), categories: categories,
                  purpose: text(payload["purpose"]), outcome: text(payload["outcome"]), reason: text(payload["reason"]),
                  review: payload["review"] == .bool(true))
    }
}
