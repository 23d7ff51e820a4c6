import ArgumentParser
import ParcoursStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "A consistent copy of the store taken while it is in use (SQLite online backup); it opens with --store FILE.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The backup file to create.") var out: String

    func run() throws {
        try store.open(readOnly: true).backup(to: out)
        Output.json(["backup": .string(out)])
    }
}
