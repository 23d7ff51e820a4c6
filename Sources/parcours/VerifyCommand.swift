import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursLog
import ParcoursProjections

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the store (or an export) completely. Exit 0 intact, 1 integrity failure, 2 usage or I/O error.",
        discussion: """
            Checks every signature and authority rule, every prev, seq and version, unique ids, every stored
            tree hash and signed checkpoint, in both the event log and the access log. With --since, also that
            the log extends that older checkpoint. Streams the log with flat memory, on every core.
            In a store, every participant stream not erased must keep exactly one data key.
            When PARCOURS_MASTER_PASSPHRASE is set, those keys must also unwrap and open their streams, each
            projection (journey, caseload, program) must agree with a fold of the log up to its position, and
            a store found intact also gets a fresh checkpoint, signed by the log key, of exactly the records
            verified (not a backup: it opens read-only); it is printed with the report.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "An older signed checkpoint the log must extend.") var since: String?
    @Option(help: "Verify this export directory instead of the store.") var export: String?
    @OptionGroup var witnesses: WitnessesOption

    /// What a verification established, for the report.
    private struct Summary {
        var events: LogSummary
        var access: LogSummary
        var checkpoints: Int?
        var dataKeys: (checked: Int, unwrapped: Bool)?
        /// Each projection's position, when they were checked (with the master passphrase).
        var projections: [ProjectionName: UInt64]?
    }

    /// Verifies the store at `--store`; a projection that differs ends the command (exit 1).
    private func verifyStore(since sinceNote: String?) async -> Result<VerifiableLog.Verification, VerificationError> {
        do {
            let log = try await store.verifiableLog()
            return .success(try await log.verify(since: sinceNote, masterPassphrase: ProcessInfo.processInfo.environment["PARCOURS_MASTER_PASSPHRASE"]))
        } catch let error as VerificationError {
            return .failure(error)
        } catch let differs as ProjectionDiscrepancy {
            fail(projection: differs)
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    func run() async throws {
        let sinceNote: String?
        do { sinceNote = try since.map { try ExportVerifier.readSmallFile($0) } } catch { throw CommandError("\(error)") }
        var fresh: String?
        var vouched: VerifiableLog.WitnessReport?
        let storeVerification = export == nil ? await verifyStore(since: sinceNote) : nil
        do throws(VerificationError) {
            let summary: Summary
            if let export {
                let result = try VerifiableLog.verifyExport(directory: export, since: sinceNote)
                summary = Summary(events: result.events, access: result.access)
            } else {
                let verified = try storeVerification!.get()
                let result = verified.store
                summary = Summary(events: result.events, access: result.access, checkpoints: result.checkpointsChecked,
                                  dataKeys: (result.dataKeysChecked, result.dataKeysUnwrapped), projections: verified.projections)
                fresh = verified.checkpoint
                if let reason = verified.checkpointNotSigned {
                    Output.error("parcours: the store is intact, but no fresh checkpoint was signed: \(reason)")
                }
            }
            vouched = try await witnessReport()
            report(summary, sinceNote: sinceNote, fresh: fresh, witnesses: vouched)
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
        if let vouched, vouched.quorumSize == nil { throw ExitCode(1) }
    }

    /// Reports a projection that does not agree with the log, and exits 1.
    private func fail(projection differs: ProjectionDiscrepancy) -> Never {
        if json {
            Output.json(["intact": false, "projection": .string(differs.projection.rawValue), "reason": .string(differs.reason)])
        } else {
            Output.line("ALTÉRATION — la projection \(differs.projection.rawValue) ne concorde pas avec le journal — "
                        + "projection \(differs.projection.rawValue) differs from the log: \(differs.reason)")
        }
        Foundation.exit(1)
    }

    /// Who vouched for which size, per `--witnesses`: the kept cosignatures, or those on the export's checkpoint.
    private func witnessReport() async throws(VerificationError) -> VerifiableLog.WitnessReport? {
        let policy: WitnessPolicy?
        do { policy = try witnesses.policy() } catch { throw .unreadable("\(error)") }
        guard let policy else { return nil }
        do {
            if let export {
                return try VerifiableLog.exportWitnessReport(directory: export, policy: policy)
            }
            return try await store.verifiableLog().witnessReport(policy: policy)
        } catch let error as VerificationError {
            throw error
        } catch {
            throw .integrity(log: "events", IntegrityFailure(seq: 0, reason: "a witness cosignature does not verify: \(error)"))
        }
    }

    private func report(_ summary: Summary, sinceNote: String?, fresh: String?, witnesses: VerifiableLog.WitnessReport?) {
        if json {
            var report: [String: JSONValue] = ["intact": true, "events": summary.events.json, "access": summary.access.json]
            if let checkpoints = summary.checkpoints { report["checkpointsChecked"] = .int(Int64(checkpoints)) }
            if let keys = summary.dataKeys { report["dataKeys"] = ["streams": .int(Int64(keys.checked)), "unwrapped": .bool(keys.unwrapped)] }
            if summary.checkpoints != nil {
                if let positions = summary.projections {
                    report["projections"] = ["checked": true, "positions": .object(Dictionary(uniqueKeysWithValues: positions.map {
                        ($0.key.rawValue, JSONValue.int(Int64($0.value)))
                    }))]
                } else {
                    report["projections"] = ["checked": false]
                }
            }
            if sinceNote != nil { report["since"] = "consistent" }
            if let fresh { report["checkpoint"] = .string(fresh) }
            if let witnesses {
                report["witnesses"] = .array(witnesses.witnesses.map { witness in
                    ["name": .string(witness.name), "size": witness.size.map { .int(Int64($0)) } ?? .null,
                     "timestamp": witness.timestamp.map { .int(Int64($0)) } ?? .null]
                })
                report["quorum"] = ["required": .int(Int64(witnesses.quorum)), "size": witnesses.quorumSize.map { .int(Int64($0)) } ?? .null,
                                    "met": .bool(witnesses.quorumSize != nil)]
            }
            Output.json(.object(report))
        } else {
            Output.line("Journal intègre — log intact: \(summary.events.size) events, root \(summary.events.root.hex)")
            Output.line("Journal des accès intègre — access log intact: \(summary.access.size) records, root \(summary.access.root.hex)")
            if let keys = summary.dataKeys {
                Output.line(keys.unwrapped
                    ? "Clés de données présentes et valides — data keys: each of \(keys.checked) participants not erased has one, and it opens the record"
                    : "Clés de données présentes — data keys: each of \(keys.checked) participants not erased has one (not unwrapped: no master passphrase)")
            }
            if summary.checkpoints != nil {
                if let positions = summary.projections {
                    let list = positions.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) at \($0.value)" }.joined(separator: ", ")
                    Output.line("Projections conformes au journal — projections agree with the log: \(list)")
                } else {
                    Output.line("Projections non vérifiées — projections not checked: they need PARCOURS_MASTER_PASSPHRASE")
                }
            }
            if sinceNote != nil { Output.line("Cohérent avec le point de contrôle donné — consistent with the --since checkpoint") }
            if let fresh { Output.line("Point de contrôle signé de ce qui a été vérifié — signed checkpoint of what was verified:\n" + fresh) }
            if let witnesses { reportWitnesses(witnesses) }
        }
    }

    private func reportWitnesses(_ witnesses: VerifiableLog.WitnessReport) {
        for witness in witnesses.witnesses {
            if let size = witness.size {
                Output.line("Témoin \(witness.name) : a cosigné la taille \(size) — witness \(witness.name) vouched for size \(size)"
                            + (witness.timestamp.map { " (at \(Timestamp(millisecondsSinceEpoch: Int64($0) * 1000)))" } ?? ""))
            } else {
                Output.line("Témoin \(witness.name) : aucune cosignature — witness \(witness.name) vouched for nothing")
            }
        }
        if let size = witnesses.quorumSize {
            Output.line("Quorum atteint — quorum of \(witnesses.quorum) witnesses met up to size \(size)")
        } else {
            Output.line("QUORUM NON ATTEINT — quorum not met: no checkpoint is cosigned by \(witnesses.quorum) witnesses of the policy")
        }
    }
}
