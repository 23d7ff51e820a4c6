import ArgumentParser
import ParcoursApp

/// `parcours audit communications`: the register of communications.
struct AuditCommunicationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communications",
        abstract: "The register of communications: referrals with what was shared, legal disclosures, exports — with purpose and justification (privacy officer).",
        discussion: "This read is itself recorded in the access log first. --json prints one communication a line.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Flag(help: "Print JSON Lines.") var json = false

    func run() async throws {
        let communications = try await store.caseRecord().communications(by: signer.identity)
        if json {
            for communication in communications { try Output.encoded(communication) }
            return
        }
        Output.line("Registre des communications : \(communications.count)")
        for item in communications {
            Output.line("\(item.on) · \(item.kind.rawValue) · \(item.participant ?? "—") → \(item.recipient) · "
                        + (item.categories.isEmpty ? "—" : item.categories.joined(separator: ",")) + " · \(item.purpose)"
                        + (item.justification.map { " · \($0)" } ?? ""))
        }
    }
}
