import ArgumentParser
import Foundation
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// `parcours`: the command-line tool, the one place where the parts are wired together.
struct Parcours: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcours",
        abstract: "Le dossier vérifiable de SPHÈRES — the verifiable case record of the SPHÈRES program.",
        discussion: """
            Every clinical act is a signed event appended to a verifiable log (see LOG-FORMAT.md).
            Passphrases come from a prompt or, for scripts, from PARCOURS_PASSPHRASE (the actor of --as,
            or the admin at init), PARCOURS_NEW_PASSPHRASE (a key being created) and
            PARCOURS_MASTER_PASSPHRASE (the store's master key).
            Exit status: 0 success, 1 integrity failure (verify), 2 refused request, usage or I/O error,
            3 the participant's record was erased (said with its day and reason category).
            """,
        subcommands: [
            InitCommand.self, ActorCommand.self, RecordCommand.self, DemoCommand.self, AppendCommand.self, EventsCommand.self, CheckpointCommand.self,
            ProveCommand.self, VerifyCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, EraseCommand.self,
            JourneyCommand.self, TimelineCommand.self, CaseloadCommand.self, ProgramCommand.self, ProjectionsCommand.self,
            AuditCommand.self,
            IncidentCommand.self, ParticipantReportCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Parcours.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as CryptoError {
            fail(error.description)
        } catch let error as LogFormatError {
            fail(error.description)
        } catch let error as CommandError {
            fail(error.description)
        } catch let error as ProjectionError {
            // An erased record has its own exit status: it existed, and was erased.
            if case .erased = error { fail(error.description, status: 3) }
            fail(error.description)
        } catch let error as CocoaError {
            // A file Foundation could not read or write: its path and why, not a raw NSCocoaErrorDomain message.
            fail("\(error.filePath ?? "file"): \(PrivateFile.reason(of: error))")
        } catch {
            // Help and version requests succeed; every other error from parsing (usage) or
            // from below (I/O, SQLite — whose messages never carry statement arguments) exits 2.
            if Parcours.exitCode(for: error) == .success {
                Output.line(Parcours.fullMessage(for: error))
                Foundation.exit(0)
            }
            Output.error(Parcours.fullMessage(for: error))
            Foundation.exit(2)
        }
    }

    static func fail(_ message: String, status: Int32 = 2) -> Never {
        Output.error("parcours: \(message)")
        Foundation.exit(status)
    }
}

/// A refusal from the command line itself (input it cannot use).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
