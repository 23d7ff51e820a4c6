import Testing
import ParcoursLog

/// A witness's answers to `add-checkpoint` (C2SP `tlog-witness`), decided without a network.
@Suite("Witness verdicts")
struct WitnessVerdictTests {
    static let origin = "parcours.example/journal"
    let log = NoteSigner(name: Self.origin, key: SigningKey.generate())
    let witness = WitnessSigner(name: "temoin.example/dpo", key: SigningKey.generate())
    let tree = MemoryTree(leaves: (0..<20).map { Sodium.sha256(prefix: 0x00, Array("leaf \($0)".utf8)) })

    func note(_ size: UInt64, signer: NoteSigner? = nil) throws -> String {
        (signer ?? log).sign(body: Checkpoint(origin: Self.origin, size: size, root: try MerkleTree.root(size: size, reader: tree.reader)).body)
    }

    func decide(_ request: AddCheckpointRequest, latest: WitnessedTree?) -> WitnessVerdict {
        WitnessVerdict.decide(body: request.body, logs: [log.verifier], latest: { _ in latest }, signer: witness, now: 1_800_000_000)
    }

    func witnessed(_ size: UInt64) throws -> WitnessedTree {
        WitnessedTree(origin: Self.origin, size: size, root: try MerkleTree.root(size: size, reader: tree.reader), note: try note(size))
    }

    @Test("a first checkpoint and a consistent one are cosigned; the cosignature verifies on the note")
    func cosigns() throws {
        guard case .cosign(let first, let line) = decide(AddCheckpointRequest(oldSize: 0, proof: [], note: try note(7)), latest: nil) else {
            Issue.record("the first checkpoint was not cosigned")
            return
        }
        #expect(first.size == 7)
        let policy = try WitnessPolicy(witnesses: [.init(verifier: witness.verifier, url: nil)], quorum: 1)
        #expect(try policy.vouching(note: note(7) + line, log: log.verifier).quorumMet)
        let proof = try MerkleTree.consistencyProof(from: 7, to: 13, reader: tree.reader)
        guard case .cosign(let next, _) = decide(AddCheckpointRequest(oldSize: 7, proof: proof, note: try note(13)), latest: first) else {
            Issue.record("a consistent checkpoint was not cosigned")
            return
        }
        #expect(next.size == 13)
    }

    @Test("409 states the witness's size when the old size is not it")
    func conflict() throws {
        #expect(decide(AddCheckpointRequest(oldSize: 0, proof: [], note: try note(13)), latest: try witnessed(7)) == .conflict(size: 7))
        #expect(decide(AddCheckpointRequest(oldSize: 5, proof: [], note: try note(13)), latest: nil) == .conflict(size: 0))
    }

    @Test("a fork of the same size, a bad proof, a proof from 0 and a non-empty tree of size 0 are 422")
    func inconsistent() throws {
        let fork = log.sign(body: Checkpoint(origin: Self.origin, size: 7, root: Sodium.sha256([9])).body)
        #expect(decide(AddCheckpointRequest(oldSize: 7, proof: [], note: fork), latest: try witnessed(7)) == .inconsistent("the consistency proof does not verify"))
        let proof = try MerkleTree.consistencyProof(from: 6, to: 13, reader: tree.reader)
        if case .inconsistent = decide(AddCheckpointRequest(oldSize: 7, proof: proof, note: try note(13)), latest: try witnessed(7)) {} else {
            Issue.record("a wrong proof was accepted")
        }
        if case .inconsistent = decide(AddCheckpointRequest(oldSize: 0, proof: proof, note: try note(13)), latest: nil) {} else {
            Issue.record("a proof from 0 was accepted")
        }
        let empty = log.sign(body: Checkpoint(origin: Self.origin, size: 0, root: Sodium.sha256([1])).body)
        if case .inconsistent = decide(AddCheckpointRequest(oldSize: 0, proof: [], note: empty), latest: nil) {} else {
            Issue.record("a size-0 checkpoint with another root was accepted")
        }
    }

    @Test("an unknown origin is 404, another key or a broken signature 403, garbage or old > size 400")
    func refusals() throws {
        let other = NoteSigner(name: "autre.example/journal", key: SigningKey.generate())
        let foreign = other.sign(body: Checkpoint(origin: other.name, size: 1, root: Sodium.sha256([1])).body)
        #expect(decide(AddCheckpointRequest(oldSize: 0, proof: [], note: foreign), latest: nil) == .unknownLog)
        let impostor = NoteSigner(name: Self.origin, key: SigningKey.generate())
        if case .forbidden = decide(AddCheckpointRequest(oldSize: 0, proof: [], note: try note(7, signer: impostor)), latest: nil) {} else {
            Issue.record("a checkpoint signed by another key was accepted")
        }
        var broken = try SignedNote(parsing: note(7))
        broken.signatures[0].blob[20] ^= 1
        if case .forbidden = decide(AddCheckpointRequest(oldSize: 0, proof: [], note: broken.formatted), latest: nil) {} else {
            Issue.record("a broken log signature was accepted")
        }
        if case .malformed = decide(AddCheckpointRequest(oldSize: 9, proof: [], note: try note(7)), latest: nil) {} else {
            Issue.record("an old size above the checkpoint's was accepted")
        }
        if case .malformed = WitnessVerdict.decide(body: "old 0\n", logs: [log.verifier], latest: { _ in nil }, signer: witness, now: 1) {} else {
            Issue.record("a body without a checkpoint was accepted")
        }
    }
}
