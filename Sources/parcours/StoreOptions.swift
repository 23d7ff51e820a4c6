import ArgumentParser
import Foundation
import ParcoursApp

/// `--store DIR`, shared by every command: `PARCOURS_STORE`, or `./parcours-data`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (or a backup file). Default: $PARCOURS_STORE or ./parcours-data.")
    var storePath: String?

    var path: String {
        storePath ?? ProcessInfo.processInfo.environment["PARCOURS_STORE"] ?? "./parcours-data"
    }

    /// The case record kept at `--store`, unlocked with the master passphrase. A backup opens
    /// read-only (writing to one would fork the log), so what writes there is refused with the way to `restore`.
    func caseRecord() throws -> CaseRecord {
        try CaseRecord.open(at: path, masterPassphrase: try Secrets.master())
    }
}

/// `--as ACTOR`: who signs, unlocked by her or his passphrase.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor who signs (unlocked with PARCOURS_PASSPHRASE or a prompt).")
    var actor: String

    /// The actor of `--as`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    var identity: Identity {
        Identity(actor: actor, signer: PassphraseSigner { [actor] in
            try Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(actor) : ")
        })
    }
}
