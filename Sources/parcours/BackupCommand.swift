import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursFiles

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "A consistent copy of the store taken while it is in use (SQLite online backup), by an admin; recorded as an export.",
        discussion: """
            The copy holds every wrapped key: it is recorded in the access log (an export, raised for review) before it
            is written. It opens read-only with --store FILE.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "The backup file to create.") var out: String

    func run() async throws {
        // What is already at --out is refused before anything is recorded.
        try PrivateFile.requireAbsent(out)
        try await store.caseRecord().backup(to: out, by: signer.identity)
        Output.json(["backup": .string(out)])
    }
}
