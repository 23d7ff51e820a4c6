import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// `parcours export research`: de-identified projections for a research project.
struct ExportResearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "research",
        abstract: "Write a de-identified research export: participants.csv, episodes.csv, transitions.csv, dictionary.json, manifest.json (researcher).",
        discussion: """
            Only participants whose research consent is in force today (for a person under 14, given by the holder of \
            parental authority or the tutor) and who did not refuse researchers. Pseudonyms are keyed per project by a \
            secret the store keeps. Quasi-identifiers (age band, gender group, kind of referring organization, region) are \
            generalized, then small classes suppressed, until --k holds; the manifest gives the k and l measured on the \
            files written and says whether the export is de-identified or anonymized, and why. The files are written into a \
            private directory beside --out, then recorded in the access log with their manifest's SHA-256 (they then appear \
            in `audit communications`), and only then moved into place: --out never exists without its record. If anything \
            fails, the private directory is removed.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "The research project's name (pseudonyms are per project): 1 to 64 lowercase letters, digits or '-'.") var project: String
    @Option(help: "A directory to create (it must not exist).") var out: String
    @Option(help: "The k of k-anonymity over the quasi-identifiers (default 5).") var k = 5
    @Flag(help: "Time in months since admission instead of days.") var months = false
    @Option(name: .customLong("max-suppressed"), help: "Suppress at most this fraction of participants before generalizing further (default 0.05).")
    var maxSuppressed = 0.05
    @Flag(help: "Aggregate counts only (stages, transitions, relapses), each with Laplace noise: ε-differential privacy.")
    var aggregate = false
    @Option(help: "The privacy budget ε of an --aggregate export (0 < ε ≤ 10; smaller is more private).") var epsilon: Double?

    func validate() throws {
        guard (1...64).contains(project.count), project.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), project.allSatisfy(\.isASCII) else {
            throw ValidationError("--project: 1 to 64 lowercase letters, digits or '-', e.g. trajectoires-2027")
        }
        guard (2...1_000).contains(k) else { throw ValidationError("--k: an integer from 2 to 1000") }
        guard (0...1).contains(maxSuppressed) else { throw ValidationError("--max-suppressed: a fraction from 0 to 1") }
        if aggregate {
            guard let epsilon, epsilon > 0, epsilon <= 10 else { throw ValidationError("--epsilon: with --aggregate, a number greater than 0 and at most 10, e.g. 1") }
        } else if epsilon != nil {
            throw ValidationError("--epsilon: only with --aggregate")
        }
    }

    func run() throws {
        try PrivateFile.requireAbsent(out, wanted: "a new directory")
        let session = try store.session(as: signer, view: .researchExport)
        let decision = AccessPolicy.decide(AccessRequest(reader: session.reader, view: .researchExport, purpose: .research))
        let details: [String: JSONValue] = ["project": .string(project)]
        guard decision.permitted else {
            try session.record(.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil, details: details))
            throw CommandError("research-export: refused — \(decision.denial?.rawValue ?? "not permitted")")
        }
        // Record first, then publish: the files go to a private directory beside --out (same file system, so the
        // final rename is atomic), whose name carries nothing about the project or its participants.
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let staging = target.deletingLastPathComponent().appendingPathComponent(".parcours-export-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandError("--out: cannot create a private directory beside \(out)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let directory = staging.appendingPathComponent("export")
        let journeys: ((Journey) throws -> Void) throws -> Void = { body in try session.projections.forEachJourney(body) }
        var summary: [String: JSONValue]
        var exported: JSONValue = .null
        if aggregate, let epsilon {
            let manifest = try AggregateExport(project: project, epsilon: epsilon, today: JourneyText.today()).write(to: directory, journeys: journeys)
            summary = ["epsilon": .string(String(epsilon)), "statement": .string(manifest.statement)]
        } else {
            var key = try session.store.researchKey(project: project, master: session.master)
            defer { Sodium.zero(&key) }
            let export = ResearchExport(options: .init(project: project, k: k, months: months, maxSuppressedFraction: maxSuppressed),
                                        key: key, today: JourneyText.today())
            let manifest = try export.write(to: directory, journeys: journeys)
            exported = .int(Int64(manifest.exported))
            summary = ["exported": exported, "suppressed": .int(Int64(manifest.suppressed)), "k": .int(Int64(manifest.achieved.k)),
                       "l": .int(Int64(manifest.achieved.l)), "statement": .string(manifest.statement)]
        }
        let manifestHash = Sodium.sha256(Array(try Data(contentsOf: directory.appendingPathComponent("manifest.json")))).hex
        summary["manifestSHA256"] = .string(manifestHash)
        var record = AccessRecord.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil,
                                          details: details.merging(["manifestSHA256": .string(manifestHash), "aggregate": .bool(aggregate),
                                                                    "participants": exported]) { _, new in new })
        record.type = "access.export"
        try session.record(record)
        do { try FileManager.default.moveItem(at: directory, to: target) } catch {
            throw CommandError("--out: the export is recorded (manifest \(manifestHash)) but could not be moved to \(out); nothing was published")
        }
        summary["out"] = .string(out)
        Output.json(.object(summary))
    }
}
