import ParcoursLog

/// Sizes, roots, proofs and signed checkpoints: thin calls into the log core over `LogStore`.
extension Store {
    /// A log's checkpoints in this store.
    func checkpoints(_ table: LogTable) -> LogCheckpoints { LogCheckpoints(log: table, origin: origin, logKey: logPublicKey) }

    /// The key name a log's checkpoints are signed under.
    public func noteName(_ table: LogTable) -> String { checkpoints(table).name }

    /// The verifier of a log's checkpoints.
    public func noteVerifier(_ table: LogTable) -> NoteVerifier { checkpoints(table).verifier }

    /// The number of records in a log.
    public func size(_ table: LogTable = .events) throws -> UInt64 { try logStore(master: nil).size(of: table) }

    /// The Merkle root of a log at `size` (its current size when nil).
    public func root(size: UInt64? = nil, table: LogTable = .events) throws -> (size: UInt64, root: Hash) {
        try logStore(master: nil).root(of: table, size: size)
    }

    /// The proof that record `seq` is in the tree of `size` records (the current size when nil).
    public func inclusionProof(seq: UInt64, size: UInt64? = nil, table: LogTable = .events) throws -> InclusionProof {
        try logStore(master: nil).inclusionProof(of: table, seq: seq, size: size)
    }

    /// The proof that the log at `from` records is a prefix of the log at `to` (the current size when nil).
    public func consistencyProof(from: UInt64, to: UInt64? = nil, table: LogTable = .events) throws -> ConsistencyProof {
        try logStore(master: nil).consistencyProof(of: table, from: from, to: to)
    }

    /// The signed checkpoint of a log at its current size, signing and keeping a new one when needed.
    ///
    /// Before signing, the new tree is checked to extend the latest signed one, so
    /// the log never signs two checkpoints that are not consistent.
    /// A backup only gives the checkpoint it already keeps at its size: signing there would fork the log.
    public func checkpoint(_ table: LogTable = .events, master: MasterKey) throws -> String {
        let logKey = try logSigningKey(master: master)
        if isBackup {
            guard let note = try checkpoints(table).kept(in: logStore(master: nil)) else { throw StoreError.backupOpensReadOnly(path: databasePath) }
            return note
        }
        return try checkpoints(table).checkpoint(in: logStore(master: nil), signingKey: logKey)
    }

    /// Signs (and keeps) a checkpoint of exactly what a verification established:
    /// `summary`'s size and root, after checking that the stored tree still gives that
    /// root at that size. Appends made since do not enter it: only verified records do.
    public func signVerifiedCheckpoint(of summary: LogSummary, table: LogTable = .events, master: MasterKey) throws -> String {
        try checkpoints(table).signVerified(summary, in: logStore(master: nil), signingKey: logSigningKey(master: master))
    }

    /// The latest checkpoint signed for a log, if any.
    public func latestCheckpoint(_ table: LogTable = .events) throws -> String? {
        try checkpoints(table).latest(in: logStore(master: nil))
    }
}
