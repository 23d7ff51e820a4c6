import ArgumentParser
import Foundation
import ParcoursApp

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Print the current signed checkpoint (C2SP signed note) of the log.",
        discussion: """
            With --witnesses, the checkpoint is then submitted to each witness of the policy that has a URL
            (C2SP tlog-witness); the cosignatures that verify are kept with it and printed on the note, a
            witness's refusal (403, 404, 422) is recorded as an alarm for the privacy officer, and a witness
            that cannot be reached is named on standard error. With --witnessed, the command asks again until
            the policy's quorum has cosigned or --timeout seconds pass, and fails (exit 1) without the quorum.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var witnesses: WitnessesOption
    @Flag(help: "The access log's checkpoint instead of the event log's.") var access = false
    @Flag(help: "Wait for the witnesses' quorum (needs --witnesses).") var witnessed = false
    @Option(help: "Seconds to wait for the quorum with --witnessed.") var timeout = 30

    func validate() throws {
        if witnessed && witnesses.path == nil { throw ValidationError("--witnessed: needs --witnesses FILE, the policy to meet") }
        guard (1...3600).contains(timeout) else { throw ValidationError("--timeout: seconds from 1 to 3600") }
    }

    func run() async throws {
        let log = try await store.verifiableLog()
        guard let policy = try witnesses.policy() else {
            // A backup gives the checkpoint it keeps at its size, and signs none.
            print(try await log.checkpoint(of: access ? .access : .events, masterPassphrase: try Secrets.master()), terminator: "")
            return
        }
        let outcome = try await log.cosign(policy: policy, masterPassphrase: try Secrets.master(), log: access ? .access : .events,
                                             until: witnessed ? Date().addingTimeInterval(TimeInterval(timeout)) : nil)
        for (name, reason) in outcome.unreachable.sorted(by: { $0.key < $1.key }) {
            Output.error("parcours: witness \(name) not reached: \(reason)")
        }
        for alarm in outcome.alarms {
            Output.error("parcours: ALARM — witness \(alarm.witness) refused size \(alarm.size) (HTTP \(alarm.status)): \(alarm.reason)")
        }
        print(outcome.note, terminator: "")
        if witnessed && !outcome.vouching.quorumMet {
            Output.error("parcours: quorum not met — \(outcome.vouching.cosignatures.count) of \(policy.quorum) witnesses cosigned size \(outcome.size)")
            throw ExitCode(1)
        }
    }
}
