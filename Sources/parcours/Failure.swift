import ArgumentParser
import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import ParcoursFiles

/// What the command line says when a command fails, and its exit status: every error the
/// use cases and the layers below throw is put into words here, and only here.
///
/// Exit status: 0 help or version asked for (said on standard output), 1 an integrity failure
/// (`verify` exits with it itself), 2 a refused request, usage or I/O error, 3 the
/// participant's record was erased.
struct Failure {
    var message: String
    var status: Int32 = 2

    init(_ error: any Error) {
        switch error {
        case let error as AppError:
            message = "parcours: " + Self.words(error)
        case let denied as ConsentAwareReader.Denied:
            message = "parcours: " + denied.description
            if denied.decision.denial == .notInCareTeam { message += Self.breakGlassHint }
        case let refused as ActRefused:
            message = "parcours: \(refused.description)"
        case let error as ProjectionError:
            switch error {
            case .invalidInput(let field, let reason): message = "parcours: " + Self.named(field, reason)
            case .damaged: message = "parcours: \(error.description) (parcours projections rebuild)"
            default: message = "parcours: \(error.description)"
            }
            // An erased record has its own exit status: it existed, and was erased.
            if case .erased = error { status = 3 }
        case let error as LogError:
            message = "parcours: " + Self.words(error)
        case let error as CryptoError:
            message = "parcours: \(error.description)"
        case let error as LogFormatError:
            message = "parcours: \(error.description)"
        case let problem as ServerProblem:
            message = "parcours: " + Self.words(problem)
            // As on the store itself: an erased record has its own exit status.
            if problem.status == 410 { status = 3 }
        case let error as CommandError:
            message = "parcours: \(error.description)"
        case let error as CocoaError:
            // A file Foundation could not read or write: its path and why, not a raw NSCocoaErrorDomain message.
            message = "parcours: \(error.filePath ?? "file"): \(PrivateFile.reason(of: error))"
        default:
            // Usage errors from parsing; I/O and SQLite errors (whose messages never carry statement arguments).
            message = Parcours.fullMessage(for: error)
            // Help and version requests succeed.
            if Parcours.exitCode(for: error) == .success { status = 0 }
        }
    }

    /// The application's refusals, with the command line's names for its fields.
    static func words(_ error: AppError) -> String {
        switch error {
        case .invalidInput(field: "epsilon", let reason): "--epsilon: with --aggregate, \(reason)"
        case .invalidInput(let field, let reason): named(field, reason)
        case .notADemonstrationStore: "--store: synthetic journeys go only into a store created for demonstrations (init --demo); this one holds real records"
        default: error.description
        }
    }

    /// The log's and the store's refusals, with the command line's names: its options and
    /// environment variables, and the command that helps.
    static func words(_ error: LogError) -> String {
        switch error {
        case .invalidInput(let field, let reason), .outOfRange(let field, let reason): named(field, reason)
        case .wrongPassphrase(let owner, let field): named(field, "the passphrase does not open \(owner)")
        case .masterKeyRequired: "PARCOURS_MASTER_PASSPHRASE: the store's master passphrase is needed for this"
        case .notAStore(let path): "no Parcours store at \(path) (create one with `parcours init`)"
        case .backupOpensReadOnly(let path):
            "--store: \(path) est une sauvegarde, ouverte en lecture seule — a backup opens read-only; "
                + "to put it back in service, `parcours restore --from \(path)`"
        case .storeDamaged: error.description + " — parcours verify"
        case .inBatch(let event, let inner): "event \(event) of the batch: \(words(inner))"
        default: error.description
        }
    }

    /// A server's problem, with the command line's names; an ended session says how to sign in again.
    static func words(_ problem: ServerProblem) -> String {
        if problem.sessionEnded {
            let given = ProcessInfo.processInfo.environment["PARCOURS_TOKEN"].map { !$0.isEmpty } ?? false
            return (given ? "PARCOURS_TOKEN" : "--server \(problem.server)")
                + ": session terminée ou jamais ouverte — the session has ended (15 minutes without a request, or 10 hours) or was never opened; "
                + "sign in again: parcours signin --server \(problem.server) --actor ID"
        }
        if problem.kind == "denied" {
            return "\(problem.view ?? "read"): \(problem.detail)"
                + (problem.denial == AccessDecision.Denial.notInCareTeam.rawValue ? breakGlassHint : "")
        }
        return problem.field.map { named($0, problem.detail) } ?? problem.detail
    }

    /// How a clinician outside the care team breaks the glass, added to the refusal.
    static let breakGlassHint = " — --break-glass « une justification écrite » (ou --break-glass - / --break-glass-prompt)"

    /// A refusal of `field`, said with the option or variable that gives it.
    static func named(_ field: String, _ reason: String) -> String { "\(flags[field] ?? field): \(reason)" }

    /// The option that gives each field the use cases name.
    static let flags: [String: String] = [
        "actor": "--as", "to": "--to", "from": "--from", "participants": "--participants", "backup": "--from", "store": "--store",
        "filter.participant": "--participant", "filter.actor": "--actor", "threshold": "--threshold", "window": "--window", "project": "--project", "k": "--k",
        "maxSuppressed": "--max-suppressed", "output": "--out", "silentAfterDays": "--silent-after", "clinician": "--clinician", "breakGlass": "--break-glass", "code": "--code",
        "passphrase": "PARCOURS_PASSPHRASE", "masterPassphrase": "PARCOURS_MASTER_PASSPHRASE", "newPassphrase": "PARCOURS_NEW_PASSPHRASE",
    ]
}
