/// Decodes a `Decodable` type straight from JSON bytes read into a `JSONTape`, reading as
/// `JSONValueDecoder(ignoringUnknownMembers: true)` reads the parser's tree — the same
/// values, the same refusals — without a dictionary per object: a member is found by
/// comparing its name's bytes, a string is built only when asked for, and a coding path only
/// for an error. For data checked strictly when it was written (the acts the projections
/// fold), where what matters is reading it fast.
public struct JSONTapeDecoder {
    public init() {}

    /// Decodes `type` from the JSON text `bytes`. Throws `JSONError` when the text is not
    /// one `JSONParser` accepts, `JSONValueDecodingError` naming the member otherwise.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let tape = try JSONTape(bytes)
        do {
            return try TapeValueDecoder(tape: tape, index: 0).decode(type)
        } catch let error as DecodingError {
            throw JSONValueDecodingError(error)
        }
    }
}

/// The decoder of the value at one node.
struct TapeValueDecoder: Decoder {
    let tape: JSONTape
    let index: Int
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var node: JSONTape.Node { tape.nodes[index] }

    /// The path from the root to this node, found by walking the tape: built only for an error.
    var codingPath: [any CodingKey] { tape.path(to: index) }

    func fail(_ reason: String, at path: [any CodingKey]? = nil) -> JSONValueDecodingError {
        JSONValueDecodingError(field: JSONValueDecodingError.path(path ?? codingPath), reason: reason)
    }

    func mistyped(_ expected: String) -> JSONValueDecodingError {
        let kind = switch node.kind {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
        return fail("\(expected), not \(kind)")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard node.kind == .object else { throw mistyped("a JSON object") }
        return KeyedDecodingContainer(TapeObjectContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard node.kind == .array else { throw mistyped("a JSON array") }
        return TapeArrayContainer(decoder: self, next: index + 1)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// A value of `type`: the scalars by hand, integers range-checked, `JSONValue` as a tree.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try decode(String.self) as! T }
        if T.self == JSONValue.self { return tape.value(at: index) as! T }
        if T.self == [String: JSONValue].self {
            guard node.kind == .object else { throw mistyped("a JSON object") }
            return tape.value(at: index).objectValue! as! T
        }
        return try T(from: self)
    }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws(JSONValueDecodingError) -> Integer {
        guard node.kind == .int else { throw mistyped("an integer") }
        guard let fitted = Integer(exactly: node.number) else {
            let low = max(Int64(Integer.min), -JSONValue.maxSafeInteger)
            let high = Integer.bitWidth >= 64 ? JSONValue.maxSafeInteger : min(Int64(Integer.max), JSONValue.maxSafeInteger)
            throw fail("an integer from \(low) to \(high)")
        }
        return fitted
    }
}

extension TapeValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node.kind == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard node.kind == .bool else { throw mistyped("true or false") }
        return node.number != 0
    }

    func decode(_ type: String.Type) throws -> String {
        let node = node
        guard node.kind == .string else { throw mistyped("a string") }
        return tape.string(node)
    }

    // Signed content holds integers only (LOG-FORMAT.md): no type here reads a fraction.
    func decode(_ type: Double.Type) throws -> Double { throw fail("a fraction, which this format never holds") }
    func decode(_ type: Float.Type) throws -> Float { throw fail("a fraction, which this format never holds") }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
}

extension JSONTape {
    /// The index of the value of the member named `name` in the object at `object`, or nil.
    func member(_ name: String, of object: Int) -> Int? {
        member(of: object) { string($0, equals: name) }
    }

    /// The index of the value of the first member of the object at `object` whose name node `isNamed`, or nil.
    func member(of object: Int, where isNamed: (Node) -> Bool) -> Int? {
        let end = Int(nodes[object].next)
        var child = object + 1
        while child < end {
            if isNamed(nodes[child]) { return child + 1 }
            child = Int(nodes[child + 1].next)
        }
        return nil
    }

    /// The keys from the root to the node at `target`.
    func path(to target: Int) -> [any CodingKey] {
        var path: [any CodingKey] = []
        var index = 0
        while index != target {
            let node = nodes[index]
            var child = index + 1, position = 0
            var found = false
            while child < Int(node.next) {
                let value = node.kind == .object ? child + 1 : child
                let after = Int(nodes[value].next)
                if target >= value, target < after {
                    path.append(node.kind == .object ? AnyKey(string(nodes[child])) : AnyKey(index: position))
                    index = value
                    found = true
                    break
                }
                child = after
                position += 1
            }
            guard found else { return path }
        }
        return path
    }
}

/// An object's members, found by name.
struct TapeObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TapeValueDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        let tape = decoder.tape, end = Int(decoder.node.next)
        var keys: [String] = [], child = decoder.index + 1
        while child < end {
            keys.append(tape.string(tape.nodes[child]))
            child = Int(tape.nodes[child + 1].next)
        }
        return keys.sorted().compactMap { Key(stringValue: $0) }
    }

    func member(_ key: Key) throws -> TapeValueDecoder {
        guard let value = decoder.tape.member(key.stringValue, of: decoder.index) else {
            throw decoder.fail("required", at: codingPath + [key])
        }
        return TapeValueDecoder(tape: decoder.tape, index: value)
    }

    func contains(_ key: Key) -> Bool { decoder.tape.member(key.stringValue, of: decoder.index) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).decodeNil() }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).decode(type) }

    // An absent member or null is nil; any other value must decode.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = decoder.tape.member(key.stringValue, of: decoder.index), decoder.tape.nodes[value].kind != .null else { return nil }
        return try TapeValueDecoder(tape: decoder.tape, index: value).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder { throw decoder.fail("no super decoder in this format") }
    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

/// An array's elements, in order.
struct TapeArrayContainer: UnkeyedDecodingContainer {
    let decoder: TapeValueDecoder
    /// The node of the next element.
    var next: Int
    var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { Int(decoder.node.count) }
    var isAtEnd: Bool { currentIndex >= Int(decoder.node.count) }

    mutating func element() throws -> TapeValueDecoder {
        guard !isAtEnd else { throw decoder.fail("more elements than the array holds", at: codingPath + [AnyKey(index: currentIndex)]) }
        let element = TapeValueDecoder(tape: decoder.tape, index: next)
        next = Int(decoder.tape.nodes[next].next)
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, decoder.tape.nodes[next].kind == .null else { return false }
        _ = try element()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try element().decode(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try element().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try element().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try element().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try element().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try element().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try element().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try element().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try element().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try element().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try element().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try element().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try element().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try element().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try element().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try element().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try element().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try element() }
}
