import ArgumentParser
import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursStore

/// `--store DIR`, shared by every command: `PARCOURS_STORE`, or `./parcours-data`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (or a backup file). Default: $PARCOURS_STORE or ./parcours-data.")
    var storePath: String?

    var path: String {
        storePath ?? ProcessInfo.processInfo.environment["PARCOURS_STORE"] ?? "./parcours-data"
    }

    /// Opens the store; a backup opens only read-only (`Store.open` refuses to write to one:
    /// it would fork the log), so commands that write are refused there with the way to `restore`.
    func open(readOnly: Bool = false) throws -> Store { try Store.open(at: path, readOnly: readOnly) }

    /// The case record kept at `--store`, unlocked with the master passphrase.
    func caseRecord(readOnly: Bool = false) throws -> CaseRecord {
        let store = try open(readOnly: readOnly)
        return CaseRecord(store: store, master: try store.unlockMaster(passphrase: try Secrets.master()))
    }

    /// A request by the actor of `--as` on `view`: her or his identity proven (a failure recorded as a denial).
    func session(as signer: ActorOption, view: AccessView, participant: String? = nil) throws -> Session {
        try caseRecord().session(signer.identity, view: view, participant: participant)
    }

    /// Whether `--store` names a file, i.e. a backup: it opens read-only.
    var namesBackupFile: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

/// `--as ACTOR`: who signs, unlocked by her or his passphrase.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor who signs (unlocked with PARCOURS_PASSPHRASE or a prompt).")
    var actor: String

    func unlock(_ store: Store) throws -> UnlockedActor { try Self.unlock(actor, in: store) }

    /// The actor of `--as`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    var identity: Identity {
        Identity(actor: actor, signer: PassphraseSigner { [actor] in
            try Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(actor) : ")
        })
    }

    /// Unlocks `actor`'s key; an id that is not an actor id is refused before anything is
    /// asked or looked up.
    static func unlock(_ actor: String, in store: Store) throws -> UnlockedActor {
        guard Identifiers.isActorID(actor) else {
            throw StoreError.invalidInput(field: "--as", reason: "an actor id: 1 to 64 lowercase letters, digits, '.', '_' or '-'")
        }
        return try store.unlockActor(actor, passphrase: Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(actor) : "))
    }
}
