import ArgumentParser
import ParcoursApp
import ParcoursLog

/// `parcours export research`: de-identified projections for a research project.
struct ExportResearchCommand: AsyncParsableCommand {
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

    /// The request as the application takes it; a missing --epsilon is refused as out of range.
    var request: ResearchExportRequest {
        ResearchExportRequest(project: project, method: aggregate ? .aggregate(epsilon: epsilon ?? 0)
                                  : .deidentified(k: k, months: months, maxSuppressed: maxSuppressed))
    }

    func validate() throws {
        do {
            // --k and --max-suppressed are checked beside --aggregate too, which does not use them.
            try ResearchExportRequest(project: project, method: .deidentified(k: k, months: months, maxSuppressed: maxSuppressed)).validate()
            if aggregate { try request.validate() }
        } catch { throw ValidationError(Failure.words(error)) }
        if !aggregate, epsilon != nil { throw ValidationError("--epsilon: only with --aggregate") }
    }

    func run() async throws {
        let (manifest, manifestHash) = try await store.caseRecord().exportResearch(request, to: out, by: signer.identity)
        var summary: [String: JSONValue] = switch manifest {
        case .aggregate: ["epsilon": .string(String(epsilon ?? 0)), "statement": .string(manifest.statement)]
        case .deidentified(let written):
            ["exported": .int(Int64(written.exported)), "suppressed": .int(Int64(written.suppressed)), "k": .int(Int64(written.achieved.k)),
             "l": .int(Int64(written.achieved.l)), "statement": .string(manifest.statement)]
        }
        summary["manifestSHA256"] = .string(manifestHash)
        summary["out"] = .string(out)
        Output.json(.object(summary))
    }
}
