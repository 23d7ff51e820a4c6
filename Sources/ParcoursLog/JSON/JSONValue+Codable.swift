/// A `JSONValue` member of a `Codable` type (an act request's `data`): `JSONValueDecoder`
/// and `JSONValueEncoder` hand it over as it is; any other coder goes value by value,
/// integers only, as the log format allows.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let truth = try? value.decode(Bool.self) {
                self = .bool(truth)
            } else if let text = try? value.decode(String.self) {
                self = .string(text)
            } else {
                let number = try value.decode(Int64.self)
                guard abs(number) <= Self.maxSafeInteger else {
                    throw DecodingError.dataCorruptedError(in: value, debugDescription: "an integer beyond ±(2^53-1)")
                }
                self = .int(number)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var value = encoder.singleValueContainer()
            try value.encodeNil()
        case .bool(let truth):
            var value = encoder.singleValueContainer()
            try value.encode(truth)
        case .int(let number):
            var value = encoder.singleValueContainer()
            try value.encode(number)
        case .string(let text):
            var value = encoder.singleValueContainer()
            try value.encode(text)
        case .array(let elements):
            var array = encoder.unkeyedContainer()
            for element in elements { try array.encode(element) }
        case .object(let members):
            var object = encoder.container(keyedBy: AnyKey.self)
            for (name, member) in members { try object.encode(member, forKey: AnyKey(name)) }
        }
    }
}
