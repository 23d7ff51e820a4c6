import Foundation
import ParcoursAccess
import ParcoursLog

/// The review of what the access log raised: the privacy officer marks an access reviewed,
/// with a comment, in the register `register/reviews` (`AccessReview`). Every read and write
/// of it is decided by the access policy (view `registers`, purpose `audit`) and recorded
/// before anything is read.
extension CaseRecord {
    /// Records that access record `seq` was reviewed, with `comment`, signed by `identity`.
    ///
    /// - Parameter id: the event's id (a lowercase UUID): retrying with it is idempotent.
    /// - Throws: `AppError.invalidInput` naming `comment` or `id` before anything is recorded,
    ///   or `seq` (no such record, or already reviewed); `ConsentAwareReader.Denied` once a
    ///   refusal is recorded.
    public func reviewAccess(seq: UInt64, comment: String, id: String? = nil, by identity: Identity) async throws -> AppendResult {
        try Self.checkEventID(id)
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (AccessReview.minimumComment...AccessReview.maximumComment).contains(comment.count) else {
            throw AppError.invalidInput(field: "comment", reason: "\(AccessReview.minimumComment) to \(AccessReview.maximumComment) characters saying what was found")
        }
        let session = try await session(identity, view: .registers)
        try await session.authorize(.registers, purpose: .audit, kind: .write) { $0.stream = AccessReview.stream }
        guard seq < (try await store.size(.access)) else { throw AppError.invalidInput(field: "seq", reason: "a record of the access log") }
        let reviews = try await storedReviews()
        // Once per access; the same review sent again (its id) is the same event.
        if reviews.contains(where: { $0.access == seq && $0.id != id }) { throw AppError.invalidInput(field: "seq", reason: "an access not reviewed yet") }
        let draft = EventDraft(type: AccessReview.reviewedType, stream: AccessReview.stream,
                               data: ["access": .int(Int64(seq)), "comment": .string(comment)], id: id)
        return try await session.store.append([draft], by: session.signingKey(), master: nil)[0]
    }

    /// The reviews recorded, oldest first, the read recorded first.
    public func accessReviews(by identity: Identity) async throws -> [AccessReview] {
        let session = try await session(identity, view: .registers)
        try await session.authorize(.registers, purpose: .audit) { $0.stream = AccessReview.stream }
        return try await storedReviews()
    }

    private func storedReviews() async throws -> [AccessReview] {
        try await store.events(inStream: AccessReview.stream, master: nil).compactMap(AccessReview.init)
    }
}
