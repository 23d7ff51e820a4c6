import ArgumentParser
import ParcoursApp
import ParcoursLog

struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Crypto-shred a participant: destroy the data keys and close the stream with a clear participant.erased.",
        discussion: """
            --reason is a category: participant-request, retention-expired, entered-in-error or legal-order. An administrator
            erases, decided by the access policy and recorded in the access log first. Afterwards, reads of the participant
            say erased, when and why (exit status 3).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The participant id, e.g. P-7Q4K2M.") var participant: String
    @Option(help: "The reason's category.") var reason: String
    @OptionGroup var signer: ActorOption

    func run() async throws {
        let participant = try ParticipantID(checking: participant)
        Output.json(try await store.caseRecord().erase(participant: participant, reason: reason, by: signer.identity).json)
    }
}
