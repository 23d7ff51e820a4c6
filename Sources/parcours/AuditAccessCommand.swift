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
        let filter = AccessAudit.Filter(participant: try participant.map { text throws(AppError) in try ParticipantID(checking: text, field: "filter.participant") },
                                        actor: try actor.map { text throws(AppError) in try ActorID(checking: text, field: "filter.actor") },
                                        from: from, to: to)
        for access in try await store.caseRecord().accessLog(filter, by: signer.identity) {
            let record = access.record
            if json {
                Output.json(access.json)
            } else {
                let fields: [String?] = [
                    access.recordedAt.description, record.actor.rawValue, record.role?.rawValue, record.organization,
                    record.kind.rawValue, record.view?.rawValue, record.participant?.rawValue,
                    record.categories.map { $0.map(\.rawValue).joined(separator: ",") },
                    record.purpose?.rawValue, record.outcome.rawValue, record.reason?.rawValue,
                    record.review ? "À REVOIR (bris de glace)" : nil,
                ]
                Output.line("#\(access.seq) " + fields.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
            }
        }
    }
}
