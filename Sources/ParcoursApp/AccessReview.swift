import ParcoursLog

/// The privacy officer's review of an access the audit raised (a break-glass read, a read
/// outside the care team…): a signed, clear event `access.reviewed` of the register
/// `register/reviews`, naming the access record's seq and saying what was found. Its author
/// is the reviewer.
public struct AccessReview: Sendable, Equatable {
    /// The register's stream, and its event's type (`Schemas/registers/access.reviewed.v1.schema.json`).
    public static let stream = "register/reviews"
    public static let reviewedType = "access.reviewed"
    /// The shortest comment accepted: a sentence saying what was found, not a word.
    public static let minimumComment = 10
    public static let maximumComment = 2000

    /// The access record reviewed (its seq in the access log).
    public var access: UInt64
    public var comment: String
    public var reviewer: String
    public var at: Timestamp
    /// The review's event id.
    public var id: String

    public init(access: UInt64, comment: String, reviewer: String, at: Timestamp, id: String) {
        (self.access, self.comment, self.reviewer, self.at, self.id) = (access, comment, reviewer, at, id)
    }

    /// The review an event of the register says, if it is one.
    init?(_ event: StoredEvent) {
        guard event.envelope.type == Self.reviewedType, case .clear(let data) = event.content,
              case .int(let seq) = data["access"], seq >= 0, case .string(let comment) = data["comment"] else { return nil }
        self.init(access: UInt64(seq), comment: comment, reviewer: event.envelope.author.actor, at: event.envelope.recordedAt, id: event.envelope.id)
    }
}
