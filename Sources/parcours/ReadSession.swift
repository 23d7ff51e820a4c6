import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// A read by a proven actor, decided by the access policy and recorded in the access
/// log before any answer (fail closed: if the record cannot be written, nothing is shown).
///
/// `open` unlocks the reader's key (a failure is recorded as a denial); `authorize`
/// asks the policy and records its decision, permitted or denied, with the categories,
/// purpose and break-glass justification.
struct ReadSession {
    let store: Store
    let trail: AccessTrail
    let reader: Reader
    let projections: ProjectionReader
    let directory: Directory

    static func open(_ options: StoreOptions, as signer: ActorOption, view: AccessView, participant: String? = nil) throws -> ReadSession {
        if let participant, !Identifiers.isParticipantID(participant) {
            throw CommandError("participant: a participant id such as P-7Q4K2M")
        }
        let store = try options.open()
        let master = try store.unlockMaster(passphrase: try Secrets.master())
        let trail = AccessTrail(store: store, master: master)
        do {
            let key = try signer.unlock(store)
            let directory = try store.currentDirectory()
            guard let actor = directory.activeActor(key.id) else { throw StoreError.revokedActor(key.id) }
            let reader = Reader(id: actor.id, roles: Set(actor.roles), organization: actor.organization)
            return ReadSession(store: store, trail: trail, reader: reader, projections: ProjectionReader(store: store, master: master),
                               directory: directory)
        } catch {
            let details: [String: JSONValue] = participant.map { ["participant": .string($0)] } ?? [:]
            try trail.denied("read", actor: signer.actor, view: view.rawValue, purpose: "care", because: error, details: details)
        }
    }

    /// The organization of every actor of the directory, for care teams.
    var organizations: [String: String] {
        directory.actors.values.reduce(into: [:]) { organizations, actor in organizations[actor.id] = actor.organization }
    }

    /// Decides a request and records the decision; throws (exit 2) when denied.
    @discardableResult
    func authorize(_ view: AccessView, participant: ParticipantContext? = nil, purpose: AccessPurpose = .care,
                   breakGlass: String? = nil, details: [String: JSONValue] = [:]) throws -> AccessDecision {
        let decision = AccessPolicy.decide(AccessRequest(reader: reader, view: view, participant: participant, purpose: purpose,
                                                         breakGlass: breakGlass))
        try trail.decided(decision, reader: reader, view: view, participant: participant?.participant,
                          justification: breakGlass, details: details)
        guard decision.permitted else {
            throw CommandError("\(view.rawValue): refused — \(decision.denial?.rawValue ?? "not permitted")"
                               + (decision.denial == .notInCareTeam ? "; to break the glass, give --break-glass \"a written justification\"" : ""))
        }
        return decision
    }

    /// A participant's journey as this reader may see it, the read recorded first.
    func journey(of participant: String, view: AccessView, breakGlass: String?) throws -> (Journey, AccessDecision) {
        let journey: Journey
        do { journey = try projections.journey(of: participant) } catch let error as ProjectionError {
            try trail.decided(.unknown, reader: reader, view: view, participant: participant, justification: nil)
            throw error
        }
        let context = journey.accessContext(organizations: organizations, today: JourneyText.today())
        let decision = try authorize(view, participant: context, breakGlass: breakGlass)
        return (journey.redacted(to: decision.categories), decision)
    }
}

extension ReadSession {
    /// The role a read is recorded under: the first the reader holds, care before oversight.
    static let rolePreference = ["clinician", "coordinator", "partner", "privacy-officer", "admin", "researcher", "designated-professional"]
}

extension AccessDecision {
    /// A read of a participant the projections do not know: refused, nothing shown.
    static let unknown = AccessDecision(outcome: .denied, categories: [], purpose: .care, denial: .unknownParticipant, brokeGlass: false)
}
