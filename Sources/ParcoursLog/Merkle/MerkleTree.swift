/// RFC 9162 §2.1 Merkle tree hashing, proofs and their verification.
///
/// Proofs are built from the hashes of *complete* subtrees (a subtree of 2^level
/// leaves starting at `index << level`), which a store keeps as it appends. Every
/// range the RFC's recursion visits starts at a multiple of the largest power of
/// two not above its length, so any range hash costs O(log n) stored hashes.
public enum MerkleTree {
    /// Reads the stored hash of a complete subtree.
    public typealias HashReader = (_ level: Int, _ index: UInt64) throws -> Hash

    /// `MTH({})`: the root of the empty tree, `SHA-256()`.
    public static let emptyRoot = Sodium.sha256([UInt8]())

    /// `SHA-256(0x01 || left || right)`.
    public static func node(_ left: Hash, _ right: Hash) -> Hash {
        var buffer = [UInt8](repeating: 0, count: 64)
        left.withUnsafeBytes { l in buffer.withUnsafeMutableBytes { $0.copyMemory(from: l) } }
        right.withUnsafeBytes { r in buffer.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[32...]).copyMemory(from: r) } }
        return Sodium.sha256(prefix: 0x01, buffer)
    }

    /// The largest power of two strictly below `n` (n ≥ 2).
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2)
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// The hash of leaves `[start, end)`, from stored complete subtrees.
    public static func rangeHash(_ start: UInt64, _ end: UInt64, reader: HashReader) throws -> Hash {
        precondition(end > start)
        let width = end - start
        if width & (width - 1) == 0 {
            let level = width.trailingZeroBitCount
            return try reader(level, start >> level)
        }
        let k = split(width)
        return node(try rangeHash(start, start + k, reader: reader), try rangeHash(start + k, end, reader: reader))
    }

    /// The root of the tree of the first `size` leaves.
    public static func root(size: UInt64, reader: HashReader) throws -> Hash {
        size == 0 ? emptyRoot : try rangeHash(0, size, reader: reader)
    }

    /// RFC 9162 §2.1.3.1: the inclusion proof of `leaf` in the tree of `size` leaves.
    public static func inclusionProof(leaf: UInt64, size: UInt64, reader: HashReader) throws -> [Hash] {
        precondition(leaf < size)
        var proof: [Hash] = []
        try path(leaf, 0, size, into: &proof, reader: reader)
        return proof
    }

    private static func path(_ m: UInt64, _ start: UInt64, _ end: UInt64, into proof: inout [Hash], reader: HashReader) throws {
        let n = end - start
        guard n > 1 else { return }
        let k = split(n)
        if m < k {
            try path(m, start, start + k, into: &proof, reader: reader)
            proof.append(try rangeHash(start + k, end, reader: reader))
        } else {
            try path(m - k, start + k, end, into: &proof, reader: reader)
            proof.append(try rangeHash(start, start + k, reader: reader))
        }
    }

    /// RFC 9162 §2.1.4.1: the proof that the tree of `from` leaves is a prefix of the tree of `to` leaves.
    public static func consistencyProof(from: UInt64, to: UInt64, reader: HashReader) throws -> [Hash] {
        precondition(from <= to)
        guard from > 0, from < to else { return [] }
        var proof: [Hash] = []
        try subproof(from, 0, to, complete: true, into: &proof, reader: reader)
        return proof
    }

    private static func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, complete: Bool, into proof: inout [Hash],
                                 reader: HashReader) throws {
        let n = end - start
        if m == n {
            if !complete { proof.append(try rangeHash(start, end, reader: reader)) }
            return
        }
        let k = split(n)
        if m <= k {
            try subproof(m, start, start + k, complete: complete, into: &proof, reader: reader)
            proof.append(try rangeHash(start + k, end, reader: reader))
        } else {
            try subproof(m - k, start + k, end, complete: false, into: &proof, reader: reader)
            proof.append(try rangeHash(start, start + k, reader: reader))
        }
    }

    /// RFC 9162 §2.1.3.2: whether `proof` shows `leafHash` at `leaf` in the tree of `size` leaves with `root`.
    public static func verifyInclusion(leaf: UInt64, size: UInt64, leafHash: Hash, proof: [Hash], root: Hash) -> Bool {
        guard leaf < size else { return false }
        var fn = leaf
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = node(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162 §2.1.4.2: whether `proof` shows the tree (`from`, `fromRoot`) is a prefix of (`to`, `toRoot`).
    public static func verifyConsistency(from: UInt64, to: UInt64, fromRoot: Hash, toRoot: Hash, proof: [Hash]) -> Bool {
        guard from <= to else { return false }
        if from == to { return proof.isEmpty && fromRoot == toRoot }
        if from == 0 { return proof.isEmpty && fromRoot == emptyRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if from & (from - 1) == 0 { path.insert(fromRoot, at: 0) }
        var fn = from - 1
        var sn = to - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = node(c, fr)
                sr = node(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == fromRoot && sr == toRoot
    }
}
