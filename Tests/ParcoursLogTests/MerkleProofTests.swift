import Testing
import ParcoursLog

@Suite("RFC 9162 proofs")
struct MerkleProofTests {
    static let leaves = (0..<64).map { Sodium.sha256(prefix: 0x00, Array("leaf \($0)".utf8)) }

    @Test("every inclusion proof up to 64 leaves verifies, and fails with any hash altered")
    func inclusion() throws {
        let tree = MemoryTree(leaves: Self.leaves)
        for size in UInt64(1)...64 {
            let root = try MerkleTree.root(size: size, reader: tree.reader)
            for leaf in 0..<size {
                let proof = try MerkleTree.inclusionProof(leaf: leaf, size: size, reader: tree.reader)
                #expect(MerkleTree.verifyInclusion(leaf: leaf, size: size, leafHash: Self.leaves[Int(leaf)], proof: proof, root: root))
                for index in proof.indices {
                    var altered = proof
                    altered[index] = Sodium.sha256(altered[index].bytes)
                    #expect(!MerkleTree.verifyInclusion(leaf: leaf, size: size, leafHash: Self.leaves[Int(leaf)], proof: altered, root: root))
                }
            }
        }
    }

    @Test("every consistency proof (m, n) up to 64 verifies, and fails with any hash altered")
    func consistency() throws {
        let tree = MemoryTree(leaves: Self.leaves)
        let roots = try (0...64).map { try MerkleTree.root(size: UInt64($0), reader: tree.reader) }
        for n in UInt64(1)...64 {
            for m in UInt64(1)...n {
                let proof = try MerkleTree.consistencyProof(from: m, to: n, reader: tree.reader)
                #expect(MerkleTree.verifyConsistency(from: m, to: n, fromRoot: roots[Int(m)], toRoot: roots[Int(n)], proof: proof))
                for index in proof.indices {
                    var altered = proof
                    altered[index] = Sodium.sha256(altered[index].bytes)
                    #expect(!MerkleTree.verifyConsistency(from: m, to: n, fromRoot: roots[Int(m)], toRoot: roots[Int(n)], proof: altered))
                }
                if m < n {
                    #expect(!MerkleTree.verifyConsistency(from: m, to: n, fromRoot: roots[Int(m) - 1], toRoot: roots[Int(n)], proof: proof))
                }
            }
        }
    }

    @Test("a frontier read back from stored hashes gives the same root and continues the same tree")
    func frontierReload() throws {
        var tree = MemoryTree(leaves: Array(Self.leaves.prefix(37)))
        var reloaded = try MerkleFrontier(size: 37, reader: tree.reader)
        #expect(reloaded.root == tree.frontier.root)
        for leaf in Self.leaves.suffix(27) {
            reloaded.append(leaf)
            tree.append(leaf)
        }
        #expect(reloaded.root == tree.frontier.root)
        #expect(reloaded.root == (try MerkleTree.root(size: 64, reader: tree.reader)))
    }
}
