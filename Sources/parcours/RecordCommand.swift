import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record clinical acts, validated against the framework's rules (one JSON object, or JSON Lines as one batch).",
        discussion: """
            Each act is {"type", "participant", "occurredAt", "data", "id"?, "expectedVersion"?}; an admission
            (participant.enrolled) leaves "participant" out, gets a new pseudonymous id and creates the care team
            with the admitting clinician. Every other act is written by a clinician of the participant's care team
            (a care-team change also by a coordinator of its organization); anyone else is refused, or breaks the
            glass with a written justification, recorded and raised for review. Refusals name the field and write
            nothing; warnings are recorded with the act and printed. Acts: \
            \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var workplace: Workplace
    @OptionGroup var glass: BreakGlassOption
    @Argument(help: "A file of acts, or - for standard input.") var file: String

    func validate() throws {
        if file == "-", glass.text == "-" {
            throw ValidationError("--break-glass -: standard input already holds the acts; give them in a file, or use --break-glass-prompt")
        }
    }

    func run() async throws {
        let breakGlass = try glass.justification()
        let input = try AppendCommand.parseJSON(try AppendCommand.readInput(file))
        let requests = try input.enumerated().map { index, json in
            do { return try ActRequest(json: json) } catch let error as ActRefused {
                var refused = error
                if input.count > 1 { refused.act = index + 1 }
                throw CommandError(refused.description)
            }
        }
        // Durable on return; the projections follow when they are next read.
        for act in try await workplace.record(input, requests, breakGlass: breakGlass) { Output.json(act) }
    }
}
