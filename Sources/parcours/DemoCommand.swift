import ArgumentParser
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
        @Option(name: .customLong("as"), help: "The clinician who records (PARCOURS_PASSPHRASE).") var clinician: String
        @Flag(help: "Print the acts instead of recording them.") var print = false

        func validate() throws {
            guard (1...100_000).contains(participants) else { throw ValidationError("--participants: from 1 to 100,000") }
        }

        func run() throws {
            var generator = JourneyGenerator(seed: seed, clinician: clinician)
            let journeys = generator.journeys(count: participants)
            if print {
                for act in journeys.joined() { Output.json(try Self.request(act, withParticipant: true)) }
                return
            }
            let opened = try store.open()
            let author = try ActorOption.unlock(clinician, in: opened)
            guard opened.currentDirectoryHolds(author.id, role: "clinician") else {
                throw StoreError.notPermitted(actor: author.id, reason: "record clinical acts: the clinician role is needed")
            }
            let master = try opened.unlockMaster(passphrase: try Secrets.master())
            let projector = Projector(store: opened, master: master)
            try projector.catchUp()
            var acts = 0
            var warnings = 0
            for journey in journeys {
                var records: [String: ParticipantRecord] = [:]
                var drafts: [EventDraft] = []
                for act in journey {
                    let request = try Self.request(act, withParticipant: act.type != ClinicalActType.participantEnrolled.rawValue)
                    do {
                        let (draft, _, found) = try RecordCommand.prepare(request, store: opened, master: master, records: &records,
                                                                          newParticipantID: { act.participant })
                        drafts.append(draft)
                        warnings += found.count
                    } catch let error as ClinicalError {
                        throw CommandError("generated \(act.type) for \(act.participant): \(error)")
                    }
                }
                acts += try opened.append(drafts, by: author, master: master).count
            }
            try projector.catchUp()
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
