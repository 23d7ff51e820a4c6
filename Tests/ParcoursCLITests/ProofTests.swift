import Foundation
import ParcoursLog
import Testing

/// `prove inclusion` and `prove consistency` give RFC 9162 proofs that a third party
/// can check against a signed checkpoint, recomputed here with an independent SHA-256.
@Suite("Merkle proofs from the command line")
struct ProofTests {
    /// A store with 13 events and the signed checkpoints at sizes 6 and 13, with the
    /// leaf hashes that `append` printed and the exported record lines.
    struct Fixture {
        var cli: CLI
        var appendedLeaves: [Int64: String]
        var lines: [[UInt8]]
        var note6: String
        var note13: String
    }

    static func fixture() throws -> Fixture {
        let cli = try CLI.initialized()
        var leaves: [Int64: String] = [:]
        func append(_ range: Range<Int>) throws {
            let input = range.map { eventLine(stream: "notes/preuve", data: ["i": .int(Int64($0))]) }.joined(separator: "\n")
            let result = try cli.append(input)
            try #require(result.status == 0, "\(result)")
            for line in try result.jsonLines() {
                leaves[try #require(line["seq"]?.intValue)] = line["leafHash"]?.stringValue
            }
        }
        try append(0..<5)
        let note6 = try cli.checkpoint()
        try append(5..<12)
        let note13 = try cli.checkpoint()
        let export = try cli.exportLog()
        let data = try Data(contentsOf: export.appendingPathComponent("events.jsonl"))
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) }
        return Fixture(cli: cli, appendedLeaves: leaves, lines: lines, note6: note6, note13: note13)
    }

    static func hashes(_ value: JSONValue?) -> [[UInt8]] {
        (value?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(IndependentSHA256.bytes(hex:)) }
    }

    @Test("The independent SHA-256 matches known answers")
    func sha256KnownAnswers() {
        #expect(IndependentSHA256.hex(IndependentSHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(IndependentSHA256.hex(IndependentSHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(IndependentSHA256.hex(IndependentSHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let block: [UInt8] = (0...255).map { UInt8($0) }
        let long: [UInt8] = block + block + block + block + Array("xyz".utf8)
        #expect(IndependentSHA256.hex(IndependentSHA256.hash(long))
            == "32b377390e072c37cfeb9bb327d8825616819a76b0ad3749e16fe22e53afbdfc")
        let padding: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (length, expected) in padding {
            #expect(IndependentSHA256.hex(IndependentSHA256.hash([UInt8](repeating: 0x61, count: length))) == expected, "length \(length)")
        }
    }

    @Test("Leaf hashes and the signed root recompute from the exported records")
    func leavesAndRoot() throws {
        let f = try Self.fixture()
        try #require(f.lines.count == 13)
        let leaves = f.lines.map(IndependentSHA256.leafHash)
        for (seq, leaf) in leaves.enumerated() where seq > 0 {
            #expect(f.appendedLeaves[Int64(seq)] == IndependentSHA256.hex(leaf), "append printed the leaf hash of seq \(seq)")
        }
        let checkpoint13 = try #require(checkpointBody(f.note13))
        #expect(checkpoint13.size == 13)
        #expect(checkpoint13.root.bytes == IndependentSHA256.root(leaves[...]))
        let checkpoint6 = try #require(checkpointBody(f.note6))
        #expect(checkpoint6.size == 6)
        #expect(checkpoint6.root.bytes == IndependentSHA256.root(leaves[..<6]))
    }

    @Test("prove inclusion gives a proof of every record that verifies against the signed root")
    func inclusionProofsVerify() throws {
        let f = try Self.fixture()
        let leaves = f.lines.map(IndependentSHA256.leafHash)
        let signedRoot = try #require(checkpointBody(f.note13)).root
        for seq in 0..<13 {
            let result = try f.cli.run(["prove", "inclusion", "--seq", "\(seq)"])
            try #require(result.status == 0, "\(result)")
            let proof = try #require(try result.jsonLines().first)
            #expect(proof["seq"]?.intValue == Int64(seq))
            #expect(proof["size"] == 13)
            #expect(proof["leafHash"]?.stringValue == IndependentSHA256.hex(leaves[seq]))
            #expect(proof["root"]?.stringValue == signedRoot.hex, "the proof is against the signed root")
            let path = Self.hashes(proof["proof"])
            #expect(path.count == (proof["proof"]?.arrayValue?.count ?? -1), "every proof hash is 64 hex digits")

            // Recomputed independently, from the leaf of the exported line.
            let recomputed = IndependentSHA256.rootFromInclusion(index: UInt64(seq), size: 13, leaf: leaves[seq], proof: path)
            #expect(recomputed == signedRoot.bytes, "inclusion proof of seq \(seq)")
            // And with the library's verifier.
            #expect(MerkleTree.verifyInclusion(leaf: UInt64(seq), size: 13, leafHash: try #require(Hash(bytes: leaves[seq])),
                                               proof: path.compactMap { Hash(bytes: $0) }, root: signedRoot))

            // A proof for another leaf, or a damaged path, does not verify.
            let other = leaves[(seq + 1) % 13]
            #expect(IndependentSHA256.rootFromInclusion(index: UInt64(seq), size: 13, leaf: other, proof: path) != signedRoot.bytes)
            if !path.isEmpty {
                var damaged = path
                damaged[damaged.count - 1][0] ^= 0x01
                #expect(IndependentSHA256.rootFromInclusion(index: UInt64(seq), size: 13, leaf: leaves[seq], proof: damaged)
                    != signedRoot.bytes)
            }
        }
    }

    @Test("prove inclusion --size proves against an older signed checkpoint")
    func inclusionAtOlderSize() throws {
        let f = try Self.fixture()
        let leaves = f.lines.map(IndependentSHA256.leafHash)
        let oldRoot = try #require(checkpointBody(f.note6)).root
        for seq in 0..<6 {
            let result = try f.cli.run(["prove", "inclusion", "--seq", "\(seq)", "--size", "6"])
            try #require(result.status == 0, "\(result)")
            let proof = try #require(try result.jsonLines().first)
            #expect(proof["size"] == 6)
            #expect(proof["root"]?.stringValue == oldRoot.hex)
            let recomputed = IndependentSHA256.rootFromInclusion(index: UInt64(seq), size: 6, leaf: leaves[seq],
                                                                 proof: Self.hashes(proof["proof"]))
            #expect(recomputed == oldRoot.bytes, "inclusion of seq \(seq) in the tree of 6")
        }
    }

    @Test("prove consistency links the older signed checkpoint to the newer one")
    func consistencyProof() throws {
        let f = try Self.fixture()
        let old = try #require(checkpointBody(f.note6))
        let new = try #require(checkpointBody(f.note13))
        let result = try f.cli.run(["prove", "consistency", "--from", "6"])
        try #require(result.status == 0, "\(result)")
        let proof = try #require(try result.jsonLines().first)
        #expect(proof["from"] == 6)
        #expect(proof["to"] == 13)
        #expect(proof["fromRoot"]?.stringValue == old.root.hex)
        #expect(proof["toRoot"]?.stringValue == new.root.hex)
        let path = Self.hashes(proof["proof"]).compactMap { Hash(bytes: $0) }
        #expect(!path.isEmpty)
        #expect(MerkleTree.verifyConsistency(from: 6, to: 13, fromRoot: old.root, toRoot: new.root, proof: path))
        var damaged = path
        damaged[0] = Hash(bytes: damaged[0].bytes.map { $0 ^ 0xFF })!
        #expect(!MerkleTree.verifyConsistency(from: 6, to: 13, fromRoot: old.root, toRoot: new.root, proof: damaged))
    }

    @Test("Proofs of records or sizes beyond the log are refused")
    func outOfRange() throws {
        let cli = try CLI.initialized()
        for arguments in [["prove", "inclusion", "--seq", "1"], ["prove", "inclusion", "--seq", "0", "--size", "2"],
                          ["prove", "consistency", "--from", "2"], ["prove", "consistency", "--from", "1", "--to", "5"],
                          ["prove", "inclusion", "--seq", "-1"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(!result.stderr.isEmpty)
        }
    }
}
