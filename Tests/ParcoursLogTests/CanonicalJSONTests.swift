import Testing
import ParcoursLog

@Suite("Canonical JSON (RFC 8785)")
struct CanonicalJSONTests {
    @Test("every case of vectors/jcs.json canonicalizes to the expected bytes")
    func vectorCases() throws {
        let cases = try #require(try Vectors.json("jcs.json")["cases"]?.arrayValue)
        #expect(cases.count >= 7)
        for entry in cases {
            let input = try #require(entry["input"]?.stringValue)
            let expected = try #require(entry["canonical"]?.stringValue)
            #expect(String(decoding: try CanonicalJSON.canonicalize(Array(input.utf8)), as: UTF8.self) == expected)
        }
    }

    @Test("non-integer and out-of-range numbers of vectors/jcs.json are refused with a clear error")
    func refusals() throws {
        let refused = try #require(try Vectors.json("jcs.json")["mustRefuse"]?.arrayValue)
        for entry in refused {
            let input = try #require(entry.stringValue)
            let error = #expect(throws: JSONError.self) { try JSONParser.parse(input) }
            #expect(error?.reason.contains("integers in [-(2^53-1), 2^53-1]") == true)
        }
    }

    @Test("malformed input is refused", arguments: [
        "{\"a\":1,\"a\":2}", "{\"a\":01}", "[1,]", "{\"a\":-0}", "\"\\ud800\"", "\"tab\there\"", "{\"a\":1} x", "[[[[",
        "{'a':1}", "nul", "\"\\x\"",
    ])
    func malformed(input: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(input) }
    }

    @Test("invalid UTF-8 and deep nesting are refused")
    func invalidBytes() {
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONError.self) { try JSONParser.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
    }

    @Test("canonical output parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = ["z": [1, -2, "é\u{1}"], "a": ["nested": nil, "t": true], "€": 9_007_199_254_740_991]
        let bytes = CanonicalJSON.encode(value)
        #expect(try JSONParser.parse(bytes) == value)
        #expect(CanonicalJSON.encode(try JSONParser.parse(bytes)) == bytes)
    }
}
