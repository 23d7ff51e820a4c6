import ParcoursApp
import ParcoursLog

/// Proofs, signed checkpoints and verification: thin calls into the log core over `PostgresLogStore`.
extension PostgresCaseStore {
    /// A log's checkpoints in this store.
    func checkpoints(_ log: LogKind) -> LogCheckpoints { LogCheckpoints(log: log, origin: origin, logKey: logPublicKey) }

    public func noteVerifier(_ log: LogKind) -> NoteVerifier { checkpoints(log).verifier }

    public func inclusionProof(seq: UInt64, size: UInt64?, table: LogKind) async throws -> InclusionProof {
        try await run { store in try store.log.inclusionProof(of: table, seq: seq, size: size) }
    }

    public func consistencyProof(from: UInt64, to: UInt64?, table: LogKind) async throws -> ConsistencyProof {
        try await run { store in try store.log.consistencyProof(of: table, from: from, to: to) }
    }

    /// Checked to extend the latest signed checkpoint before signing: never two inconsistent ones.
    public func checkpoint(_ log: LogKind, master: MasterKey) async throws -> String {
        try await run { store in try store.checkpoints(log).checkpoint(in: store.log, signingKey: store.logSigningKey(master: master)) }
    }

    public func signVerifiedCheckpoint(of summary: LogSummary, table: LogKind, master: MasterKey) async throws -> String {
        try await run { store in try store.checkpoints(table).signVerified(summary, in: store.log, signingKey: store.logSigningKey(master: master)) }
    }

    /// Verifies both logs in one `REPEATABLE READ` snapshot (the log core's `StoreVerifier`).
    public func verify(since: String?, master: MasterKey?, progress: StoreVerifier.Progress?) async throws -> StoreVerification {
        try await run { store in
            try StoreVerifier(origin: store.origin, logKey: store.logPublicKey).verify(store.log.with(master: master), since: since,
                                                                                      unwrapKeys: master != nil, progress: progress)
        }
    }

    public func latestCheckpoint(_ log: LogKind) async throws -> String? {
        try await run { store in try store.checkpoints(log).latest(in: store.log) }
    }
}
