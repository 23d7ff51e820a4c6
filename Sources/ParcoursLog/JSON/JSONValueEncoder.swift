/// Encodes an `Encodable` value as a `JSONValue`, for canonical JSON (`CanonicalJSON.encode`).
///
/// What the log format allows and nothing else: integers within ±(2^53-1), never a
/// fraction; a `JSONValue` member is put as it is. Member order is left to the canonical
/// form, which sorts. Absent optionals are left out (`encodeIfPresent`); a type writes
/// `null` only when it says so (`encodeNil`).
public struct JSONValueEncoder {
    public init() {}

    /// The value as JSON; throws `EncodingError` for what the format cannot hold.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let node = EncodingNode()
        try EncodingNode.put(value, into: node, codingPath: [])
        return try node.value(at: [])
    }
}

/// One value being encoded: a scalar, or an object or array whose members are encoded into
/// nodes of their own (containers may be asked for before their contents are written).
final class EncodingNode {
    enum Content {
        case none
        case scalar(JSONValue)
        case object([String: EncodingNode])
        case array([EncodingNode])
    }

    var content = Content.none

    static func put<T: Encodable>(_ value: T, into node: EncodingNode, codingPath: [any CodingKey]) throws {
        if let json = value as? JSONValue {
            node.content = .scalar(json)
        } else {
            try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }

    func value(at path: [any CodingKey]) throws -> JSONValue {
        switch content {
        case .none:
            throw EncodingError.invalidValue((), .init(codingPath: path, debugDescription: "nothing was encoded"))
        case .scalar(let value): return value
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for (name, member) in members { object[name] = try member.value(at: path + [AnyKey(name)]) }
            return .object(object)
        case .array(let elements):
            return .array(try elements.enumerated().map { index, element in try element.value(at: path + [AnyKey(index: index)]) })
        }
    }

    func member(_ name: String) -> EncodingNode {
        guard case .object(var members) = content else {
            let node = EncodingNode()
            content = .object([name: node])
            return node
        }
        if let existing = members[name] { return existing }
        let node = EncodingNode()
        members[name] = node
        content = .object(members)
        return node
    }

    func appended() -> EncodingNode {
        let node = EncodingNode()
        if case .array(let elements) = content { content = .array(elements + [node]) } else { content = .array([node]) }
        return node
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(ObjectEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return ArrayEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ScalarEncodingContainer(node: node, codingPath: codingPath) }
}

struct ObjectEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }

    func put<T: Encodable>(_ value: T, _ key: Key) throws {
        try EncodingNode.put(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]) }
}

struct ArrayEncodingContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = node.content { return elements.count }
        return 0
    }

    mutating func encodeNil() throws { node.appended().content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }
    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }

    func put<T: Encodable>(_ value: T) throws {
        let index = count
        try EncodingNode.put(value, into: node.appended(), codingPath: codingPath + [AnyKey(index: index)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appended(), codingPath: codingPath + [AnyKey(index: count)]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.appended(), codingPath: codingPath + [AnyKey(index: count)]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appended(), codingPath: codingPath + [AnyKey(index: count)]) }
}

struct ScalarEncodingContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar(.null) }
    mutating func encode(_ value: Bool) throws { node.content = .scalar(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .scalar(.string(value)) }
    mutating func encode(_ value: Double) throws { throw fraction(value) }
    mutating func encode(_ value: Float) throws { throw fraction(value) }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try EncodingNode.put(value, into: node, codingPath: codingPath) }

    func integer<Integer: BinaryInteger>(_ value: Integer) throws {
        guard let number = Int64(exactly: value), abs(number) <= JSONValue.maxSafeInteger else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "an integer beyond ±(2^53-1)"))
        }
        node.content = .scalar(.int(number))
    }

    func fraction(_ value: Any) -> EncodingError {
        EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "a fraction, which this format never holds"))
    }
}
