import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursLog
import ParcoursProjections

/// `parcours audit communications`: the register of communications.
struct AuditCommunicationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communications",
        abstract: "The register of communications: referrals with what was shared, legal disclosures, exports — with purpose and justification (privacy officer).",
        discussion: "This read is itself recorded in the access log first. --json prints one communication a line.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Flag(help: "Print JSON Lines.") var json = false

    func run() throws {
        let session = try store.session(as: signer, view: .registers)
        try session.authorize(.registers, purpose: .audit, details: ["report": "communications"])
        var communications: [Communication] = []
        try session.projections.forEachJourney { communications += $0.communications }
        for access in try AuditAccessCommand.accesses(session.store) where access.type == "access.export" && access.payload["outcome"] == "permitted" {
            communications.append(Communication(kind: .export, id: "access-\(access.seq)", on: String(access.recordedAt.description.prefix(10)),
                                                participant: access.payload["participant"]?.stringValue,
                                                recipient: access.payload["actor"]?.stringValue ?? "?", categories: [],
                                                purpose: access.payload["project"]?.stringValue.map { "research export, project \($0)" }
                                                    ?? access.payload["purpose"]?.stringValue ?? "export",
                                                justification: access.payload["manifestSHA256"]?.stringValue.map { "manifest SHA-256 \($0)" }
                                                    ?? access.payload["view"]?.stringValue, participantTold: nil,
                                                by: access.payload["actor"]?.stringValue))
        }
        communications.sort { ($0.on, $0.id) < ($1.on, $1.id) }
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
