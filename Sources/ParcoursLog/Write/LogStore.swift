/// Where a log keeps its records, tree hashes and data keys.
///
/// The log core (`LogWriter`, `LogVerifier`) knows storage only through this
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
}

extension LogTransaction {
    /// Reads stored subtree hashes, for `MerkleTree` and `MerkleFrontier`.
    public var hashReader: MerkleTree.HashReader { { level, index in try self.subtreeHash(level: level, index: index) } }
}
