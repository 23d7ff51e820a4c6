/// Where a log keeps its records, tree hashes and data keys.
///
/// The log core (`LogWriter`; the proofs, `LogCheckpoints`, `LogExport`, `StoreVerifier`) knows storage only through this
/// protocol; every implementation passes the same conformance suite
/// (`ParcoursLogTesting.LogStoreConformance`). A store may hold several logs (the
/// event log and its access log): each transaction is on one of them.
///
/// The contract, beyond each method's own:
/// - **Appends are serialized and gapless, in commit order.** Write transactions on a
///   log never interleave (in this process or another): each sees every one committed
///   before it, so the records take seqs 0…n-1 without a hole, each committed append at
///   the seq its writer was given, in the order the transactions committed.
/// - A write transaction is atomic and durable on return; a read transaction sees one
///   consistent snapshot, never part of a write.
public protocol LogStore: Sendable {
    /// Runs `body` in one atomic write transaction on a log: all its inserts, or
    /// none if it throws. When it returns, what it wrote is durable.
    func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T

    /// Runs `body` on a consistent snapshot of a log.
    func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T
}

/// The two logs of a store.
public enum LogKind: String, Sendable, CaseIterable {
    case events
    case access
}

/// One log, as seen inside a transaction.
public protocol LogTransaction {
    /// The number of records.
    func size() throws -> UInt64
    /// The leaf hash of record `seq`.
    func leafHash(at seq: UInt64) throws -> Hash
    /// The record line at `seq`, or nil past the end.
    func line(at seq: UInt64) throws -> [UInt8]?
    /// The stored hash of the complete subtree of 2^level leaves starting at `index << level`.
    func subtreeHash(level: Int, index: UInt64) throws -> Hash
    /// The seq of the record with this event id, if any.
    func seq(ofID id: String) throws -> UInt64?
    /// The version and type of a stream's last record, if the stream has any.
    func streamHead(_ stream: String) throws -> (version: UInt64, type: String)?
    /// How many records the directory stream holds (to know when a cached directory is stale).
    func directoryCount() throws -> Int64
    /// The lines of the directory stream, in order.
    func directoryLines() throws -> [[UInt8]]
    /// The data key of a stream; made and kept (wrapped) when `create` and there is none.
    /// Throws `LogError.masterKeyRequired` when the store cannot unwrap keys.
    func dataKey(forStream stream: String, create: Bool) throws -> DataKey?
    /// Destroys every copy of a stream's data keys (crypto-shredding): its sealed payloads become unreadable.
    func destroyDataKeys(forStream stream: String) throws
    /// Appends a signed record at the head, with the subtree hashes it completes.
    func insert(_ record: LogRecord, line: [UInt8], leafHash: Hash, completing nodes: [MerkleFrontier.Node]) throws

    // MARK: Reads: proofs, checkpoints, export, verification

    /// The same transaction on another log of the store: both logs are read in one
    /// snapshot, and in a write transaction what is written on both commits together.
    /// Like the transaction itself, it is valid only inside the body that received it.
    func onLog(_ kind: LogKind) -> any LogTransaction
    /// Calls `body` with the lines of records `[start, end)` in seq order, at most `chunk`
    /// at a time, so a log is exported with memory that does not grow with it.
    func lines(from start: UInt64, to end: UInt64, chunk: Int, _ body: ([[UInt8]]) throws -> Void) throws
    /// Calls `body` with every stored record, with the columns the store keeps beside its
    /// line, in seq order, at most `chunk` at a time: what verification compares.
    func storedRecords(chunk: Int, _ body: ([StoredRecord]) throws -> Void) throws
    /// The stored hashes of several complete subtrees at once (all a proof needs), in the
    /// order asked. Throws `LogError.storeDamaged` when one is missing.
    func subtreeHashes(_ subtrees: [Subtree]) throws -> [Hash]
    /// The stored hashes of the complete subtrees of one level whose indices lie in
    /// `indices`, by index. Nil where a hash is missing or is not 32 bytes.
    func subtreeHashes(level: Int, indices: Range<UInt64>) throws -> [Hash?]
    /// The stored hashes of the complete subtrees the leaves `leaves` complete, what
    /// verification compares a chunk of records against: element `l` holds level `l`'s, for the
    /// indices `Subtree.levels(completedBy: leaves)[l]`, nil where a hash is missing or is not 32
    /// bytes. By default a level at a time; a store that keeps subtrees by their last leaf reads
    /// them in one range.
    func subtreeHashes(completedBy leaves: Range<UInt64>) throws -> [[Hash?]]
    /// How many subtree hashes are stored: a verifier checks none lies beyond the records.
    func subtreeHashCount() throws -> UInt64
    /// The seq of the first record whose id repeats an earlier record's, if any. A store
    /// answers from its own id index, which verification checks against every record, so
    /// ids are proven unique without holding them in memory.
    func firstRepeatedID() throws -> UInt64?
    /// The signed checkpoints kept for this log, by increasing size.
    func checkpoints() throws -> [String]
    /// The signed checkpoint kept for this log at `size`, if any.
    func checkpoint(size: UInt64) throws -> String?
    /// The latest signed checkpoint kept for this log, if any.
    func latestCheckpoint() throws -> String?
    /// Keeps a signed checkpoint of this log at `size`; kept checkpoints are never replaced.
    func keep(checkpoint note: String, size: UInt64) throws
    /// Calls `body` with each participant stream of the log (streams `participant/…`), in stream order.
    func participantStreams(_ body: (ParticipantStreamSpan) throws -> Void) throws
    /// The ids of the data keys kept for a stream (none is unwrapped): a stream has one until erased.
    func dataKeyIDs(forStream stream: String) throws -> [String]
    /// A stream that has a data key but no record, if any.
    func orphanDataKeyStream() throws -> String?
}

extension LogTransaction {
    public func subtreeHashes(completedBy leaves: Range<UInt64>) throws -> [[Hash?]] { try subtreeHashesLevelByLevel(completedBy: leaves) }

    /// `subtreeHashes(completedBy:)` read a level at a time, through `subtreeHashes(level:indices:)`.
    public func subtreeHashesLevelByLevel(completedBy leaves: Range<UInt64>) throws -> [[Hash?]] {
        try Subtree.levels(completedBy: leaves).enumerated().map { try subtreeHashes(level: $0.offset, indices: $0.element) }
    }

    /// Reads stored subtree hashes, for `MerkleTree` and `MerkleFrontier`.
    public var hashReader: MerkleTree.HashReader { { level, index in try self.subtreeHash(level: level, index: index) } }
}
