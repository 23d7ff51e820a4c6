import ArgumentParser
import ParcoursLog
import ParcoursStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Exports of the store: the verifiable log, de-identified research projections.",
        subcommands: [Log.self, ExportResearchCommand.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the export of LOG-FORMAT.md: log.vkey, events.jsonl/.checkpoint, access.jsonl/.checkpoint.",
            discussion: """
                The export is itself recorded in the access log before it is written (and so appears in it).
                --as names who exports (an admin or the privacy officer); without it the record names the
                store operator, the holder of the master passphrase.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "A new directory (created 0700) or an empty one.") var out: String
        @Option(name: .customLong("as"), help: "Who exports: an admin or a privacy officer (PARCOURS_PASSPHRASE).") var actor: String?

        func run() throws {
            let opened = try store.open()
            try PrivateFile.prepareDirectory(out)
            let trail = AccessTrail(store: opened, master: try opened.unlockMaster(passphrase: try Secrets.master()))
            var who = "store-operator"
            var role = "operator"
            if let actor {
                do {
                    let exporter = try ActorOption.unlock(actor, in: opened)
                    guard let held = ["privacy-officer", "admin"].first(where: { opened.currentDirectoryHolds(exporter.id, role: $0) }) else {
                        throw StoreError.notPermitted(actor: actor, reason: "export the log: an admin or privacy-officer role is needed")
                    }
                    who = exporter.id
                    role = held
                } catch {
                    try trail.denied("export", actor: actor, view: "log-export", purpose: "audit", because: error)
                }
            }
            try trail.permitted("export", actor: who, role: role, view: "log-export", purpose: "audit")
            let sizes = try opened.exportLog(to: out, master: trail.master)
            Output.json(["out": .string(out), "events": .int(Int64(sizes.events)), "access": .int(Int64(sizes.access))])
        }
    }
}
