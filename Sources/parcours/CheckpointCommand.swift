import ArgumentParser
import ParcoursApp

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Print the current signed checkpoint (C2SP signed note) of the log.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "The access log's checkpoint instead of the event log's.") var access = false

    func run() async throws {
        // A backup gives the checkpoint it keeps at its size, and signs none.
        print(try await store.verifiableLog().checkpoint(of: access ? .access : .events, masterPassphrase: try Secrets.master()),
              terminator: "")
    }
}
