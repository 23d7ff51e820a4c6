import ArgumentParser
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursStore
#if canImport(Glibc)
import Glibc
#endif

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
        if FileManager.default.fileExists(atPath: out) { throw CommandError("--out: \(out) exists; give a new file") }

        let session = try ReadSession.open(store, as: signer, view: .accessLog)
        try session.authorize(.accessLog, purpose: .audit, details: ["report": "fhir"])
        let records = try AuditAccessCommand.accesses(session.store).filter(AccessAudit.Filter(from: from, to: to).matches)
        let bundle = FHIRAuditBundle.bundle(records, generatedAt: .now())
        try Self.create(out, contents: CanonicalJSON.encode(bundle) + [0x0A])
        Output.json(["out": .string(out), "auditEvents": .int(Int64(records.count))])
    }

    /// Creates `path` with mode 0600 (refusing an existing file) and writes `bytes` durably.
    static func create(_ path: String, contents bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CommandError("--out: cannot create \(path): \(String(cString: strerror(errno)))") }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 { if errno == EINTR { continue }; return errno }
                written += result
            }
            return fsync(fd) == 0 ? nil : errno
        }
        close(fd)
        if let failure {
            unlink(path)
            throw CommandError("--out: cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}
