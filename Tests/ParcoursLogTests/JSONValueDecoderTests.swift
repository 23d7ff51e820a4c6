import Testing
import ParcoursLog

/// Synthetic shapes only: what the decoder accepts and refuses, and the path it names.
@Suite("Strict JSONValue decoder")
struct JSONValueDecoderTests {
    struct Visit: Codable, Equatable {
        var place: String
        var minutes: UInt16
        var note: String?
        var extra: JSONValue?
        var steps: [Step]

        struct Step: Codable, Equatable {
            var code: String
            var order: Int8
        }
    }

    /// Keys listing themselves: an unknown member is named as the object is opened, before
    /// any missing one.
    struct Listed: Decodable, Equatable {
        var code: String
        var count: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case code, count }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONValueDecoder().decode(type, from: try JSONParser.parse(text))
    }

    static func refusal<T: Decodable>(_ type: T.Type, _ text: String) -> JSONValueDecodingError? {
        #expect(throws: JSONValueDecodingError.self) { try decode(type, text) }
    }

    @Test("a value that fits decodes, nested JSONValue kept as it is, optionals absent or null")
    func decodes() throws {
        let visit = try Self.decode(Visit.self, #"{"place":"office","minutes":45,"extra":{"any":[1,"x",null]},"steps":[{"code":"a","order":1}]}"#)
        #expect(visit == Visit(place: "office", minutes: 45, note: nil, extra: ["any": [1, "x", nil]], steps: [.init(code: "a", order: 1)]))
        let nulled = try Self.decode(Visit.self, #"{"place":"office","minutes":0,"note":null,"steps":[]}"#)
        #expect(nulled.note == nil && nulled.extra == nil)
    }

    @Test("an unknown member at the root is refused, naming it and the accepted members")
    func unknownAtRoot() {
        let error = Self.refusal(Visit.self, #"{"place":"office","minutes":45,"steps":[],"hidden":"x"}"#)
        #expect(error == JSONValueDecodingError(field: "hidden", reason: "unknown member; accepted: extra, minutes, note, place, steps"))
    }

    @Test("an unknown member in an array's object names its path")
    func unknownNested() {
        let error = Self.refusal(Visit.self, #"{"place":"o","minutes":1,"steps":[{"code":"a","order":1},{"code":"b","order":2,"why":"x"}]}"#)
        #expect(error == JSONValueDecodingError(field: "steps[1].why", reason: "unknown member; accepted: code, order"))
    }

    @Test("keys that list themselves: the unknown member is named before a missing one")
    func unknownBeforeMissing() {
        #expect(Self.refusal(Listed.self, #"{"code":"a","other":1}"#)
            == JSONValueDecodingError(field: "other", reason: "unknown member; accepted: code, count"))
        #expect(Self.refusal(Listed.self, #"{"code":"a"}"#)?.field == "count")
    }

    @Test("a duplicate member is refused by the parser, before any decoding")
    func duplicate() {
        #expect(throws: JSONError.self) { try Self.decode(Listed.self, #"{"code":"a","code":"b","count":1}"#) }
    }

    @Test("a missing or mistyped member names its path, never its value")
    func wrongType() {
        let missing = Self.refusal(Visit.self, #"{"minutes":1,"steps":[]}"#)
        #expect(missing == JSONValueDecodingError(field: "place", reason: "required"))
        let mistyped = Self.refusal(Visit.self, #"{"place":"o","minutes":1,"steps":[{"code":7,"order":1}]}"#)
        #expect(mistyped == JSONValueDecodingError(field: "steps[0].code", reason: "a string, not an integer"))
        let secret = Self.refusal(Visit.self, #"{"place":"o","minutes":"Marie Tremblay","steps":[]}"#)
        #expect(secret?.field == "minutes" && secret?.description.contains("Marie") == false)
        #expect(Self.refusal(Visit.self, "[1]") == JSONValueDecodingError(field: "", reason: "a JSON object, not an array"))
    }

    @Test("integers are range-checked against the member's type")
    func integerRange() {
        #expect(Self.refusal(Visit.self, #"{"place":"o","minutes":-1,"steps":[]}"#)
            == JSONValueDecodingError(field: "minutes", reason: "an integer from 0 to 65535"))
        #expect(Self.refusal(Visit.self, #"{"place":"o","minutes":1,"steps":[{"code":"a","order":128}]}"#)
            == JSONValueDecodingError(field: "steps[0].order", reason: "an integer from -128 to 127"))
        #expect(Self.refusal(Listed.self, #"{"code":"a","count":true}"#)?.reason == "an integer, not a boolean")
    }

    @Test("encoding gives the same JSONValue back, absent optionals left out")
    func roundTrip() throws {
        let visit = Visit(place: "office", minutes: 45, note: nil, extra: ["k": [true, nil]], steps: [.init(code: "a", order: -3)])
        let json = try JSONValueEncoder().encode(visit)
        #expect(json == ["place": "office", "minutes": 45, "extra": ["k": [true, nil]], "steps": [["code": "a", "order": -3]]])
        #expect(try JSONValueDecoder().decode(Visit.self, from: json) == visit)
    }
}
