/// Roots and proofs of a log, from its stored subtree hashes (O(log n) of them, read in one batch).
extension LogStore {
    /// The number of records in a log.
    public func size(of log: LogKind) throws -> UInt64 {
        try withReadTransaction(on: log) { try $0.size() }
    }

    /// The Merkle root of a log at `size` (its current size when nil).
    public func root(of log: LogKind, size: UInt64? = nil) throws -> (size: UInt64, root: Hash) {
        try withReadTransaction(on: log) { transaction in
            let size = try Self.checked(size, field: "size", in: transaction)
            return (size, try transaction.withStoredHashes { try MerkleTree.root(size: size, reader: $0) })
        }
    }

    /// The proof that record `seq` is in the tree of `size` records (the current size when nil).
    public func inclusionProof(of log: LogKind, seq: UInt64, size: UInt64? = nil) throws -> InclusionProof {
        try withReadTransaction(on: log) { transaction in
            let size = try Self.checked(size, field: "size", in: transaction)
            guard seq < size else { throw LogError.outOfRange(field: "seq", reason: "must be below the tree size \(size)") }
            return try transaction.withStoredHashes { reader in
                InclusionProof(seq: seq, size: size, leafHash: try reader(0, seq),
                               proof: try MerkleTree.inclusionProof(leaf: seq, size: size, reader: reader),
                               root: try MerkleTree.root(size: size, reader: reader))
            }
        }
    }

    /// The proof that the log at `from` records is a prefix of the log at `to` (the current size when nil).
    public func consistencyProof(of log: LogKind, from: UInt64, to: UInt64? = nil) throws -> ConsistencyProof {
        try withReadTransaction(on: log) { transaction in
            let to = try Self.checked(to, field: "to", in: transaction)
            guard from <= to else { throw LogError.outOfRange(field: "from", reason: "must not exceed \(to)") }
            return try transaction.withStoredHashes { reader in
                ConsistencyProof(from: from, to: to, fromRoot: try MerkleTree.root(size: from, reader: reader),
                                 toRoot: try MerkleTree.root(size: to, reader: reader),
                                 proof: try MerkleTree.consistencyProof(from: from, to: to, reader: reader))
            }
        }
    }

    /// `size`, or the log's current size when nil; refused beyond the current size.
    private static func checked(_ size: UInt64?, field: String, in transaction: any LogTransaction) throws -> UInt64 {
        let current = try transaction.size()
        let size = size ?? current
        guard size <= current else { throw LogError.outOfRange(field: field, reason: "the log has \(current) records") }
        return size
    }
}
