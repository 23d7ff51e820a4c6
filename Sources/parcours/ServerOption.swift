import ArgumentParser
import Foundation

/// `--server URL`: a Parcours server to work through (`PARCOURS_SERVER` by default).
struct ServerOption: ParsableArguments {
    @Option(name: .customLong("server"), help: ArgumentHelp(
        "Work through the Parcours server at URL (https, or http to this machine), signed in with `parcours signin`. Default: $PARCOURS_SERVER.",
        valueName: "URL"))
    var url: String?

    /// `--server`, else `PARCOURS_SERVER`.
    var address: String? {
        url ?? ProcessInfo.processInfo.environment["PARCOURS_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
