import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Synthetic data for demonstrations, tests and benchmarks.", subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record deterministic synthetic journeys (same seed, same acts), each checked by the same rules as record.",
            discussion: "With --print, writes the acts as JSON Lines instead of recording them. Synthetic names only.")

        @OptionGroup var store: StoreOptions
        @Option(help: "How many participants.") var participants = 20
        @Option(help: "The seed: the same seed gives the same acts.") var seed: UInt64 = 1
        @OptionGroup var signer: ActorOption
        @Flag(help: "Print the acts instead of recording them.") var print = false

        func validate() throws {
            guard (1...100_000).contains(participants) else { throw ValidationError("--participants: from 1 to 100,000") }
        }

        func run() async throws {
            if print {
                var generator = JourneyGenerator(seed: seed, clinician: signer.actor)
                for act in generator.journeys(count: participants).joined() { Output.json(try Self.request(act)) }
                return
            }
            let written = try await store.caseRecord().recordSyntheticJourneys(count: participants, seed: seed, by: signer.identity)
            Output.json(["participants": .int(Int64(written.participants)), "acts": .int(Int64(written.acts)), "warnings": .int(Int64(written.warnings)),
                         "seed": .int(Int64(bitPattern: seed) & JSONValue.maxSafeInteger)])
        }

        /// The act, with the participant it concerns (an admission's too, though `record` draws that one).
        static func request(_ act: JourneyGenerator.Act) throws -> JSONValue {
            ["id": .string(act.id), "type": .string(act.type), "occurredAt": .string(act.occurredAt),
             "data": try JSONParser.parse(Array(act.data)), "participant": .string(act.participant)]
        }
    }
}
