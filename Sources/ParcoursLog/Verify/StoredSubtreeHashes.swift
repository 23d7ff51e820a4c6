/// The stored hashes of the subtrees a run of leaves completes, fetched in one query.
///
/// Which subtrees a leaf completes depends only on its index (leaf `i` completes the
/// subtree of level `l` and index `i >> l` for each `2^l` dividing `i + 1`), so they are
/// all asked at once, in the order `MerkleFrontier.append` returns them; a missing one
/// makes the batch fail, and the hashes are then read one by one (nil where missing).
struct StoredSubtreeHashes {
    private let transaction: any LogTransaction
    private var fetched: [Subtree: Hash] = [:]
    private let batched: Bool

    init(_ transaction: any LogTransaction, completedBy leaves: Range<UInt64>) {
        self.transaction = transaction
        var wanted: [Subtree] = []
        wanted.reserveCapacity(2 * leaves.count)
        for leaf in leaves {
            var level = 0
            while (leaf + 1) & ((UInt64(1) << level) - 1) == 0 {
                wanted.append(Subtree(level: level, index: leaf >> level))
                level += 1
            }
        }
        if let hashes = try? transaction.subtreeHashes(wanted) {
            fetched.reserveCapacity(wanted.count)
            for (subtree, hash) in zip(wanted, hashes) { fetched[subtree] = hash }
            batched = true
        } else {
            batched = false
        }
    }

    /// The stored hash of a completed subtree, or nil when the store lacks it.
    func hash(of node: MerkleFrontier.Node) -> Hash? {
        if batched { return fetched[Subtree(level: node.level, index: node.index)] }
        return try? transaction.subtreeHash(level: node.level, index: node.index)
    }
}
