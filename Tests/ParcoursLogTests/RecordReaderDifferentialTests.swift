import Testing
@testable import ParcoursLog

/// The strict one-pass reader against the tree checker it replaced: on every line, both
/// accept or both refuse, and what they accept reads the same. A verifier built on the
/// reader therefore gives every verdict the tree checker gave, at the same seq.
@Suite("Strict record reader, differential")
struct RecordReaderDifferentialTests {
    /// Checks one line with both; returns whether they accepted it.
    @discardableResult
    ///
    /// `recall`: what the verifier's reading of the lines before left (their log's name, author
    /// and key), shared by the caller across a run of lines that repeat them, and at times
    /// differ from them by a byte.
    static func agree(_ line: [UInt8], _ note: @autoclosure () -> String = "", recall: inout RecordLineReader.Recall) -> Bool {
        let reference = Result { () throws(LogFormatError) in try TreeRecordChecker.check(line) }
        let strict = Result { () throws(LogFormatError) in try ParsedRecord(line: line) }
        // The verifier's reading, which checks a sealed nonce and ciphertext without decoding them, and the signature
        // without keeping it, sharing what the line before named: the same verdict, the same reason.
        let verifying = Result { () throws(LogFormatError) in try ParsedRecord(verifying: line, recall: &recall) }
        switch (strict, verifying) {
        case (.success(var whole), .success(let checked)):
            if case .sealed(var sealed) = whole.record.envelope.payload {
                (sealed.nonce, sealed.ciphertext) = ([], [])
                whole.record.envelope.payload = .sealed(sealed)
            }
            whole.record.signature = []
            #expect(checked.record == whole.record && checked.leafHash == whole.leafHash && checked.signatureValid == whole.signatureValid
                    && checked.envelopeRange == whole.envelopeRange, "\(note()) \(printable(line))")
        case (.failure(let whole), .failure(let checked)):
            #expect(whole.reason == checked.reason, "\(note()) \(printable(line))")
        default:
            Issue.record("the verifier's reading and the whole reading disagree \(note()): \(printable(line))")
        }
        switch (reference, strict) {
        case (.success(let expected), .success(let parsed)):
            #expect(parsed.record == expected, "\(note()) \(printable(line))")
            #expect(parsed.envelopeBytes.elementsEqual(expected.envelope.canonicalBytes))
            #expect(parsed.signatureValid == expected.envelope.author.key.isValidSignature(expected.signature, of: expected.envelope.canonicalBytes))
            #expect(parsed.leafHash == LogRecord.leafHash(line: line))
            return true
        case (.failure, .failure):
            return false
        case (.success, .failure(let error)):
            Issue.record("the strict reader refuses what the tree checker accepts (\(error)) \(note()): \(printable(line))")
        case (.failure(let error), .success):
            Issue.record("the strict reader accepts what the tree checker refuses (\(error)) \(note()): \(printable(line))")
        }
        return false
    }

    static func printable(_ bytes: [UInt8]) -> String {
        bytes.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : "<\(String($0, radix: 16))>" }.joined()
    }

    /// Records of every shape the format allows: clear and sealed, names and texts with
    /// escapes and non-ASCII, payloads of generated values.
    static func records(count: Int, mutator: inout LineMutator) -> [[UInt8]] {
        let signer = SigningKey.generate()
        let dataKey = DataKey.generate(id: "dk-P-TEST01-1")
        return (0..<count).map { index in
            let stream = mutator.pick(["directory", "participant/P-TEST01", "access", "register/reviews"])
            let data = mutator.object(depth: 3)
            let log = mutator.pick(["test.example/log", "test.example/é\"log", "x"]) + mutator.text(maxPieces: 1)
            let payload: Payload = mutator.chance(40)
                ? .sealed(SealedPayload.seal(data, with: dataKey, id: "id", log: log, stream: stream, version: 0))
                : .clear(data)
            let envelope = Envelope(log: log, seq: UInt64(mutator.pick([0, 1, 9, 10, 123_456, Int(JSONValue.maxSafeInteger)])),
                                    id: Identifiers.newEventID(), stream: stream, version: UInt64(index), type: "note.added",
                                    schema: Int64(1 + mutator.below(3)), recordedAt: Timestamp(millisecondsSinceEpoch: Int64(mutator.below(1 << 40))),
                                    author: Author(actor: mutator.pick(["admin", "clin-0001", "é", "a\"b"]), key: signer.publicKey),
                                    prev: Sodium.sha256([UInt8(truncatingIfNeeded: index)]), payload: payload)
            return LogRecord.signed(envelope, with: signer).line
        }
    }

    @Test("every line of vectors/, good and bad, and damaged copies of each: same verdict")
    func vectors() throws {
        var mutator = LineMutator(seed: 8785)
        var recall = RecordLineReader.Recall()
        var accepted = 0, refused = 0
        for file in ["good/events.jsonl", "good/access.jsonl"] + ["ciphertext-bit-flipped", "record-deleted", "records-swapped",
                                                                 "signed-with-rotated-away-key", "directory-change-by-unknown-actor"]
                                                                .flatMap { ["bad/\($0)/events.jsonl", "bad/\($0)/access.jsonl"] } {
            for line in try Vectors.lines(file) {
                #expect(Self.agree(line, file, recall: &recall), "a line of \(file) is refused")
                for _ in 0..<4 {
                    for copy in mutator.damaged(line) { if Self.agree(copy, file, recall: &recall) { accepted += 1 } else { refused += 1 } }
                }
            }
        }
        #expect(refused > 1000)
    }

    @Test("generated records and thousands of damaged copies: byte flips, reorderings, whitespace, escapes, number forms")
    func generated() {
        var mutator = LineMutator(seed: 2026)
        var recall = RecordLineReader.Recall()
        var accepted = 0, refused = 0
        for line in Self.records(count: 300, mutator: &mutator) {
            #expect(Self.agree(line, "generated", recall: &recall))
            for copy in mutator.damaged(line) + mutator.damaged(line) {
                if Self.agree(copy, "damaged", recall: &recall) { accepted += 1 } else { refused += 1 }
            }
        }
        #expect(refused > 5000)
        // Some damage leaves a canonical line (a flipped byte inside a string, a loose writing
        // that took no liberty): both must accept those too, and they then differ in signature.
        #expect(accepted > 100)
    }

    @Test("nesting at the depth limit: accepted up to 64 levels in all, refused beyond, by both")
    func depthLimit() {
        let signer = SigningKey.generate()
        var verdicts: [Bool] = []
        var recall = RecordLineReader.Recall()
        for levels in 58...63 {
            let envelope = Envelope(log: "test.example/log", seq: 1, id: Identifiers.newEventID(), stream: "directory", version: 1,
                                    type: "note.added", recordedAt: .now(), author: Author(actor: "admin", key: signer.publicKey),
                                    prev: .zero, payload: .clear(["d": LineMutator.nested(levels)]))
            verdicts.append(Self.agree(LogRecord.signed(envelope, with: signer).line, "\(levels) levels", recall: &recall))
        }
        // The record is at depth 0, the payload's member at 4: 60 arrays around it reach 64.
        #expect(verdicts == [true, true, true, false, false, false])
    }

    @Test("the canonical reader accepts exactly the JSON texts JSONParser and CanonicalJSON keep unchanged")
    func values() throws {
        var mutator = LineMutator(seed: 1)
        var texts: [[UInt8]] = []
        for entry in try #require(try Vectors.json("jcs.json")["cases"]?.arrayValue) {
            texts.append(Array(try #require(entry["input"]?.stringValue).utf8))
            texts.append(Array(try #require(entry["canonical"]?.stringValue).utf8))
        }
        for refused in try #require(try Vectors.json("jcs.json")["mustRefuse"]?.arrayValue) {
            texts.append(Array(try #require(refused.stringValue).utf8))
        }
        for _ in 0..<400 {
            let value = mutator.value(depth: 4)
            texts.append(CanonicalJSON.encode(value))
            texts.append(mutator.loose(value))
        }
        texts += texts.flatMap { mutator.damaged($0) }
        texts += ["{\"K\":1,\"\u{212A}\":2}", "{\"e\u{301}\":1,\"\u{E9}\":2}", "{\"\u{E000}\":1,\"😀\":2}", "{\"😀\":1,\"\u{E000}\":2}",
                  "\"\\u001f\"", "\"\\u001F\"", "\"\\u0008\"", "\"\\u007f\"", "\"\u{7F}\"", "\"\\/\"", "-0", "0", "-", "1.0", "[]", "{}", ""]
            .map { Array($0.utf8) }
        var accepted = 0
        for text in texts {
            let reference = TreeRecordChecker.isCanonical(text)
            let strict: JSONValue? = text.withUnsafeBufferPointer { buffer in
                var reader = CanonicalJSONReader(buffer)
                guard let value = try? reader.value(depth: 0), reader.isAtEnd else { return nil }
                return value
            }
            #expect(strict == reference, "\(Self.printable(text))")
            if reference != nil { accepted += 1 }
        }
        #expect(accepted > 400)
    }
}
