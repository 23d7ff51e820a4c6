import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Synthetic data for demonstrations, tests and benchmarks.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
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

        func run() throws {
            var generator = JourneyGenerator(seed: seed, clinician: signer.actor)
            let journeys = generator.journeys(count: participants)
            if print {
                for act in journeys.joined() { Output.json(try Self.request(act, withParticipant: true)) }
                return
            }
            let session = try store.session(as: signer, view: .record)
            guard try session.store.isDemoStore() else {
                throw CommandError("--store: synthetic journeys go only into a store created for demonstrations (init --demo); "
                    + "this one holds real records")
            }
            var acts = 0
            var warnings = 0
            for journey in journeys {
                let requests = try journey.map { act in
                    try ActRequest(json: try Self.request(act, withParticipant: act.type != ClinicalActType.participantEnrolled.rawValue))
                }
                do {
                    let written = try session.record(requests, participantIDs: { journey[0].participant })
                    acts += written.count
                    warnings += written.reduce(0) { $0 + $1.warnings.count }
                } catch let error as ActRefused {
                    throw CommandError("generated journey of \(journey[0].participant): \(error)")
                }
            }
            try session.projections.projector.catchUp()
            Output.json(["participants": .int(Int64(journeys.count)), "acts": .int(Int64(acts)), "warnings": .int(Int64(warnings)),
                         "seed": .int(Int64(bitPattern: seed) & JSONValue.maxSafeInteger)])
        }

        /// The act in `record`'s input shape.
        static func request(_ act: JourneyGenerator.Act, withParticipant: Bool) throws -> JSONValue {
            var object: [String: JSONValue] = ["id": .string(act.id), "type": .string(act.type), "occurredAt": .string(act.occurredAt),
                                               "data": try JSONParser.parse(Array(act.data))]
            if withParticipant { object["participant"] = .string(act.participant) }
            return .object(object)
        }
    }
}
