import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursStore

struct EventsCommand: ParsableCommand {
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

    func run() throws {
        guard Identifiers.isStream(stream) else { throw CommandError("stream: directory, participant/P-XXXXXX or a lowercase name") }
        let participant = Identifiers.participant(ofStream: stream)
        let breakGlass = try glass.justification()
        let session = try store.session(as: signer, view: .events, participant: participant)
        let details: [String: JSONValue] = ["stream": .string(stream)]
        var content = participant == nil
        if let participant {
            // The same decision as `journey`: content for the whole-journey readers only.
            let journey = try? session.projections.journey(of: participant)
            let clinical = journey.map { AccessRequest(reader: session.reader, view: .journey, participant: $0.accessContext(
                organizations: session.organizations, today: JourneyText.today()), breakGlass: breakGlass) }
            let decision = clinical.map(AccessPolicy.decide)
            if let decision, decision.permitted, decision.categories == Set(InformationCategory.allCases) {
                try session.record(.decided(decision, reader: session.reader, view: .events, participant: participant,
                                            justification: breakGlass, details: details))
                content = true
            } else if !session.reader.holds(.admin), let decision {
                try session.record(.decided(decision.permitted ? .eventsRefused : decision, reader: session.reader, view: .events,
                                            participant: participant, justification: breakGlass, details: details))
                throw CommandError("events: refused — \(decision.permitted ? "the whole journey is needed to read raw acts" : decision.denial?.rawValue ?? "not permitted")")
            }
        }
        if !content || participant == nil {
            try session.authorize(.events, purpose: .administration,
                                  details: details.merging(participant.map { ["participant": .string($0)] } ?? [:]) { _, new in new })
        }
        for event in try session.store.events(inStream: stream, master: session.master) {
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

extension AccessDecision {
    /// A partial view is not enough to read raw acts.
    static let eventsRefused = AccessDecision(outcome: .denied, categories: [], purpose: .care, denial: .roleNotPermitted, brokeGlass: false)
}
