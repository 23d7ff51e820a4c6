/// A complete subtree of a Merkle tree: 2^level leaves starting at leaf `index << level`.
public struct Subtree: Hashable, Sendable {
    public var level: Int
    public var index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }
}

extension LogTransaction {
    /// Runs a tree computation (a root, a proof) with all the stored hashes it needs read
    /// in one batch.
    ///
    /// Which subtrees a root or proof reads depends only on the sizes, never on the hashes,
    /// so a first pass with placeholder hashes names them all; the second computes.
    public func withStoredHashes<T>(_ compute: (MerkleTree.HashReader) throws -> T) throws -> T {
        var wanted: [Subtree] = []
        _ = try compute { level, index in
            wanted.append(Subtree(level: level, index: index))
            return .zero
        }
        let hashes = try subtreeHashes(wanted)
        var known: [Subtree: Hash] = [:]
        for (subtree, hash) in zip(wanted, hashes) { known[subtree] = hash }
        return try compute { level, index in
            guard let hash = known[Subtree(level: level, index: index)] else {
                throw LogError.storeDamaged("tree hash \(level)/\(index) is missing")
            }
            return hash
        }
    }
}
