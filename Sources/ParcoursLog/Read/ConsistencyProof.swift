/// An RFC 9162 consistency proof between two sizes of a log.
public struct ConsistencyProof: Sendable, Equatable {
    public var from: UInt64
    public var to: UInt64
    public var fromRoot: Hash
    public var toRoot: Hash
    public var proof: [Hash]

    public init(from: UInt64, to: UInt64, fromRoot: Hash, toRoot: Hash, proof: [Hash]) {
        (self.from, self.to, self.fromRoot, self.toRoot, self.proof) = (from, to, fromRoot, toRoot, proof)
    }

    /// Whether the proof shows the tree (`from`, `fromRoot`) is a prefix of (`to`, `toRoot`).
    public var verifies: Bool { MerkleTree.verifyConsistency(from: from, to: to, fromRoot: fromRoot, toRoot: toRoot, proof: proof) }

    public var json: JSONValue {
        ["from": .int(Int64(from)), "to": .int(Int64(to)), "fromRoot": .string(fromRoot.hex), "toRoot": .string(toRoot.hex),
         "proof": .array(proof.map { .string($0.hex) })]
    }
}
