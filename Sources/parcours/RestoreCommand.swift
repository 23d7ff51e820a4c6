import ArgumentParser
import ParcoursProjections
import ParcoursAccess
import Foundation
import ParcoursLog
import ParcoursStore

/// `parcours restore`: the one way to put a backup back in service (a backup otherwise opens read-only).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back in service as the store (admin), never behind a checkpoint the log has signed.",
        discussion: """
            The backup must verify and be of the same log as the store in service; each of its logs must hold at least \
            the records of the latest checkpoint the store in service has signed, with the same root, or the log would \
            fork. The backup is copied beside the store and renamed over it; the store it replaces is kept beside it \
            (parcours.sqlite.replaced-TIME). Stop every other use of the store first. --as is an admin of the store in \
            service (of the backup when there is none); the master passphrase opens the backup.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The backup file (made by `parcours backup`).") var from: String
    @OptionGroup var signer: ActorOption

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CommandError("--from: no backup file at \(from)")
        }
        if store.namesBackupFile {
            throw CommandError("--store: the store's directory, where the backup goes (not a file)")
        }
        let backup = try Store.open(at: from, readOnly: true)
        let master = try backup.unlockMaster(passphrase: try Secrets.master())
        let restored = try Store.restore(backup: backup, master: master, into: store.path) { authority in
            // Decided by the one policy, against the directory of the store that holds authority.
            let author = try signer.unlock(authority)
            guard let actor = try authority.currentDirectory().activeActor(author.id) else { throw StoreError.revokedActor(author.id) }
            let decision = AccessPolicy.decide(AccessRequest(reader: Reader(actor), view: .maintenance, purpose: .administration))
            guard decision.permitted else { throw CommandError(ConsentAwareReader.Denied(decision: decision, view: .maintenance).description) }
        }
        var report: [String: JSONValue] = ["restored": .string(store.path), "events": .int(Int64(restored.events)),
                                           "access": .int(Int64(restored.access))]
        if let kept = restored.replacedKeptAt { report["replacedKeptAt"] = .string(kept) }
        Output.json(.object(report))
    }
}
