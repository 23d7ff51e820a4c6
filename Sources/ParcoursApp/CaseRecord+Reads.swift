import ParcoursLog
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursProjections

extension CaseRecord {
    /// A participant's journey as `identity` may see it (`view` `.journey` or `.timeline`),
    /// the read recorded in the access log before the answer; with the decision, whose
    /// categories say what was left out.
    public func journey(of participant: ParticipantID, view: AccessView = .journey, by identity: Identity,
                        breakGlass: String? = nil) async throws -> (journey: Journey, decision: AccessDecision) {
        guard view == .journey || view == .timeline else {
            throw AppError.invalidInput(field: "view", reason: "journey or timeline")
        }
        let session = try await session(identity, view: view, participant: participant)
        try await follower.reachHead()
        return try await session.journey(of: participant, view: view, breakGlass: breakGlass)
    }

    /// The participants a clinician follows — the reader's own by default; another's is read
    /// for supervision (a coordinator, for a clinician of her or his organization), and
    /// recorded as such.
    public func caseload(of clinician: ActorID? = nil, by identity: Identity) async throws -> (clinician: String, entries: [CaseloadEntry]) {
        let session = try await session(identity, view: .caseload)
        try await follower.reachHead()
        let whose = clinician?.rawValue ?? session.reader.id
        let own = whose == session.reader.id
        let supervised = own ? nil : session.directory.actors[whose].map(Reader.init) ?? Reader(id: whose, roles: [], organization: nil)
        try await session.authorize(.caseload, purpose: own ? .care : .supervision, clinician: supervised, noting: { $0.clinician = whose })
        return (whose, try await session.caseload(of: whose))
    }

    /// The program's picture from `from` to `to` (`YYYY-MM-DD`; by default the year up to
    /// today), listing the open follow-ups of the reader's organization without contact for more
    /// than `silentAfterDays`.
    public func program(from: Day? = nil, to: Day? = nil, silentAfterDays: Int = 30, by identity: Identity) async throws -> ProgramPicture {
        let to = to ?? Day(Self.today())!
        let from = from ?? to.yearBefore
        let session = try await session(identity, view: .program)
        try await follower.reachHead()
        try await session.authorize(.program, purpose: .supervision)
        var picture = try await session.projections.program(from: from.rawValue, to: to.rawValue, silentAfterDays: silentAfterDays)
        // The figures are the program's; a participant gone silent is named, with her last contact, only
        // to whom the policy lets read it in her journey (a coordinator of an organization following her,
        // not refused by her).
        let facts = try await session.projections.accessFacts(of: picture.withoutContact.map(\.participant))
        let (organizations, today) = (session.organizations, Self.today())
        picture.withoutContact.removeAll { silent in
            guard let context = facts[silent.participant]?.context(organizations: organizations, today: today) else { return true }
            let decision = AccessPolicy.decide(AccessRequest(reader: session.reader, view: .journey, participant: context))
            return !(decision.permitted && decision.categories.contains(.stages))
        }
        return picture
    }
}
