/// The stored hashes of the subtrees a run of leaves completes, read together
/// (`LogTransaction.subtreeHashes(completedBy:)`), each then found by its level and index
/// without hashing. When they cannot be read together, each is read alone (nil where missing).
struct StoredSubtreeHashes {
    private let transaction: any LogTransaction
    /// Per level, the first index of the subtrees the run completes.
    private let firsts: [UInt64]
    /// Per level, the hashes from its first index; empty when the read failed.
    private let levels: [[Hash?]]

    init(_ transaction: any LogTransaction, completedBy leaves: Range<UInt64>) {
        self.transaction = transaction
        firsts = Subtree.levels(completedBy: leaves).map(\.lowerBound)
        levels = (try? transaction.subtreeHashes(completedBy: leaves)) ?? []
    }

    /// The stored hash of a completed subtree, or nil when the store lacks it.
    func hash(of node: MerkleFrontier.Node) -> Hash? {
        if node.level < levels.count, node.level < firsts.count {
            let offset = node.index &- firsts[node.level]
            if offset < UInt64(levels[node.level].count) { return levels[node.level][Int(offset)] }
        }
        return try? transaction.subtreeHash(level: node.level, index: node.index)
    }
}
