import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// A read by a proven actor, decided by the access policy and recorded in the access
/// log before any answer (fail closed: if the record cannot be written, nothing is shown).
///
/// `open` unlocks the reader's key (a failure is recorded as a denial); the reads go
/// through `ConsentAwareReader`, which decides, records and redacts.
struct ReadSession {
    let store: Store
    let trail: AccessTrail
    let reader: Reader
    /// The reader's unlocked key: what signs her or his writes.
    let author: UnlockedActor
    let views: ConsentAwareReader
    let directory: Directory

    var projections: ProjectionReader { views.projections }

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
            let reader = Reader(actor)
            let views = ConsentAwareReader(projections: ProjectionReader(store: store, master: master)) { record in
                try store.recordAccess(type: record.type, data: record.payload, master: master)
            }
            return ReadSession(store: store, trail: trail, reader: reader, author: key, views: views, directory: directory)
        } catch {
            let details: [String: JSONValue] = participant.map { ["participant": .string($0)] } ?? [:]
            try trail.denied("read", actor: signer.actor, view: view.rawValue, purpose: view.usualPurpose.rawValue, because: error, details: details)
        }
    }

    /// Clinical acts written as the policy lets this reader write them (refusals recorded).
    var writer: ConsentAwareWriter {
        ConsentAwareWriter(store: store, master: trail.master) { [store, master = trail.master] record in
            try store.recordAccess(type: record.type, data: record.payload, master: master)
        }
    }

    /// Writes an access record durably (fail closed: a failure refuses what it records).
    func record(_ record: AccessRecord) throws {
        try store.recordAccess(type: record.type, data: record.payload, master: trail.master)
    }

    /// The organization of every actor of the directory, for care teams.
    var organizations: [String: String] {
        directory.actors.values.reduce(into: [:]) { organizations, actor in organizations[actor.id] = actor.organization }
    }

    /// Decides a request and records the decision; throws (exit 2) when denied.
    @discardableResult
    func authorize(_ view: AccessView, purpose: AccessPurpose = .care, details: [String: JSONValue] = [:], kind: String? = nil) throws -> AccessDecision {
        do { return try views.decide(AccessRequest(reader: reader, view: view, purpose: purpose), details: details, kind: kind) } catch let denied as ConsentAwareReader.Denied {
            throw CommandError(denied.description)
        }
    }

    /// A participant's journey as this reader may see it, the read recorded first.
    func journey(of participant: String, view: AccessView, breakGlass: String?) throws -> (Journey, AccessDecision) {
        do {
            return try views.journey(of: participant, for: reader, view: view, breakGlass: breakGlass, organizations: organizations,
                                     today: JourneyText.today())
        } catch let denied as ConsentAwareReader.Denied {
            throw CommandError(denied.description)
        }
    }
}
