import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursFiles

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Exports of the store: the verifiable log, de-identified research projections.",
        subcommands: [Log.self, ExportResearchCommand.self])

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the export of LOG-FORMAT.md: log.vkey, events.jsonl/.checkpoint, access.jsonl/.checkpoint.",
            discussion: """
                The export is itself recorded in the access log before it is written (and so appears in it), decided
                by the access policy: an administrator exports the log.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption
        @Option(help: "A new directory (created 0700) or an empty one.") var out: String

        func run() async throws {
            // What is already at --out is refused before anything is recorded; a new directory is made once permitted.
            if FileManager.default.fileExists(atPath: out) || (try? FileManager.default.destinationOfSymbolicLink(atPath: out)) != nil {
                try PrivateFile.prepareDirectory(out)
            }
            let sizes = try await store.caseRecord().exportLog(to: out, by: signer.identity)
            Output.json(["out": .string(out), "events": .int(Int64(sizes.events)), "access": .int(Int64(sizes.access))])
        }
    }
}
