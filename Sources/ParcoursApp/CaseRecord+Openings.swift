import ParcoursAccess
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// The most recent openings of a participant's record, newest first, at most `limit`: who
    /// read it, when, for what, refused or not, by break-glass or not.
    ///
    /// Decided by the access policy like a read of the access log about her or him, for care:
    /// only a clinician of the care team, never through the glass; the decision is recorded
    /// first (this look is not listed among the openings it returns).
    ///
    /// - Throws: `AppError.invalidInput` naming `limit` (1 to 200) before anything is recorded;
    ///   `ConsentAwareReader.Denied` once a refusal is recorded; `ProjectionError` for a record
    ///   that does not exist.
    public func openings(of participant: ParticipantID, by identity: Identity, limit: Int = 20) async throws -> [RecordOpening] {
        guard (1...200).contains(limit) else { throw AppError.invalidInput(field: "limit", reason: "a number of openings from 1 to 200") }
        let session = try await session(identity, view: .accessLog, participant: participant)
        try await follower.reachHead()
        try await session.views.decide(.accessLog, purpose: .care, about: participant.rawValue, for: session.reader,
                                       organizations: session.organizations, today: Self.today())
        var openings: [RecordOpening] = []
        var before: UInt64?
        // Pages of the participant's records, newest first, until enough are openings.
        while openings.count < limit {
            let page = try await store.accessRecords(about: participant, before: before, limit: max(2 * limit, 32))
            for entry in page {
                let access = try RecordedAccess(entry)
                if RecordOpening.isOpening(access), openings.count < limit { openings.append(RecordOpening(access)) }
            }
            guard let last = page.last, page.count >= max(2 * limit, 32) else { break }
            before = last.seq
        }
        return openings
    }
}
