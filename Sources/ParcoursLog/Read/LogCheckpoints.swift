/// Signed checkpoints of one log of a store: made, kept and read through `LogStore`.
///
/// A log never signs two checkpoints that disagree: before signing, the tree is checked to
/// extend the latest checkpoint kept, and one size is signed once (its note is kept and
/// given again).
public struct LogCheckpoints: Sendable {
    /// The log whose checkpoints these are.
    public let log: LogKind
    /// The key name its checkpoints are signed under: the origin, or `<origin>/access`.
    public let name: String
    /// The log key's public half.
    public let logKey: PublicKey

    public init(log: LogKind, origin: String, logKey: PublicKey) {
        self.log = log
        name = log == .events ? origin : origin + "/access"
        self.logKey = logKey
    }

    /// The verifier of this log's checkpoints.
    public var verifier: NoteVerifier { NoteVerifier(name: name, key: logKey) }

    /// The signed checkpoint at the log's current size, signing and keeping a new one when needed.
    public func checkpoint(in store: any LogStore, signingKey: SigningKey) throws -> String {
        try store.withWriteTransaction(on: log) { try checkpoint(in: $0, signingKey: signingKey) }
    }

    /// The same, inside a write transaction on this log.
    public func checkpoint(in transaction: any LogTransaction, signingKey: SigningKey) throws -> String {
        let size = try transaction.size()
        if let kept = try transaction.checkpoint(size: size) { return kept }
        let previous = try transaction.latestCheckpoint().map { try Checkpoint(body: verifier.open(note: $0)) }
        if let previous, previous.size > size {
            throw LogError.storeDamaged("the log no longer extends its checkpoint of size \(previous.size)")
        }
        let (root, previousRoot) = try transaction.withStoredHashes { reader in
            (try MerkleTree.root(size: size, reader: reader), try previous.map { try MerkleTree.root(size: $0.size, reader: reader) })
        }
        if let previous, previousRoot != previous.root {
            throw LogError.storeDamaged("the log no longer extends its checkpoint of size \(previous.size)")
        }
        return try sign(size: size, root: root, in: transaction, signingKey: signingKey)
    }

    /// Signs (and keeps) a checkpoint of exactly what a verification established: `summary`'s
    /// size and root, after checking that the stored tree still gives that root at that size.
    /// Appends made since do not enter it: only verified records do.
    public func signVerified(_ summary: LogSummary, in store: any LogStore, signingKey: SigningKey) throws -> String {
        try store.withWriteTransaction(on: log) { transaction in
            let root = try transaction.withStoredHashes { try MerkleTree.root(size: summary.size, reader: $0) }
            guard root == summary.root else { throw LogError.storeDamaged("the stored tree no longer gives the verified root") }
            if let kept = try transaction.checkpoint(size: summary.size) { return kept }
            return try sign(size: summary.size, root: summary.root, in: transaction, signingKey: signingKey)
        }
    }

    /// The checkpoint kept at the log's current size, if one was signed there (what a read-only backup can give).
    public func kept(in store: any LogStore) throws -> String? {
        try store.withReadTransaction(on: log) { try $0.checkpoint(size: $0.size()) }
    }

    /// The latest checkpoint kept for this log, if any.
    public func latest(in store: any LogStore) throws -> String? {
        try store.withReadTransaction(on: log) { try $0.latestCheckpoint() }
    }

    private func sign(size: UInt64, root: Hash, in transaction: any LogTransaction, signingKey: SigningKey) throws -> String {
        guard signingKey.publicKey == logKey else { throw LogError.invalidInput(field: "logKey", reason: "checkpoints are signed by the log key") }
        let note = NoteSigner(name: name, key: signingKey).sign(body: Checkpoint(origin: name, size: size, root: root).body)
        try transaction.keep(checkpoint: note, size: size)
        return note
    }
}
