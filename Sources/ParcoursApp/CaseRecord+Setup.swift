import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// Creating a store, and putting a backup back in service.
extension CaseRecord {
    /// A store created: its origin, and the note verifier of its event log (what a witness
    /// or an auditor needs to check its checkpoints).
    public struct Created: Sendable, Equatable {
        public var origin: String
        public var logKey: String
    }

    /// Creates a store at `path`: its master key (sealed under `masterPassphrase`), its log key,
    /// and the founding administrator (`log.created` at seq 0). A `demo` store is the only
    /// kind that takes synthetic journeys.
    public static func create(at path: String, origin: String, admin: String, adminName: String?, adminPassphrase: String,
                              masterPassphrase: String, demo: Bool = false) throws -> Created {
        let store = try Store.create(at: path, origin: origin, adminID: admin, adminName: adminName, adminPassphrase: adminPassphrase,
                                     masterPassphrase: masterPassphrase, demo: demo)
        return Created(origin: store.origin, logKey: store.noteVerifier(.events).text)
    }

    /// Puts the backup file at `backupPath` in service as the store at `path`, never behind a
    /// checkpoint the store in service signed. Decided by the policy (`maintenance`) for
    /// `identity`, against the directory of the store in service (of the backup when there
    /// is none); the master passphrase opens the backup.
    public static func restore(backupAt backupPath: String, masterPassphrase: String, into path: String,
                               by identity: Identity) throws -> Restoration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backupPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AppError.invalidInput(field: "backup", reason: "no backup file there")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw AppError.invalidInput(field: "store", reason: "the store's directory, where the backup goes (not a file)")
        }
        let backup = try Store.open(at: backupPath, readOnly: true)
        let master = try backup.unlockMaster(passphrase: masterPassphrase)
        return try Store.restore(backup: backup, master: master, into: path) { authority in
            // Decided by the one policy, against the directory of the store that holds authority.
            _ = try ActorID(checking: identity.actor, field: "actor")
            let author = try identity.signer.unlock(identity.actor, in: authority)
            guard let actor = try authority.currentDirectory().activeActor(author.id) else { throw StoreError.revokedActor(author.id) }
            let decision = AccessPolicy.decide(AccessRequest(reader: Reader(actor), view: .maintenance, purpose: .administration))
            guard decision.permitted else { throw ConsentAwareReader.Denied(decision: decision, view: .maintenance) }
        }
    }
}
