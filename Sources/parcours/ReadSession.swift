import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// A read of the projections by a proven actor: her or his key unlocked, the read
/// recorded in the access log before any answer (fail closed), and the projections
/// followed to the log's head.
///
/// Until the access policy lands, any known, active actor may read; refusals (unknown,
/// revoked, wrong passphrase) are recorded too.
struct ReadSession {
    let store: Store
    let reader: UnlockedActor
    let role: String
    let projections: ProjectionReader

    /// The role a read is recorded under: the first the actor holds, care before oversight.
    static let rolePreference = ["clinician", "coordinator", "privacy-officer", "admin", "partner", "researcher"]

    static func open(_ options: StoreOptions, as signer: ActorOption, view: String, purpose: String = "care",
                     participant: String? = nil) throws -> ReadSession {
        if let participant, !Identifiers.isParticipantID(participant) {
            throw CommandError("participant: a participant id such as P-7Q4K2M")
        }
        let store = try options.open()
        let master = try store.unlockMaster(passphrase: try Secrets.master())
        let trail = AccessTrail(store: store, master: master)
        let details: [String: JSONValue] = participant.map { ["participant": .string($0)] } ?? [:]
        let reader: UnlockedActor
        let role: String
        do {
            reader = try signer.unlock(store)
            let actor = try store.currentDirectory().activeActor(reader.id)
            guard let held = rolePreference.first(where: { actor?.holds($0) == true }) else {
                throw StoreError.notPermitted(actor: reader.id, reason: "read \(view): no role of the program")
            }
            role = held
        } catch {
            try trail.denied("read", actor: signer.actor, view: view, purpose: purpose, because: error, details: details)
        }
        try trail.permitted("read", actor: reader.id, role: role, view: view, purpose: purpose, details: details)
        return ReadSession(store: store, reader: reader, role: role, projections: ProjectionReader(store: store, master: master))
    }
}
