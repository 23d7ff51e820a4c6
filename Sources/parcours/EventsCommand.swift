import ArgumentParser
import ParcoursLog
import ParcoursStore

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Read a stream's events as JSON Lines (admin, low-level); the read — or its refusal — is recorded in the access log.",
        discussion: "An erased participant's events show \"content\": \"erased\" (contenu effacé) instead of their data.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "The stream, e.g. participant/P-7Q4K2M or directory.") var stream: String

    func run() throws {
        guard Identifiers.isStream(stream) else { throw CommandError("stream: directory, participant/P-XXXXXX or a lowercase name") }
        let opened = try store.open()
        let trail = AccessTrail(store: opened, master: try opened.unlockMaster(passphrase: try Secrets.master()))
        let participant = Identifiers.participant(ofStream: stream)
        let details: [String: JSONValue] = ["stream": .string(stream), "participant": participant.map(JSONValue.string) ?? .null]
        let reader: UnlockedActor
        do {
            reader = try signer.unlock(opened)
            guard opened.currentDirectoryHolds(reader.id, role: "admin") else {
                throw StoreError.notPermitted(actor: reader.id, reason: "read raw streams: the admin role is needed")
            }
        } catch {
            try trail.denied("read", actor: signer.actor, view: "events", purpose: "administration", because: error, details: details)
        }
        try trail.permitted("read", actor: reader.id, role: "admin", view: "events", purpose: "administration", details: details)
        for event in try opened.events(inStream: stream, master: trail.master) {
            let envelope = event.envelope
            var line: [String: JSONValue] = [
                "seq": .int(Int64(envelope.seq)), "id": .string(envelope.id), "version": .int(Int64(envelope.version)),
                "type": .string(envelope.type), "schema": .int(envelope.schema), "recordedAt": .string(envelope.recordedAt.description),
                "author": .string(envelope.author.actor),
            ]
            switch event.content {
            case .clear(let data), .opened(let data): line["data"] = .object(data)
            case .erased:
                line["content"] = "erased"
                line["note"] = "contenu effacé : la clé de données de cette personne a été détruite"
            }
            Output.json(.object(line))
        }
    }
}
