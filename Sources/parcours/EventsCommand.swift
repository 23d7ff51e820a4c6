import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Read a stream's events as JSON Lines (low-level); the read — or its refusal — is recorded in the access log.",
        discussion: """
            Other streams (directory, registers…) are for an admin. In a participant's stream, what each act says is \
            shown only to whom the access policy shows the whole journey (the care team, or a clinician breaking the \
            glass with --break-glass - on standard input, --break-glass-prompt, or --break-glass "TEXT", which other users \
            of the machine can see in ps); an admin sees each act's metadata and "content": "sealed". An erased \
            participant's events show "content": "erased" (contenu effacé).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "The stream, e.g. participant/P-7Q4K2M or directory.") var stream: String
    @OptionGroup var glass: BreakGlassOption

    func run() async throws {
        let (events, content) = try await store.caseRecord().events(inStream: stream, breakGlass: try glass.justification(),
                                                                     by: signer.identity)
        for event in events {
            let envelope = event.envelope
            var line: [String: JSONValue] = [
                "seq": .int(Int64(envelope.seq)), "id": .string(envelope.id), "version": .int(Int64(envelope.version)),
                "type": .string(envelope.type), "schema": .int(envelope.schema), "recordedAt": .string(envelope.recordedAt.description),
                "author": .string(envelope.author.actor),
            ]
            switch event.content {
            case .clear(let data): line["data"] = .object(data)
            case .opened(let data):
                if content { line["data"] = .object(data) } else {
                    line["content"] = "sealed"
                    line["note"] = "contenu clinique scellé : il se lit par `journey`, selon la politique d'accès"
                }
            case .erased:
                line["content"] = "erased"
                line["note"] = "contenu effacé : la clé de données de cette personne a été détruite"
            }
            Output.json(.object(line))
        }
    }
}
