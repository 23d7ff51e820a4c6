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
        try await session.views.decide(.accessLog, purpose: .care, about: participant.rawValue, for: session.reader,
                                       organizations: session.organizations, today: Self.today())
        return try await openings(of: participant, limit: limit)
    }

    /// A participant's journey as `identity` may see it, and — for a clinician of the care team
    /// who read it whole, for care, without breaking the glass — the record's most recent
    /// openings (`openings(of:by:limit:)`), nil for anyone else. One request: the identity is
    /// proven once; the journey's read and the look at the openings are each decided by the
    /// policy on the same participant context and recorded together, in that order, with one
    /// sync, so the list begins with this very reading.
    ///
    /// With `latestActs`, the journey's timeline keeps only that many of the latest acts the
    /// reader may see (the page's), the others never read out; `acts` counts them all.
    ///
    /// - Throws: `AppError.invalidInput` naming `limit` (1 to 200) or `latestActs` (1 or more)
    ///   before anything is recorded; otherwise as `journey(of:view:by:breakGlass:)` does; a refusal of the openings only
    ///   leaves them out (it is recorded); any other failure (the access log cannot be
    ///   written) fails the whole, closed.
    public func journeyWithOpenings(of participant: ParticipantID, by identity: Identity, breakGlass: String? = nil,
                                    limit: Int = 20, latestActs: Int? = nil)
        async throws -> (journey: Journey, decision: AccessDecision, openings: [RecordOpening]?, acts: Int) {
        try Self.check(openingsLimit: limit)
        if let latestActs, latestActs < 1 { throw AppError.invalidInput(field: "latestActs", reason: "a number of acts of 1 or more") }
        let session = try await session(identity, view: .journey, participant: participant)
        try await follower.reachHead()
        let reader = session.reader
        let (journey, decision, look, acts) = try await session.views.journey(
            of: participant.rawValue, for: reader, view: .journey, breakGlass: breakGlass, organizations: session.organizations, today: Self.today(),
            latestActs: latestActs
        ) { decision, context in
            guard !decision.brokeGlass, decision.purpose == .care, decision.categories == Set(InformationCategory.allCases),
                  context.careTeam.contains(reader.id) else { return nil }
            return AccessRequest(reader: reader, view: .accessLog, participant: context, purpose: .care)
        }
        guard look?.permitted == true else { return (journey, decision, nil, acts) }
        return (journey, decision, try await openings(of: participant, limit: limit), acts)
    }

    private static func check(openingsLimit limit: Int) throws {
        guard (1...200).contains(limit) else { throw AppError.invalidInput(field: "limit", reason: "a number of openings from 1 to 200") }
    }

    /// The participant's openings, newest first, as the store keeps them, each member checked.
    /// Only openings are read: a damaged record that is not one is left to the verifier, which
    /// reports it.
    private func openings(of participant: ParticipantID, limit: Int) async throws -> [RecordOpening] {
        try await store.openings(about: participant, before: nil, limit: limit).map { row throws in try RecordOpening(row) }
    }
}
