import Foundation

/// Hand-parsed command line: `parcours-bench COMMAND [--name value | --flag]...`.
struct Options {
    var command: String
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    static let usage = """
        usage: parcours-bench COMMAND [options]

        commands:
          all          everything below in one run, then a table and a JSON line
                       --dir DIR (required, will hold the stores)  --events N (100000)
                       --single N (10000)  --batch N (1000)  --small N (25000)
                       --participants N (1000)  --data-bytes N (1000)  --segment N (1000)
                       --verify-repeat N (3)  --repeat N (5, primitives)
                       --raw-single N (3000)  --raw-batches N (20)  --skip-raw
          primitives   Ed25519 sign/verify rates and per-event CPU steps   --repeat N (5)
          fsync        write+fdatasync rounds per second in --dir DIR     --rounds N (1000)
          raw          the plain-SQLite baseline alone in --dir DIR: --single N (3000) --raw-batches N (20)
                       --synchronous FULL|NORMAL (FULL)
          build        make a store of --events N in batches of --batch N at --store DIR
          single       append --events N one per transaction to the store at --store DIR
          verify-only  verify the store at --store DIR --repeat N (1) times; --json prints a report line
          verify-ratio verify the store at --store DIR against Ed25519 alone on every core over --sample N (20000)
                       of its own envelopes, just before and after each verification, --rounds N (3) times; prints each ratio
          record       what `parcours record` does: a store in --dir DIR with --participants N (100)
                       generated journeys, then --runs N (5) batches of --acts N (1000) acts over them,
                       each checked by the rules against its participant's record, one append a batch;
                       --seed N (1)
          projections  the projections on --dir DIR/store-projections (made once, then reused):
                       --participants N (10000) journeys of --visits-min N (25) to --visits-max N (45)
                       visits (about 100 acts each); rebuild events/s, journey p50/p99 over
                       --journeys N (1000) random participants, program for a year, bytes per event
                       --rebuild-only: stop after the rebuild (for profiles and A/B pairs)
        """

    init(_ arguments: [String]) throws {
        guard let command = arguments.first, !command.hasPrefix("-") else { throw BenchError(Options.usage) }
        self.command = command
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw BenchError("unexpected argument \(argument)\n\n\(Options.usage)") }
            let name = String(argument.dropFirst(2))
            if ["json", "skip-raw", "help", "rebuild-only"].contains(name) {
                flags.insert(name)
                index += 1
            } else {
                guard index + 1 < arguments.count else { throw BenchError("--\(name) needs a value") }
                values[name] = arguments[index + 1]
                index += 2
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw BenchError("--\(name) is required\n\n\(Options.usage)") }
        return value
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 else {
            throw BenchError("--\(name) must be a whole number ≥ 0, got \(text)")
        }
        return value
    }
}
