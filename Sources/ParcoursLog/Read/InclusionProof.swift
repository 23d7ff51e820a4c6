/// An RFC 9162 inclusion proof, with what a verifier needs beside it.
public struct InclusionProof: Sendable, Equatable {
    public var seq: UInt64
    public var size: UInt64
    public var leafHash: Hash
    public var proof: [Hash]
    public var root: Hash

    public init(seq: UInt64, size: UInt64, leafHash: Hash, proof: [Hash], root: Hash) {
        (self.seq, self.size, self.leafHash, self.proof, self.root) = (seq, size, leafHash, proof, root)
    }

    /// Whether the proof shows `leafHash` at `seq` in the tree of `size` leaves with `root`.
    public var verifies: Bool { MerkleTree.verifyInclusion(leaf: seq, size: size, leafHash: leafHash, proof: proof, root: root) }

    public var json: JSONValue {
        ["seq": .int(Int64(seq)), "size": .int(Int64(size)), "leafHash": .string(leafHash.hex),
         "proof": .array(proof.map { .string($0.hex) }), "root": .string(root.hex)]
    }
}
