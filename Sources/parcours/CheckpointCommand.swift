import ArgumentParser
import ParcoursStore

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Print the current signed checkpoint (C2SP signed note) of the log.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "The access log's checkpoint instead of the event log's.") var access = false

    func run() throws {
        // A backup gives the checkpoint it keeps at its size, and signs none.
        let opened = try store.open(readOnly: store.namesBackupFile)
        let master = try opened.unlockMaster(passphrase: try Secrets.master())
        print(try opened.checkpoint(access ? .access : .events, master: master), terminator: "")
    }
}
