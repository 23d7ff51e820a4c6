import Testing
import ParcoursLog

/// The tape reads what the parser reads: the same values from the same texts, the same texts
/// refused; and its decoder gives what `JSONValueDecoder` (letting unknown members through)
/// gives from the parser's tree. Synthetic values only.
@Suite("JSON tape and its decoder")
struct JSONTapeTests {
    typealias Visit = JSONValueDecoderTests.Visit

    /// The tape's reading of `bytes` as a tree, through its decoder (nil when refused).
    static func tapeValue(_ bytes: [UInt8]) -> JSONValue? { try? JSONTapeDecoder().decode(JSONValue.self, from: bytes) }

    @Test("generated texts, canonical, loose and damaged: the tape accepts what the parser accepts, with the same value, and refuses the rest")
    func sameVerdicts() {
        var mutator = LineMutator(seed: 16)
        var (compared, refused) = (0, 0)
        for _ in 0..<500 {
            let value = mutator.value(depth: 4)
            let canonical = CanonicalJSON.encode(value)
            for bytes in [canonical, mutator.loose(value)] + mutator.damaged(canonical) + mutator.damaged(mutator.loose(value)) {
                let parsed = try? JSONParser.parse(bytes)
                let taped = Self.tapeValue(bytes)
                #expect(parsed == taped, "the tape and the parser differ on \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                compared += 1
                if parsed == nil { refused += 1 }
            }
        }
        #expect(refused > 1_000 && compared - refused > 1_000, "both kinds of texts were compared: \(compared - refused) read, \(refused) refused")
    }

    @Test("what the parser refuses by rule, the tape refuses: duplicates (escaped or not), fractions, bad UTF-8, lone surrogates, depth")
    func refusals() {
        let texts: [[UInt8]] = [
            Array(#"{"a":1,"a":2}"#.utf8), Array(#"{"a":1,"\u0061":2}"#.utf8), Array(#"{"b":{"x":1,"x":1}}"#.utf8),
            Array("1.5".utf8), Array("1e3".utf8), Array("-0".utf8), Array("9007199254740992".utf8), Array("01".utf8),
            [0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], Array(#""\ud800""#.utf8), Array(#""\udc00x""#.utf8),
            Array(#""\x""#.utf8), Array("\"a\u{1}\"".utf8), Array("[1,]".utf8), Array(#"{"a" 1}"#.utf8), Array("[1] 2".utf8), [],
            Array((String(repeating: "[", count: 66) + String(repeating: "]", count: 66)).utf8),
        ]
        for text in texts {
            #expect((try? JSONParser.parse(text)) == nil, "the parser accepts \(text)")
            #expect(Self.tapeValue(text) == nil, "the tape accepts \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
        let deepest = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(Self.tapeValue(Array(deepest.utf8)) == (try? JSONParser.parse(deepest)) && Self.tapeValue(Array(deepest.utf8)) != nil)
    }

    @Test("a type decodes from the tape as from the parser's tree, unknown members let through, escapes read")
    func decodesAsTheTree() throws {
        let texts = [
            #"{"extra":{"any":[1,"x",null]},"minutes":45,"place":"bureau","steps":[{"code":"a","order":1},{"code":"b","order":-2}]}"#,
            #"{"minutes":0,"note":null,"place":"caf\u00e9 \"du coin\"\n","steps":[],"unknown":{"deep":[{"k":1}]}}"#,
            #"{"place":"é😀","minutes":65535,"steps":[{"order":127,"code":"\/","why":"x"}],"note":"Note d'exemple"}"#,
        ]
        let lenient = JSONValueDecoder(ignoringUnknownMembers: true)
        for text in texts {
            let fromTree = try lenient.decode(Visit.self, from: try JSONParser.parse(text))
            #expect(try JSONTapeDecoder().decode(Visit.self, from: Array(text.utf8)) == fromTree)
        }
        let members = try JSONTapeDecoder().decode([String: JSONValue].self, from: Array(texts[1].utf8))
        #expect(members == (try JSONParser.parse(texts[1])).objectValue)
    }

    @Test("a missing, mistyped or out-of-range member names its path, never its value")
    func refusalsNamePaths() {
        func refusal(_ text: String) -> JSONValueDecodingError? {
            #expect(throws: JSONValueDecodingError.self) { try JSONTapeDecoder().decode(Visit.self, from: Array(text.utf8)) }
        }
        #expect(refusal(#"{"minutes":1,"steps":[]}"#) == JSONValueDecodingError(field: "place", reason: "required"))
        #expect(refusal(#"{"place":"o","minutes":1,"steps":[{"code":"a","order":1},{"code":7,"order":1}]}"#)
            == JSONValueDecodingError(field: "steps[1].code", reason: "a string, not an integer"))
        #expect(refusal(#"{"place":"o","minutes":-1,"steps":[]}"#) == JSONValueDecodingError(field: "minutes", reason: "an integer from 0 to 65535"))
        let secret = refusal(#"{"place":"o","minutes":"Personne Fictive","steps":[]}"#)
        #expect(secret?.field == "minutes" && secret?.description.contains("Fictive") == false)
        #expect(refusal("[1]") == JSONValueDecodingError(field: "", reason: "a JSON object, not an array"))
    }
}
