import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursStore

/// `parcours audit access`: who read what, when and why.
struct AuditAccessCommand: ParsableCommand {
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

    func run() throws {
        let filter = try AuditAccessCommand.filter(participant: participant, actor: actor, from: from, to: to)
        let session = try store.session(as: signer, view: .accessLog, participant: participant)
        try session.authorize(.accessLog, purpose: .audit, details: participant.map { ["participant": .string($0)] } ?? [:])
        let accesses = try Self.accesses(session.store).filter(filter.matches)
        for access in accesses {
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

    /// The filter, its days checked.
    static func filter(participant: String?, actor: String?, from: String?, to: String?) throws -> AccessAudit.Filter {
        if let participant, !Identifiers.isParticipantID(participant) { throw CommandError("--participant: a participant id such as P-7Q4K2M") }
        for (name, day) in [("--from", from), ("--to", to)] {
            if let day { do { _ = try ClinicalDate.day(day, field: name) } catch { throw CommandError("\(name): a day as YYYY-MM-DD") } }
        }
        return AccessAudit.Filter(participant: participant, actor: actor, from: from, to: to)
    }

    /// The whole access log, as audits read it.
    static func accesses(_ store: Store) throws -> [AuditedAccess] {
        try store.accessRecords(master: nil).map {
            AuditedAccess(seq: $0.seq, id: $0.id, type: $0.type, recordedAt: $0.recordedAt, log: $0.log, payload: $0.payload)
        }
    }
}
