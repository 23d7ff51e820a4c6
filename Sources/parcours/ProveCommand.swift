import ArgumentParser
import ParcoursApp

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove", abstract: "RFC 9162 inclusion and consistency proofs, as JSON.",
        subcommands: [Inclusion.self, Consistency.self])

    struct Inclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prove that record --seq is in the tree of --size records.")
        @OptionGroup var store: StoreOptions
        @Option var seq: UInt64
        @Option(help: "The tree size (default: the current size).") var size: UInt64?
        @Flag(help: "Prove in the access log.") var access = false

        func run() async throws {
            Output.json(try await store.verifiableLog().inclusionProof(seq: seq, size: size, in: access ? .access : .events).json)
        }
    }

    struct Consistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prove that the tree of --from records is a prefix of the tree of --to records.")
        @OptionGroup var store: StoreOptions
        @Option var from: UInt64
        @Option(help: "The larger size (default: the current size).") var to: UInt64?
        @Flag(help: "Prove in the access log.") var access = false

        func run() async throws {
            Output.json(try await store.verifiableLog().consistencyProof(from: from, to: to, in: access ? .access : .events).json)
        }
    }
}
