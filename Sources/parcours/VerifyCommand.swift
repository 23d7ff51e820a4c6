import ArgumentParser
import Foundation
import ParcoursLog
import ParcoursStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the store (or an export) completely. Exit 0 intact, 1 integrity failure, 2 usage or I/O error.",
        discussion: """
            Checks every signature and authority rule, every prev, seq and version, unique ids, every stored
            tree hash and signed checkpoint, in both the event log and the access log. With --since, also that
            the log extends that older checkpoint. Streams the log with flat memory, on every core.
            When PARCOURS_MASTER_PASSPHRASE is set, a store found intact also gets a fresh checkpoint,
            signed by the log key, of exactly the records verified; it is printed with the report.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "An older signed checkpoint the log must extend.") var since: String?
    @Option(help: "Verify this export directory instead of the store.") var export: String?

    func run() throws {
        let sinceNote: String?
        do { sinceNote = try since.map { try ExportVerifier.readSmallFile($0) } } catch { throw CommandError("\(error)") }
        var fresh: String?
        do throws(VerificationError) {
            let summary: (events: LogSummary, access: LogSummary, checkpoints: Int?)
            if let export {
                let result = try ExportVerifier.verify(directory: export, since: sinceNote)
                summary = (result.events, result.access, nil)
            } else {
                let opened: Store
                do { opened = try store.open(readOnly: true) } catch { throw .unreadable("\(error)") }
                let result = try opened.verify(since: sinceNote)
                summary = (result.events, result.access, result.checkpointsChecked)
                do { fresh = try freshCheckpoint(opened, of: result.events) } catch {
                    Output.error("parcours: the store is intact, but no fresh checkpoint was signed: \(error)")
                }
            }
            report(summary, sinceNote: sinceNote, fresh: fresh)
        } catch .integrity(let log, let failure) {
            if json {
                Output.json(["intact": false, "log": .string(log), "seq": .int(Int64(failure.seq)), "reason": .string(failure.reason)])
            } else {
                Output.line("ALTÉRATION — integrity failure in the \(log) log at seq \(failure.seq): \(failure.reason)")
            }
            throw ExitCode(1)
        } catch .unreadable(let reason) {
            if json { Output.json(["intact": .null, "error": .string(reason)]) }
            throw CommandError(reason)
        }
    }

    /// A checkpoint of the verified records, when the master passphrase is in the environment.
    private func freshCheckpoint(_ store: Store, of summary: LogSummary) throws -> String? {
        guard let passphrase = ProcessInfo.processInfo.environment["PARCOURS_MASTER_PASSPHRASE"] else { return nil }
        let writable = try Store.open(at: store.databasePath)
        return try writable.signVerifiedCheckpoint(of: summary, master: try writable.unlockMaster(passphrase: passphrase))
    }

    private func report(_ summary: (events: LogSummary, access: LogSummary, checkpoints: Int?), sinceNote: String?, fresh: String?) {
            if json {
                var report: [String: JSONValue] = ["intact": true, "events": summary.events.json, "access": summary.access.json]
                if let checkpoints = summary.checkpoints { report["checkpointsChecked"] = .int(Int64(checkpoints)) }
                if sinceNote != nil { report["since"] = "consistent" }
                if let fresh { report["checkpoint"] = .string(fresh) }
                Output.json(.object(report))
            } else {
                Output.line("Journal intègre — log intact: \(summary.events.size) events, root \(summary.events.root.hex)")
                Output.line("Journal des accès intègre — access log intact: \(summary.access.size) records, root \(summary.access.root.hex)")
                if sinceNote != nil { Output.line("Cohérent avec le point de contrôle donné — consistent with the --since checkpoint") }
                if let fresh { Output.line("Point de contrôle signé de ce qui a été vérifié — signed checkpoint of what was verified:\n" + fresh) }
            }
    }
}
