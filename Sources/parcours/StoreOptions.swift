import ArgumentParser
import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursSQLite

/// `--store DIR`, shared by every command: `PARCOURS_STORE`, or `./parcours-data`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (or a backup file). Default: $PARCOURS_STORE or ./parcours-data.")
    var storePath: String?

    var path: String {
        storePath ?? ProcessInfo.processInfo.environment["PARCOURS_STORE"] ?? "./parcours-data"
    }

    /// The case record kept at `--store`, unlocked with the master passphrase. A backup opens
    /// read-only (writing to one would fork the log), so what writes there is refused with the way to `restore`.
    ///
    /// The one place the command line chooses its storage: the embedded SQLite store.
    func caseRecord() async throws -> CaseRecord {
        try await CaseRecord.open(at: path, masterPassphrase: try Secrets.master())
    }

    /// The logs kept at `--store`, opened read-only, for proofs, checkpoints and verification.
    func verifiableLog() throws -> VerifiableLog { try VerifiableLog.open(at: path) }

    /// Creates a store at `--store`.
    func create(origin: String, admin: String, adminName: String?, adminPassphrase: String, masterPassphrase: String,
                demo: Bool) throws -> CaseRecord.Created {
        try CaseRecord.create(at: path, origin: origin, admin: admin, adminName: adminName, adminPassphrase: adminPassphrase,
                              masterPassphrase: masterPassphrase, demo: demo)
    }

    /// Puts a backup file in service as the store at `--store`.
    func restore(backupAt backup: String, masterPassphrase: String, by identity: Identity) async throws -> Restoration {
        try await CaseRecord.restore(backupAt: backup, masterPassphrase: masterPassphrase, into: path, by: identity)
    }
}

/// `--as ACTOR`: who signs, unlocked by her or his passphrase.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor who signs (unlocked with PARCOURS_PASSPHRASE or a prompt).")
    var actor: String

    /// The actor of `--as`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    var identity: Identity { Self.identity(of: actor) }

    /// `actor`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    static func identity(of actor: String) -> Identity {
        Identity(actor: actor, signer: PassphraseSigner {
            try Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(actor) : ")
        })
    }
}
