import ArgumentParser
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursFiles

/// `parcours audit fhir --out FILE --as PRIVACY_OFFICER [--from DAY] [--to DAY]`.
struct AuditFHIRCommand: AsyncParsableCommand {
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

    func run() async throws {
        try PrivateFile.requireAbsent(out)
        let (first, last) = (try from.map { text throws(AppError) in try Day(checking: text, field: "from") },
                             try to.map { text throws(AppError) in try Day(checking: text, field: "to") })
        let (bundle, auditEvents) = try await store.caseRecord().fhirAuditBundle(from: first, to: last, by: signer.identity)
        try PrivateFile.write(CanonicalJSON.encode(bundle) + [0x0A], to: out)
        Output.json(["out": .string(out), "auditEvents": .int(Int64(auditEvents))])
    }
}
