import ArgumentParser
import Foundation
import ParcoursLog

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
            InitCommand.self, MigrateCommand.self, CopyCommand.self, ActorCommand.self, RecordCommand.self, DemoCommand.self, AppendCommand.self, EventsCommand.self, CheckpointCommand.self,
            ProveCommand.self, VerifyCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, EraseCommand.self,
            JourneyCommand.self, TimelineCommand.self, CaseloadCommand.self, ProgramCommand.self, ProjectionsCommand.self,
            AuditCommand.self,
            IncidentCommand.self, ParticipantReportCommand.self, ServeCommand.self, SigninCommand.self, SignoutCommand.self, WitnessCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        do {
            var command = try Parcours.parseAsRoot()
            if command is ServeCommand { ServeCommand.answerOnEventLoops() }
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let failure = Failure(error)
            if failure.status == 0 { Output.line(failure.message) } else { Output.error(failure.message) }
            Foundation.exit(failure.status)
        }
    }
}

/// A refusal from the command line itself (input it cannot use).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
