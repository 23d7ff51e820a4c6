import Foundation
import ParcoursLog

/// A C2SP `tlog-witness`: cosigns a log's checkpoint only when it is consistent with the last
/// one it cosigned of that log, and remembers it durably before answering.
///
/// An actor, so that checking the old size and persisting the new checkpoint happen as one
/// step: two requests can never both pass the check against the same old state.
public actor WitnessService {
    let signer: WitnessSigner
    let logs: [NoteVerifier]
    var state: WitnessState

    /// A witness signing with `signer`, witnessing the logs whose checkpoint keys are `logs`,
    /// keeping its state in `directory` (created if absent; refused if rolled back).
    public init(signer: WitnessSigner, logs: [NoteVerifier], stateDirectory: String) throws {
        self.signer = signer
        self.logs = logs
        state = try WitnessState(directory: stateDirectory)
    }

    /// The witness's verifier key, what logs and verifiers are configured with.
    public nonisolated var verifier: WitnessVerifier { signer.verifier }

    /// Answers an `add-checkpoint` body; a cosignature is persisted before it is returned.
    public func addCheckpoint(body: String, now: Date = Date()) throws -> WitnessVerdict {
        let verdict = WitnessVerdict.decide(body: body, logs: logs, latest: { state.trees[$0] }, signer: signer,
                                            now: UInt64(max(1, now.timeIntervalSince1970)))
        guard case .cosign(var tree, let lines) = verdict else { return verdict }
        tree.note += lines
        try state.record(tree)
        return .cosign(tree: tree, body: lines)
    }

    /// The latest checkpoint cosigned of the log whose origin hashes to `originHash` (monitoring API).
    public func checkpoint(originHash: String) -> String? {
        state.trees.values.first { WitnessState.originHash($0.origin) == originHash }?.note
    }
}
