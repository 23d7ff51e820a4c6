import ArgumentParser
import ParcoursLog

/// `--witnesses FILE`: the witness policy (WitnessPolicy's text format) a command checks or asks.
struct WitnessesOption: ParsableArguments {
    @Option(name: .customLong("witnesses"),
            help: "A witness policy file: `witness <name> <vkey> [<url>]` lines and a `quorum <N>` line.")
    var path: String?

    /// The policy read from `--witnesses`, if given; a file that is not one is refused naming its line.
    func policy() throws -> WitnessPolicy? {
        guard let path else { return nil }
        let text: String
        do { text = try ExportVerifier.readSmallFile(path) } catch { throw CommandError("--witnesses: a readable witness policy file") }
        do { return try WitnessPolicy(text: text) } catch { throw CommandError("--witnesses: \(error)") }
    }
}
