/// The right edge of a Merkle tree: the complete subtrees that make up its
/// first `size` leaves, largest first (one per set bit of `size`).
///
/// Appending a leaf costs O(1) amortized hashes and tells which complete subtree
/// hashes became known, so a store can keep them; the root costs O(log n).
public struct MerkleFrontier: Sendable, Equatable {
    /// A newly completed subtree: 2^level leaves starting at leaf `index << level`.
    public struct Node: Sendable, Equatable {
        public var level: Int
        public var index: UInt64
        public var hash: Hash
    }

    public private(set) var size: UInt64 = 0
    private var levels: [Int] = []
    private var hashes: [Hash] = []

    public init() {}

    /// The frontier of a tree of `size` leaves, read from stored subtree hashes.
    public init(size: UInt64, reader: MerkleTree.HashReader) throws {
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (UInt64(1) << level) != 0 {
            levels.append(level)
            hashes.append(try reader(level, start >> level))
            start += UInt64(1) << level
        }
        self.size = size
    }

    /// Adds the next leaf and returns every subtree hash it completes (the leaf first).
    @discardableResult
    public mutating func append(_ leafHash: Hash) -> [Node] {
        var completed = [Node(level: 0, index: size, hash: leafHash)]
        var level = 0
        var hash = leafHash
        var index = size
        while let last = levels.last, last == level {
            levels.removeLast()
            hash = MerkleTree.node(hashes.removeLast(), hash)
            level += 1
            index >>= 1
            completed.append(Node(level: level, index: index, hash: hash))
        }
        levels.append(level)
        hashes.append(hash)
        size += 1
        return completed
    }

    /// The Merkle Tree Hash of the leaves so far.
    public var root: Hash {
        guard var root = hashes.last else { return MerkleTree.emptyRoot }
        for hash in hashes.dropLast().reversed() { root = MerkleTree.node(hash, root) }
        return root
    }
}
