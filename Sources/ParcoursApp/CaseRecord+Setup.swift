import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections

/// What creating a store and putting a backup back in service give; a backend does both
/// (`ParcoursSQLite`), deciding a restore by `authorizeRestore`.
extension CaseRecord {
    /// A store created: its origin, and the note verifier of its event log (what a witness
    /// or an auditor needs to check its checkpoints).
    public struct Created: Sendable, Equatable {
        public var origin: String
        public var logKey: String

        public init(origin: String, logKey: String) {
            (self.origin, self.logKey) = (origin, logKey)
        }
    }

    /// Decides for `identity`, by the one policy, whether a backup may be put in service:
    /// the directory of `authority` (the store in service, or the backup when there is none)
    /// must hold an active actor whose key the identity unlocks and who may do maintenance.
    public static func authorizeRestore(by identity: Identity, in authority: any CaseStore) async throws {
        _ = try ActorID(checking: identity.actor, field: "actor")
        let proven = try await identity.signer.prove(identity.actor, in: authority)
        guard proven.actor == identity.actor else { throw AppError.identityNotProven }
        guard let actor = try await authority.currentDirectory().activeActor(proven.actor) else { throw LogError.revokedActor(proven.actor) }
        guard actor.key == proven.publicKey else { throw AppError.identityNotProven }
        let decision = AccessPolicy.decide(AccessRequest(reader: Reader(actor), view: .maintenance, purpose: .administration))
        guard decision.permitted else { throw ConsentAwareReader.Denied(decision: decision, view: .maintenance) }
    }
}
