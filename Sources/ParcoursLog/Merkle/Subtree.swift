/// A complete subtree of a Merkle tree: 2^level leaves starting at leaf `index << level`.
public struct Subtree: Hashable, Sendable {
    public var level: Int
    public var index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The subtree's last leaf, whose append completes it. A store that keeps subtrees by their
    /// last leaf writes each append's into one place, and finds those a run of leaves completes
    /// in one range of its key.
    /// (Of a level beyond 63, which no tree has, it is meaningless but does not trap.)
    public var lastLeaf: UInt64 { (index << level) | ((UInt64(1) << level) &- 1) }

    /// The subtree of `level` that ends at leaf `lastLeaf`; nil when none does (a subtree of
    /// level `l` ends at a leaf whose `l` lowest bits are all ones) or the level is beyond 63.
    public init?(level: Int, lastLeaf: UInt64) {
        guard (0..<64).contains(level) else { return nil }
        let ones = (UInt64(1) << level) - 1
        guard lastLeaf & ones == ones else { return nil }
        self.init(level: level, index: lastLeaf >> level)
    }

    /// The indices of the subtrees of `level` completed by one of `leaves`.
    ///
    /// Which subtrees a leaf completes depends only on its index (leaf `i` completes the
    /// subtree of level `l` and index `i >> l` for each `2^l` dividing `i + 1`), so the leaves
    /// `[a, b)` complete, at each level `l`, the subtrees of indices `[a >> l, b >> l)`.
    public static func completed(atLevel level: Int, by leaves: Range<UInt64>) -> Range<UInt64> {
        let lower = leaves.lowerBound >> level
        let upper = leaves.upperBound >> level
        return lower < upper ? lower..<upper : lower..<lower
    }

    /// `completed(atLevel:by:)` for each level from 0 up to the last that `leaves` could
    /// complete a subtree of; none for no leaves.
    public static func levels(completedBy leaves: Range<UInt64>) -> [Range<UInt64>] {
        guard !leaves.isEmpty else { return [] }
        var levels: [Range<UInt64>] = []
        for level in 0..<64 {
            let indices = completed(atLevel: level, by: leaves)
            if indices.isEmpty && (leaves.upperBound >> level) == 0 { break }
            levels.append(indices)
        }
        return levels
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
