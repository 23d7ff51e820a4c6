import ParcoursAccess
import ParcoursClinical
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
        try Self.check(openingsLimit: limit)
        let session = try await session(identity, view: .accessLog, participant: participant)
        try await follower.reachHead()
        return try await openings(of: participant, in: session, deciding: nil, limit: limit)
    }

    /// A participant's journey as `identity` may see it, and — for a clinician of the care team
    /// who read it whole, for care, without breaking the glass — the record's most recent
    /// openings (`openings(of:by:limit:)`), nil for anyone else. One request: the identity is
    /// proven once; the journey's read and the look at the openings are each decided by the
    /// policy and recorded, in that order, so the list begins with this very reading.
    ///
    /// - Throws: `AppError.invalidInput` naming `limit` (1 to 200) before anything is recorded;
    ///   otherwise as `journey(of:view:by:breakGlass:)` does; a refusal of the openings only
    ///   leaves them out (it is recorded); any other failure (the access log cannot be
    ///   written) fails the whole, closed.
    public func journeyWithOpenings(of participant: ParticipantID, by identity: Identity, breakGlass: String? = nil,
                                    limit: Int = 20) async throws -> (journey: Journey, decision: AccessDecision, openings: [RecordOpening]?) {
        try Self.check(openingsLimit: limit)
        let session = try await session(identity, view: .journey, participant: participant)
        try await follower.reachHead()
        let (journey, decision) = try await session.journey(of: participant, view: .journey, breakGlass: breakGlass)
        guard !decision.brokeGlass, decision.purpose == .care, decision.categories == Set(InformationCategory.allCases),
              journey.careTeam.contains(session.reader.id) else { return (journey, decision, nil) }
        do {
            return (journey, decision, try await openings(of: participant, in: session, deciding: journey, limit: limit))
        } catch is ConsentAwareReader.Denied {
            return (journey, decision, nil)
        }
    }

    private static func check(openingsLimit limit: Int) throws {
        guard (1...200).contains(limit) else { throw AppError.invalidInput(field: "limit", reason: "a number of openings from 1 to 200") }
    }

    /// The look at the openings, decided and recorded, then read page by page of the
    /// participant's access records, newest first, until enough are openings. Decided on the
    /// access facts of `journey` when the request has just read it whole (opening it again was
    /// a sixth of the journey page), else on the journey as it stands.
    private func openings(of participant: ParticipantID, in session: Session, deciding journey: Journey?,
                          limit: Int) async throws -> [RecordOpening] {
        if let journey {
            let context = journey.accessContext(organizations: session.organizations, today: Self.today())
            try await session.views.decide(AccessRequest(reader: session.reader, view: .accessLog, participant: context, purpose: .care))
        } else {
            try await session.views.decide(.accessLog, purpose: .care, about: participant.rawValue, for: session.reader,
                                           organizations: session.organizations, today: Self.today())
        }
        var openings: [RecordOpening] = []
        var before: UInt64?
        let pageSize = max(2 * limit, 32)
        while openings.count < limit {
            let page = try await store.accessRecords(about: participant, before: before, limit: pageSize)
            for entry in page {
                let access = try RecordedAccess(entry)
                if RecordOpening.isOpening(access), openings.count < limit { openings.append(RecordOpening(access)) }
            }
            guard let last = page.last, page.count >= pageSize else { break }
            before = last.seq
        }
        return openings
    }
}
