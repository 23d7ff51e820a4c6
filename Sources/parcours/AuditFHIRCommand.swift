import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursStore

/// `parcours audit fhir --out FILE --as PRIVACY_OFFICER [--from DAY] [--to DAY]`.
struct AuditFHIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "Write the access log as a FHIR R4 Bundle (collection) of AuditEvents, following IHE BALP (privacy officer).",
        discussion: """
            One AuditEvent per access-log record, in seq order, this very read included: it is recorded \
            in the access log before the file is written. Only ids, roles, views, categories, purposes and \
            outcomes go out — never clinical content, never free text (a break-glass access is marked, its \
            justification is not copied). The file is created with mode 0600 and is never overwritten. \
            --from and --to keep the records of those days (UTC), both included. Check a bundle with \
            Tools/validate-fhir FILE.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "The bundle file to create (it must not exist).") var out: String
    @Option(help: "First day kept (YYYY-MM-DD, UTC); default: the first record.") var from: String?
    @Option(help: "Last day kept (YYYY-MM-DD, UTC); default: the last record.") var to: String?

    func run() throws {
        for (name, day) in [("--from", from), ("--to", to)] {
            if let day { do { _ = try ClinicalDate.day(day, field: name) } catch { throw CommandError("\(name): a day as YYYY-MM-DD") } }
        }
        if let from, let to, from > to { throw CommandError("--from: a day on or before --to (\(to))") }
        try PrivateFile.requireAbsent(out)

        let session = try store.session(as: signer, view: .accessLog)
        try session.authorize(.accessLog, purpose: .audit, details: ["report": "fhir"])
        let records = try AuditAccessCommand.accesses(session.store).filter(AccessAudit.Filter(from: from, to: to).matches)
        let bundle = FHIRAuditBundle.bundle(records, generatedAt: .now())
        try PrivateFile.write(CanonicalJSON.encode(bundle) + [0x0A], to: out)
        Output.json(["out": .string(out), "auditEvents": .int(Int64(records.count))])
    }
}
