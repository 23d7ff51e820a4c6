import ArgumentParser
import ParcoursApp

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Print the current signed checkpoint (C2SP signed note) of the log.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "The access log's checkpoint instead of the event log's.") var access = false

    func run() throws {
        // A backup gives the checkpoint it keeps at its size, and signs none.
        print(try VerifiableLog.open(at: store.path).checkpoint(of: access ? .access : .events, masterPassphrase: try Secrets.master()),
              terminator: "")
    }
}
