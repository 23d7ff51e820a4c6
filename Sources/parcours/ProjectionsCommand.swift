import ArgumentParser
import ParcoursApp
import ParcoursLog
import ParcoursProjections

struct ProjectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections",
        abstract: "Follow or rebuild the projections (journeys, caseloads, program picture) from the log.",
        subcommands: [Rebuild.self, CatchUp.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Empty projections and rebuild them from seq 0, in one transaction (admin).",
            discussion: "Names: \(ProjectionName.allCases.map(\.rawValue).joined(separator: ", ")); all when none is given. Appends wait until it is done.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption
        @Argument(help: "The projections to rebuild.") var names: [String] = []

        func run() async throws {
            let projections = try names.map { name in
                guard let projection = ProjectionName(rawValue: name) else {
                    throw CommandError("NAME: one of \(ProjectionName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return projection
            }
            let (rebuilt, position) = try await store.caseRecord().rebuildProjections(Set(projections), by: signer.identity)
            Output.json(["rebuilt": .array(rebuilt.sorted().map { .string($0.rawValue) }), "position": .int(Int64(position))])
        }
    }

    struct CatchUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catch-up",
            abstract: "Follow the log to its head (readers do it on their own; this is for after a bulk import).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption

        func run() async throws {
            let (followed, position) = try await store.caseRecord().catchUpProjections(by: signer.identity)
            Output.json(["followed": .int(Int64(followed)), "position": .int(Int64(position))])
        }
    }
}
