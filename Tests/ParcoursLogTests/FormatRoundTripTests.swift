import Foundation
import Testing
@testable import ParcoursLog

@Suite("Format and parse pairs")
struct FormatRoundTripTests {
    @Test("timestamps round-trip and refuse other forms")
    func timestamps() {
        for text in ["2026-11-23T10:15:30.123Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.999Z"] {
            #expect(Timestamp(text)?.description == text)
        }
        for text in ["2026-11-23T10:15:30Z", "2026-11-23T10:15:30.123+00:00", "2025-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z"] {
            #expect(Timestamp(text) == nil)
        }
    }

    @Test("an instant is written as Foundation's UTC calendar gives it, from year 0 to 9999; outside, still in digits")
    func timestampsAgainstFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var random = SystemRandomNumberGenerator()
        // From 1601 (Foundation's Gregorian calendar is proleptic only from there on) to 9999-12-31T23:59:59.999Z.
        let range: ClosedRange<Int64> = -11_644_473_600_000...253_402_300_799_999
        let instants = [range.lowerBound, range.upperBound, 0, -1, 951_782_400_000, 4_107_542_400_000] + (0..<5_000).map { _ in Int64.random(in: range, using: &random) }
        for milliseconds in instants {
            let timestamp = Timestamp(millisecondsSinceEpoch: milliseconds)
            let date = Date(timeIntervalSince1970: Double(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient) - (milliseconds % 1000 < 0 ? 1 : 0))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let milli = ((milliseconds % 1000) + 1000) % 1000
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!, Int(milli))
            #expect(timestamp.description == expected, "\(milliseconds)")
            #expect(Timestamp(expected) == timestamp)
        }
        #expect(Timestamp(millisecondsSinceEpoch: 253_402_300_800_000).description == "10000-01-01T00:00:00.000Z")
    }

    @Test("an instant read from bytes and compared in place agrees with its text form: the first and last years, leap days, every byte changed")
    func timestampsInPlace() {
        for text in ["0000-01-01T00:00:00.000Z", "0000-02-29T12:00:00.001Z", "9999-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z",
                     "1970-01-01T00:00:00.000Z", "2026-12-02T20:05:19.235Z"] {
            var utf8 = Array(text.utf8)
            let timestamp = Timestamp(text)
            #expect(timestamp != nil && timestamp?.description == text)
            #expect(utf8.withUnsafeBufferPointer { Timestamp(utf8: $0) } == timestamp)
            #expect(timestamp?.isWritten(as: text) == true)
            for position in utf8.indices {
                let original = utf8[position]
                for byte in [UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "Z"), 0, 0xC3] where byte != original {
                    utf8[position] = byte
                    let changed = String(decoding: utf8, as: UTF8.self)
                    let parsed = utf8.withUnsafeBufferPointer { Timestamp(utf8: $0) }
                    #expect(parsed == Timestamp(changed), "\(changed)")
                    #expect(timestamp?.isWritten(as: changed) == false, "\(changed)")
                    if let parsed { #expect(parsed.isWritten(as: changed) == (parsed.description == changed), "\(changed)") }
                    utf8[position] = original
                }
            }
        }
        // Year 10000 has no four-digit form: no 24 bytes are it, not even those of year 0000 it would wrap to.
        #expect(Timestamp(millisecondsSinceEpoch: 253_402_300_800_000).isWritten(as: "0000-01-01T00:00:00.000Z") == false)
        #expect(Timestamp("2023-02-29T00:00:00.000Z") == nil)
    }

    @Test("a sealed payload's associated data is the canonical JSON of its position, escapes included")
    func associatedData() {
        for (id, log, stream, version) in [("x", "y", "z", UInt64(0)), ("évé\"nt", "test.example/é\"log\u{1}", "participant/P-TEST01", UInt64(Int64.max))] {
            #expect(SealedPayload.associatedData(id: id, log: log, stream: stream, version: version)
                    == CanonicalJSON.encode(["id": .string(id), "log": .string(log), "stream": .string(stream), "version": .int(Int64(version))]))
        }
    }

    @Test("base64 and hex refuse non-canonical text")
    func encodings() {
        #expect(Base64.decode("AQ==") == [1])
        #expect(Base64.decode("AR==") == nil)
        #expect(Base64.decode("AQ") == nil)
        #expect(Base64.decode("A Q==") == nil)
        #expect(Hex.decode("0aff") == [0x0A, 0xFF])
        #expect(Hex.decode("0AFF") == nil)
    }

    @Test("a digest read from hex in place accepts exactly the 64 lowercase hex digits Hex decodes, every byte value at every position")
    func digestFromHex() {
        let digits = Array("0123456789abcdef".utf8)
        var text = (0..<64).map { digits[($0 * 7 + 3) % 16] }
        let expected = text.withUnsafeBufferPointer { Hex.decode(bytes: $0) }
        #expect(text.withUnsafeBufferPointer { Hash(hexBytes: $0) }?.bytes == expected)
        for position in text.indices {
            let original = text[position]
            for byte in UInt8.min...UInt8.max {
                text[position] = byte
                let decoded = text.withUnsafeBufferPointer { Hex.decode(bytes: $0) }
                #expect(text.withUnsafeBufferPointer { Hash(hexBytes: $0) }?.bytes == decoded, "byte \(byte) at \(position)")
            }
            text[position] = original
        }
        #expect(Array(text.dropLast()).withUnsafeBufferPointer { Hash(hexBytes: $0) } == nil)
    }

    @Test("base64 decodes what Foundation decodes and writes back the same, and nothing else, over every length to 69 bytes and every change of one symbol to any of 70")
    func base64AgainstFoundation() {
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= -_.\n".utf8)
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length &* 11) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64.decode(text) == bytes)
            var whole = text
            #expect(whole.withUTF8 { Base64.decodedCount(ofCanonical: $0) } == length)
            var utf8 = Array(text.utf8)
            for position in utf8.indices {
                let original = utf8[position]
                for symbol in symbols where symbol != original {
                    utf8[position] = symbol
                    let changed = String(decoding: utf8, as: UTF8.self)
                    // Canonical: Foundation decodes it and encodes the bytes back to the very same text.
                    let foundation = Data(base64Encoded: changed).map { [UInt8]($0) }.flatMap { Data($0).base64EncodedString() == changed ? $0 : nil }
                    #expect(Base64.decode(changed) == foundation, "\(changed)")
                    // Checked without decoding: canonical exactly when it decodes, to as many bytes.
                    var text = changed
                    #expect(text.withUTF8 { Base64.decodedCount(ofCanonical: $0) } == foundation?.count, "\(changed)")
                }
                utf8[position] = original
            }
        }
    }

    @Test("checkpoints and verifier keys round-trip; a tampered note is refused")
    func notes() throws {
        let signer = NoteSigner(name: "example.org/log", key: SigningKey.generate())
        let checkpoint = Checkpoint(origin: "example.org/log", size: 42, root: Sodium.sha256([1, 2, 3]))
        let note = signer.sign(body: checkpoint.body)
        let verifier = try NoteVerifier(text: signer.verifier.text)
        #expect(try Checkpoint(body: verifier.open(note: note)) == checkpoint)
        let tampered = note.replacingFirst("42", with: "43")
        #expect(throws: LogFormatError.self) { try verifier.open(note: tampered) }
        #expect(throws: LogFormatError.self) { try Checkpoint(body: "example.org/log\n042\n\(checkpoint.root.base64)\n") }
        #expect(throws: LogFormatError.self) { try NoteVerifier(text: "other.name+" + signer.verifier.text.split(separator: "+", maxSplits: 1)[1]) }
    }

    @Test("a passphrase seal opens with its passphrase only")
    func passphraseSeal() throws {
        let secret: [UInt8] = Array(0..<32)
        let sealed = try PassphraseSeal.seal(secret, passphrase: "correct horse")
        #expect(try PassphraseSeal(json: sealed.json).open(passphrase: "correct horse") == secret)
        #expect(throws: CryptoError.wrongPassphrase) { try sealed.open(passphrase: "wrong horse") }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

@Suite("The envelope's direct canonical writer")
struct EnvelopeEncodingTests {
    @Test("canonicalBytes equals RFC 8785 of the envelope's JSON, clear and sealed, with escapes and non-ASCII")
    func directWriterMatchesGeneric() throws {
        let key = SigningKey.generate()
        let dataKey = DataKey.generate(id: "dk-P-TEST01-1")
        let clear: [String: JSONValue] = ["note": "« guillemets » \"quotes\" \\ tab\t\u{1}", "n": -42, "emoji": "😀", "list": [true, nil]]
        for payload in [Payload.clear(clear),
                        .sealed(SealedPayload.seal(clear, with: dataKey, id: "x", log: "y", stream: "z", version: 0))] {
            let envelope = Envelope(log: "test.example/é\"log", seq: 123_456, id: Identifiers.newEventID(), stream: "participant/P-TEST01",
                                    version: 9, type: "note.added", schema: 3, recordedAt: .now(),
                                    author: Author(actor: "clin-0001", key: key.publicKey), prev: Sodium.sha256([1]), payload: payload)
            #expect(envelope.canonicalBytes == CanonicalJSON.encode(envelope.json))
            let signed = LogRecord.signed(envelope, with: key)
            #expect(signed.line == CanonicalJSON.encode(["envelope": envelope.json, "sig": .string(Base64.encode(signed.record.signature))]))
            #expect(try ParsedRecord(line: signed.line).signatureValid)
        }
    }
}

@Suite("Base64")
struct Base64Tests {
    @Test("round-trips every length, agrees with RFC 4648 test vectors, and refuses non-canonical text")
    func roundTrip() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        for length in 0..<70 {
            let bytes = Sodium.randomBytes(length)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        for bad in ["Zg=", "Zh==", "Zm9=", "Zm9vYg=a", "Zm 9v", "Zm9v\n", "====", "Z===", "Zm-v", "Zm_v"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }
}
