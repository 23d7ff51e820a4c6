/// The stored hashes of the subtrees a run of leaves completes, read a level at a time.
///
/// Which subtrees a leaf completes depends only on its index (leaf `i` completes the
/// subtree of level `l` and index `i >> l` for each `2^l` dividing `i + 1`), so the leaves
/// `[a, b)` complete, at each level `l`, the subtrees of indices `[(a + 2^l) >> l - 1, b >> l)`:
/// one range of the tree table's key per level, about `log2(b - a) + 1` queries a run, each
/// hash then found by its level and index without hashing. When a level cannot be read,
/// its hashes are read one by one (nil where missing).
struct StoredSubtreeHashes {
    private let transaction: any LogTransaction
    /// Per level, the first index read and the hashes from it; nil when the level's read failed.
    private var levels: [(first: UInt64, hashes: [Hash?])?] = []

    init(_ transaction: any LogTransaction, completedBy leaves: Range<UInt64>) {
        self.transaction = transaction
        guard !leaves.isEmpty else { return }
        var level = 0
        while true {
            let indices = Self.completed(atLevel: level, by: leaves)
            if indices.isEmpty && (leaves.upperBound >> level) == 0 { break }
            levels.append((try? transaction.subtreeHashes(level: level, indices: indices)).map { (indices.lowerBound, $0) })
            if level == 63 { break }
            level += 1
        }
    }

    /// The indices of the subtrees of `level` completed by one of `leaves`.
    static func completed(atLevel level: Int, by leaves: Range<UInt64>) -> Range<UInt64> {
        let span = UInt64(1) << level
        let lower = ((leaves.lowerBound + span) >> level) - 1
        let upper = leaves.upperBound >> level
        return lower < upper ? lower..<upper : lower..<lower
    }

    /// The stored hash of a completed subtree, or nil when the store lacks it.
    func hash(of node: MerkleFrontier.Node) -> Hash? {
        if node.level < levels.count, let read = levels[node.level] {
            let offset = node.index &- read.first
            if offset < UInt64(read.hashes.count) { return read.hashes[Int(offset)] }
        }
        return try? transaction.subtreeHash(level: node.level, index: node.index)
    }
}
