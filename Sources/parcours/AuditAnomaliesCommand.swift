import ArgumentParser
import ParcoursApp

/// `parcours audit anomalies`: what in the access log deserves a review.
struct AuditAnomaliesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Raise what deserves a review: break-glass uses, reads outside the care team, reads after a consent was withdrawn, reads by a refused reader, many participants read in a short time, exports (privacy officer).",
        discussion: "This read is itself recorded in the access log first.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "Raise an actor reading more than this many participants within the window (default 20).") var threshold = 20
    @Option(help: "The window, in minutes (default 10).") var window = 10
    @Flag(help: "Print JSON Lines.") var json = false

    func run() async throws {
        let anomalies = try await store.caseRecord().accessAnomalies(threshold: threshold, windowMinutes: window, by: signer.identity)
        if json {
            for anomaly in anomalies { try Output.encoded(anomaly) }
            return
        }
        Output.line("\(anomalies.count) accès à revoir")
        for anomaly in anomalies {
            Output.line("#\(anomaly.seq) \(anomaly.at) · \(anomaly.kind.rawValue) · \(anomaly.actor)"
                        + (anomaly.participant.map { " · \($0)" } ?? "") + " · \(anomaly.detail)")
        }
    }
}
