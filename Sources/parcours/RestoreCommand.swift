import ArgumentParser
import ParcoursApp
import ParcoursLog

/// `parcours restore`: the one way to put a backup back in service (a backup otherwise opens read-only).
struct RestoreCommand: AsyncParsableCommand {
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

    func run() async throws {
        let restored = try await store.restore(backupAt: from, masterPassphrase: try Secrets.master(), by: signer.identity)
        var report: [String: JSONValue] = ["restored": .string(store.path), "events": .int(Int64(restored.events)),
                                           "access": .int(Int64(restored.access))]
        if let kept = restored.replacedKeptAt { report["replacedKeptAt"] = .string(kept) }
        Output.json(.object(report))
    }
}
