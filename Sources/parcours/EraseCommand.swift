import ArgumentParser
import ParcoursStore

struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Crypto-shred a participant: destroy the data keys and close the stream with a clear participant.erased.",
        discussion: "--reason is a category: participant-request, retention-expired, entered-in-error or legal-order.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The participant id, e.g. P-7Q4K2M.") var participant: String
    @Option(help: "The reason's category.") var reason: String
    @OptionGroup var signer: ActorOption

    func run() throws {
        let opened = try store.open()
        let admin = try signer.unlock(opened)
        Output.json(try opened.erase(participant: participant, reason: reason, by: admin).json)
    }
}
