import Foundation
import ParcoursLog

/// Witnessed checkpoints: asking a policy's witnesses to cosign, and checking who vouched.
extension VerifiableLog {
    /// Signs the log's checkpoint at its current size (if it has none) and asks the policy's
    /// witnesses to cosign it; with `until`, asks again (every second) until the quorum is met or
    /// that moment passes (a witness that refused is not asked again). The cosignatures are kept
    /// with the checkpoint, refusals as alarms.
    public func cosign(policy: WitnessPolicy, masterPassphrase: String, log: LogKind = .events, until deadline: Date? = nil,
                       transport: any WitnessTransport = HTTPWitnessTransport()) async throws -> WitnessCosigning.Outcome {
        guard !store.isBackup else { throw VerificationError.unreadable("a backup opens read-only: it asks no witness") }
        let keeper = try writable()
        let note = try await keeper.checkpoint(log, master: try await keeper.unlockMaster(passphrase: masterPassphrase))
        let cosigning = WitnessCosigning(store: keeper, policy: policy, transport: transport)
        var outcome = try await cosigning.cosign(note: note, log: log)
        var alarms = outcome.alarms
        while !outcome.vouching.quorumMet, let deadline, Date() < deadline {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            // A witness that refused this checkpoint is not asked again: one alarm is enough.
            outcome = try await cosigning.cosign(note: note, log: log, skipping: Set(alarms.map(\.witness)))
            alarms += outcome.alarms
        }
        outcome.alarms = alarms
        return outcome
    }

    /// Who vouched for the log's checkpoints, per the policy.
    public struct WitnessReport: Sendable {
        /// Each policy witness with the largest size it vouched for (a cosignature that verifies), if any.
        public var witnesses: [(name: String, size: UInt64?, timestamp: UInt64?)]
        /// The largest checkpoint with a quorum of cosignatures, if any.
        public var quorumSize: UInt64?
        /// The quorum the policy asks.
        public var quorum: Int
    }

    /// Checks every kept cosignature by a policy witness (one that does not verify throws) and
    /// reports who vouched for which size, and the largest size with the quorum.
    public func witnessReport(policy: WitnessPolicy, log: LogKind = .events) async throws -> WitnessReport {
        let verifier = store.noteVerifier(log)
        var best: [String: (size: UInt64, timestamp: UInt64)] = [:]
        var quorumSize: UInt64?
        let sizes = try await store.witnessedSizes(log)
        for size in Set(sizes.values).sorted() {
            guard let note = try await store.cosignedCheckpoint(log, size: size) else { continue }
            let vouching = try policy.vouching(note: note, log: verifier)
            for cosignature in vouching.cosignatures { best[cosignature.name] = (size, cosignature.timestamp) }
            if vouching.quorumMet { quorumSize = size }
        }
        return WitnessReport(witnesses: policy.witnesses.map { ($0.name, best[$0.name]?.size, best[$0.name]?.timestamp) },
                             quorumSize: quorumSize, quorum: policy.quorum)
    }

    /// Who vouched for an export's event checkpoint (`events.checkpoint`, opened with `log.vkey`).
    public static func exportWitnessReport(directory: String, policy: WitnessPolicy) throws -> WitnessReport {
        let note = try ExportVerifier.readSmallFile(directory + "/events.checkpoint")
        let key = try ExportVerifier.readSmallFile(directory + "/" + LogExport.keyFile)
        let vouching = try policy.vouching(note: note, log: NoteVerifier(text: key))
        let size = vouching.checkpoint.size
        return WitnessReport(witnesses: policy.witnesses.map { witness in
            let cosignature = vouching.cosignatures.first { $0.name == witness.name }
            return (witness.name, cosignature.map { _ in size }, cosignature?.timestamp)
        }, quorumSize: vouching.quorumMet ? size : nil, quorum: policy.quorum)
    }

    /// The latest kept checkpoint with its cosignatures, if one was kept.
    public func cosignedCheckpoint(of log: LogKind = .events) async throws -> String? {
        guard let latest = try await store.latestCheckpoint(log) else { return nil }
        let size = try Checkpoint(body: store.noteVerifier(log).open(note: latest)).size
        return try await store.cosignedCheckpoint(log, size: size)
    }

    /// The witness alarms, newest first.
    public func witnessAlarms(limit: Int = 100) async throws -> [WitnessAlarm] {
        try await store.witnessAlarms(limit: limit)
    }
}
