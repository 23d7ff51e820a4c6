import Foundation
import Testing
import ParcoursLog

@Suite("Conformance with vectors/")
struct VectorConformanceTests {
    static func verify(_ directory: String) throws -> (events: LogVerifier, access: LogVerifier) {
        let vkey = try NoteVerifier(text: Vectors.text("\(directory)/log.vkey"))
        let events = LogVerifier(kind: .events)
        try events.consume(try Vectors.lines("\(directory)/events.jsonl"))
        try events.check(checkpoint: try Vectors.text("\(directory)/events.checkpoint"), verifier: vkey)
        let access = LogVerifier(kind: .access(origin: vkey.name, logKey: vkey.key))
        try access.consume(try Vectors.lines("\(directory)/access.jsonl"))
        try access.check(checkpoint: try Vectors.text("\(directory)/access.checkpoint"),
                         verifier: NoteVerifier(name: vkey.name + "/access", key: vkey.key))
        return (events, access)
    }

    @Test("good/ verifies: signatures, authority, chain, tree and both checkpoints")
    func goodVerifies() throws {
        let (events, access) = try Self.verify("good")
        #expect(events.size == 6)
        #expect(access.size == 2)
        #expect(events.directory.actors["clin-0001"]?.key.base64 == "B6xsXkGVnMBOsVk7zCAmFey2NnvPnL7+7VpiSkMPHjU=")
    }

    @Test("each bad/ case is refused at its expected seq")
    func badCasesRefused() throws {
        let expected = try #require(try Vectors.json("bad/expected.json").arrayValue)
        #expect(expected.count == 5)
        for entry in expected {
            let name = try #require(entry["case"]?.stringValue)
            let seq = try #require(entry["firstBadSeq"]?.intValue)
            let failure = #expect(throws: IntegrityFailure.self, "case \(name)") { try Self.verify("bad/\(name)") }
            #expect(failure?.seq == UInt64(seq), "case \(name): \(failure?.reason ?? "")")
        }
    }

    @Test("leaf hashes, roots and proofs are reproduced from the records")
    func treeReproduced() throws {
        let keys = try Vectors.keys
        let lines = try Vectors.lines("good/events.jsonl")
        let leaves = lines.map(LogRecord.leafHash(line:))
        #expect(leaves == Vectors.hashes(keys["leafHashes"]))
        let tree = MemoryTree(leaves: leaves)
        for (size, root) in try #require(keys["roots"]?.objectValue) {
            #expect(try MerkleTree.root(size: UInt64(size)!, reader: tree.reader).hex == root.stringValue)
        }
        for (name, proof) in try #require(keys["inclusionProofs"]?.objectValue) {
            let parts = name.split(separator: " ")
            let leaf = UInt64(parts[0])!, size = UInt64(parts[2])!
            #expect(try MerkleTree.inclusionProof(leaf: leaf, size: size, reader: tree.reader) == Vectors.hashes(proof))
        }
        for (name, proof) in try #require(keys["consistencyProofs"]?.objectValue) {
            let parts = name.split(separator: " ")
            let from = UInt64(parts[0])!, to = UInt64(parts[2])!
            #expect(try MerkleTree.consistencyProof(from: from, to: to, reader: tree.reader) == Vectors.hashes(proof))
        }
    }

    @Test("signatures, sealed payloads and the checkpoint are reproduced from the seeds")
    func signaturesReproduced() throws {
        let keys = try Vectors.keys
        let signers = ["admin": try Vectors.signingKey("admin"), "clin-0001": try Vectors.signingKey("clin-0001"),
                       "clin-0001 after rotation": try Vectors.signingKey("clin-0001 after rotation")]
        var dataKeyBytes = Hex.decode(try #require(keys["dataKeys"]?["dk-P-7Q4K2M-1"]?.stringValue))!
        let dataKey = try DataKey(id: "dk-P-7Q4K2M-1", bytes: &dataKeyBytes)
        for line in try Vectors.lines("good/events.jsonl") {
            let parsed = try ParsedRecord(line: line)
            let envelope = parsed.record.envelope
            let signer = try #require(signers.values.first { $0.publicKey == envelope.author.key })
            #expect(LogRecord(signing: envelope, with: signer).line == line)
            if case .sealed(let sealed) = envelope.payload {
                let data = try sealed.open(with: dataKey, envelope: envelope)
                let expected = try #require(keys["plaintexts"]?["\(envelope.seq)"])
                #expect(JSONValue.object(data) == expected)
                let resealed = SealedPayload.seal(data, with: dataKey, id: envelope.id, log: envelope.log, stream: envelope.stream,
                                                  version: envelope.version, nonce: sealed.nonce)
                #expect(resealed == sealed)
            }
        }
        let logKey = try Vectors.signingKey("log")
        let origin = try #require(keys["origin"]?.stringValue)
        let leaves = try Vectors.lines("good/events.jsonl").map(LogRecord.leafHash(line:))
        let body = Checkpoint(origin: origin, size: 6, root: MemoryTree(leaves: leaves).frontier.root).body
        #expect(NoteSigner(name: origin, key: logKey).sign(body: body) == (try Vectors.text("good/events.checkpoint")))
        let vkey = try Vectors.text("good/log.vkey")
        #expect(NoteSigner(name: origin, key: logKey).verifier.text + "\n" == vkey)
    }

    @Test("a sealed payload does not open when moved to another event")
    func sealedBoundToEvent() throws {
        var bytes = Hex.decode(try #require(try Vectors.keys["dataKeys"]?["dk-P-7Q4K2M-1"]?.stringValue))!
        let dataKey = try DataKey(id: "dk-P-7Q4K2M-1", bytes: &bytes)
        var envelope = try ParsedRecord(line: try Vectors.lines("good/events.jsonl")[3]).record.envelope
        guard case .sealed(let sealed) = envelope.payload else { Issue.record("not sealed"); return }
        envelope.version = 7
        #expect(throws: CryptoError.authenticationFailed) { try sealed.open(with: dataKey, envelope: envelope) }
    }
}
