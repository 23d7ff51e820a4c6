import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursLog

/// `parcours audit access`: who read what, when and why.
struct AuditAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "List the access log — who read which participant's record, which view and categories, why, with what outcome (privacy officer).",
        discussion: "This read is itself recorded in the access log first. --json prints one record a line.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "Only this participant's records (P-XXXXXX).") var participant: String?
    @Option(help: "Only this actor's reads.") var actor: String?
    @Option(help: "First day kept (YYYY-MM-DD, UTC).") var from: String?
    @Option(help: "Last day kept (YYYY-MM-DD, UTC).") var to: String?
    @Flag(help: "Print JSON Lines.") var json = false

    func run() async throws {
        let filter = AccessAudit.Filter(participant: participant, actor: actor, from: from, to: to)
        for access in try await store.caseRecord().accessLog(filter, by: signer.identity) {
            if json {
                Output.json(["seq": .int(Int64(access.seq)), "type": .string(access.type), "recordedAt": .string(access.recordedAt.description),
                             "record": .object(access.payload)])
            } else {
                let payload = access.payload
                let fields: [String?] = [
                    access.recordedAt.description, payload["actor"]?.stringValue, payload["role"]?.stringValue, payload["organization"]?.stringValue,
                    access.type.replacingOccurrences(of: "access.", with: ""), payload["view"]?.stringValue, payload["participant"]?.stringValue,
                    payload["categories"]?.arrayValue.map { $0.compactMap(\.stringValue).joined(separator: ",") },
                    payload["purpose"]?.stringValue, payload["outcome"]?.stringValue, payload["reason"]?.stringValue,
                    payload["review"] == true ? "À REVOIR (bris de glace)" : nil,
                ]
                Output.line("#\(access.seq) " + fields.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
            }
        }
    }
}
