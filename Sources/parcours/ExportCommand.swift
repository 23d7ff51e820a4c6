import ArgumentParser
import ParcoursStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Exports of the store.", subcommands: [Log.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the export of LOG-FORMAT.md: log.vkey, events.jsonl/.checkpoint, access.jsonl/.checkpoint.")
        @OptionGroup var store: StoreOptions
        @Option(help: "An empty or new directory.") var out: String

        func run() throws {
            let opened = try store.open()
            let master = try opened.unlockMaster(passphrase: try Secrets.master())
            let sizes = try opened.exportLog(to: out, master: master)
            Output.json(["out": .string(out), "events": .int(Int64(sizes.events)), "access": .int(Int64(sizes.access))])
        }
    }
}
