import Testing
import ParcoursLog

/// C2SP `tlog-cosignature` (`cosignature/v1`), `signed-note` with several signatures, and a
/// witness policy: made, parsed and verified, against the specs' own examples where they give some.
@Suite("Cosignatures and witness policies")
struct CosignatureTests {
    static let origin = "example.com/behind-the-sofa"
    static let body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"

    @Test("the signed message and the signature line are those of the spec's example")
    func specExample() throws {
        #expect(String(decoding: Cosignature.message(body: Self.body, timestamp: 1679315147), as: UTF8.self)
            == "cosignature/v1\ntime 1679315147\n" + Self.body)
        let line = "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="
        let cosignature = try Cosignature(line: line)
        #expect(cosignature.name == "witness.example.com/w1")
        #expect(cosignature.timestamp == 1679315147)
        #expect(Hex.encode(cosignature.keyID) == "8d66cf3f")
        #expect(cosignature.line == line + "\n")
        // The spec's cosigned checkpoint parses as a signed note whose lines round-trip.
        let note = Self.body + "\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
            + line + "\n"
        let parsed = try SignedNote(parsing: note)
        #expect(parsed.text == Self.body)
        #expect(parsed.signatures.map(\.name) == [Self.origin, "witness.example.com/w1"])
        #expect(parsed.formatted == note)
    }

    @Test("a witness key uses signature type 0x04: its key id and vkey round-trip, a log vkey is refused")
    func witnessKeys() throws {
        let signer = WitnessSigner(name: "temoin.example/dpo", key: SigningKey.generate())
        let verifier = try WitnessVerifier(text: signer.verifier.text)
        #expect(verifier == signer.verifier)
        #expect(verifier.keyID == Array(Sodium.sha256(Array("temoin.example/dpo\n".utf8) + [0x04] + signer.key.publicKey.bytes).bytes.prefix(4)))
        #expect(verifier.keyID != NoteVerifier(name: verifier.name, key: verifier.key).keyID)
        #expect(throws: LogFormatError.self) { try WitnessVerifier(text: NoteVerifier(name: verifier.name, key: verifier.key).text) }
        #expect(throws: LogFormatError.self) { try WitnessVerifier(text: "autre.example/dpo+" + verifier.text.split(separator: "+", maxSplits: 1)[1]) }
    }

    @Test("a cosignature verifies over the note text and its time; another time or body is refused")
    func cosignAndVerify() throws {
        let signer = WitnessSigner(name: "temoin.example/dpo", key: SigningKey.generate())
        let cosignature = signer.cosign(body: Self.body, timestamp: 1_800_000_000)
        #expect(cosignature.noteSignature.blob.count == 76)
        let signature = try NoteSignature(line: String(cosignature.line.dropLast()))
        #expect(try signer.verifier.verify(signature, body: Self.body) == cosignature)
        #expect(throws: LogFormatError.self) { try signer.verifier.verify(signature, body: Self.body.replacingFirst("20852163", with: "20852164")) }
        var later = cosignature
        later.timestamp += 1
        #expect(throws: LogFormatError.self) { try signer.verifier.verify(later.noteSignature, body: Self.body) }
        #expect(signer.cosign(body: Self.body, timestamp: 0).timestamp == 1)
    }

    @Test("non-canonical notes and lines are refused")
    func refusals() throws {
        let good = try SignedNote(parsing: NoteSigner(name: Self.origin, key: SigningKey.generate()).sign(body: Self.body))
        let line = good.signatures[0].line
        for bad in [
            Self.body + line,                                   // no empty line
            Self.body + "\n",                                   // no signatures
            Self.body + "\n" + line.dropLast(),                 // no final newline
            Self.body + "\n" + line.replacingFirst("— ", with: "- "),
            Self.body + "\n" + line.replacingFirst("— ", with: "—  "),
            Self.body + "\n" + line.replacingFirst("=\n", with: "\n"), // non-canonical base64
            Self.body + "\n" + line + "\n",                     // an empty signature line
            Self.body.replacingFirst("\n", with: "\t\n") + "\n" + line,
            Self.body + "\n" + String(repeating: line, count: SignedNote.maxSignatures + 1),
        ] {
            #expect(throws: LogFormatError.self) { try SignedNote(parsing: String(bad)) }
        }
        #expect(throws: LogFormatError.self) { try Cosignature(good.signatures[0]) }  // 68 bytes: a log signature, not a cosignature
        var future = Cosignature(name: "w", keyID: [1, 2, 3, 4], timestamp: UInt64.max, signature: Array(repeating: 0, count: 64))
        #expect(throws: LogFormatError.self) { try Cosignature(future.noteSignature) }
        future.timestamp = Cosignature.maxTimestamp
        #expect(try Cosignature(future.noteSignature) == future)
    }

    @Test("a log verifier ignores cosignature lines: a cosigned checkpoint opens like the bare one")
    func logVerifierIgnoresWitnesses() throws {
        let log = NoteSigner(name: Self.origin, key: SigningKey.generate())
        let note = log.sign(body: Self.body)
        let witness = WitnessSigner(name: "temoin.example/dpo", key: SigningKey.generate())
        let cosigned = note + witness.cosign(body: Self.body, timestamp: 1_800_000_000).line
        #expect(try log.verifier.open(note: cosigned) == Self.body)
        // A line with the log's name and key id that does not verify spoils the whole note.
        var forged = try SignedNote(parsing: note)
        forged.signatures[0].blob[10] ^= 1
        #expect(throws: LogFormatError.self) { try log.verifier.open(note: note + forged.signatures[0].line) }
    }

    @Test("a policy reads its file, counts who vouched, and reports the quorum")
    func policy() throws {
        let log = NoteSigner(name: Self.origin, key: SigningKey.generate())
        let witnesses = (1...3).map { WitnessSigner(name: "temoin.example/w\($0)", key: SigningKey.generate()) }
        let text = """
            # three witnesses, two must vouch
            witness temoin.example/w1 \(witnesses[0].verifier.text) http://127.0.0.1:9001
            witness temoin.example/w2 \(witnesses[1].verifier.text) https://temoin.example/w2/

            witness temoin.example/w3 \(witnesses[2].verifier.text)
            quorum 2
            """
        let policy = try WitnessPolicy(text: text)
        #expect(policy.quorum == 2)
        #expect(policy.witnesses.map(\.url) == ["http://127.0.0.1:9001", "https://temoin.example/w2", nil])
        #expect(try WitnessPolicy(text: policy.text) == policy)
        let stranger = WitnessSigner(name: "inconnu.example/w", key: SigningKey.generate())
        var note = log.sign(body: Self.body) + stranger.cosign(body: Self.body, timestamp: 5).line
            + witnesses[0].cosign(body: Self.body, timestamp: 7).line
        var vouching = try policy.vouching(note: note, log: log.verifier)
        #expect(vouching.cosignatures.map(\.name) == ["temoin.example/w1"])
        #expect(!vouching.quorumMet)
        note += witnesses[2].cosign(body: Self.body, timestamp: 9).line
        vouching = try policy.vouching(note: note, log: log.verifier)
        #expect(vouching.cosignatures.map(\.timestamp) == [7, 9])
        #expect(vouching.quorumMet)
        #expect(vouching.checkpoint.size == 20852163)
        // A line by a policy witness that does not verify refuses the note.
        let wrong = witnesses[1].cosign(body: Self.body.replacingFirst("20852163", with: "1"), timestamp: 9).line
        #expect(throws: LogFormatError.self) { try policy.vouching(note: note + wrong, log: log.verifier) }
        for bad in ["quorum 2\n", "witness temoin.example/w1 \(witnesses[0].verifier.text)\nquorum 2\n",
                    "witness temoin.example/w9 \(witnesses[0].verifier.text)\nquorum 1\n",
                    "witness temoin.example/w1 \(witnesses[0].verifier.text) ftp://x\nquorum 1\n",
                    "witness temoin.example/w1 \(witnesses[0].verifier.text)\nquorum 01\n",
                    "temoin temoin.example/w1\nquorum 1\n"] {
            #expect(throws: LogFormatError.self) { try WitnessPolicy(text: bad) }
        }
    }

    @Test("an add-checkpoint body round-trips and refuses what the spec forbids")
    func addCheckpointBody() throws {
        let note = NoteSigner(name: Self.origin, key: SigningKey.generate()).sign(body: Self.body)
        let request = AddCheckpointRequest(oldSize: 20852014, proof: [Sodium.sha256([1]), Sodium.sha256([2])], note: note)
        #expect(try AddCheckpointRequest(body: request.body) == request)
        #expect(request.body.hasPrefix("old 20852014\n\(Sodium.sha256([1]).base64)\n"))
        #expect(try AddCheckpointRequest(body: "old 0\n\n" + note) == AddCheckpointRequest(oldSize: 0, proof: [], note: note))
        for bad in ["old 01\n\n" + note, "old -1\n\n" + note, "old 1\nAQ==\n\n" + note, "old 1\n" + note, "new 1\n\n" + note,
                    "old 1\n" + String(repeating: Sodium.sha256([1]).base64 + "\n", count: 64) + "\n" + note] {
            #expect(throws: LogFormatError.self) { try AddCheckpointRequest(body: bad) }
        }
    }
}
