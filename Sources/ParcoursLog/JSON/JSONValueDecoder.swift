/// Decodes a `Decodable` type from a parsed `JSONValue`, strictly.
///
/// Foundation's `JSONDecoder` keeps the last of two members of one name and ignores members
/// it is not asked for; what a front hands in would then differ from what is checked. Here
/// the input is a `JSONValue` (`JSONParser` has already refused duplicate names and numbers
/// that are not integers), and every object must hold only members its type reads: when
/// the type's `CodingKeys` are `CaseIterable`, those, checked as the object is opened (so an
/// unknown member is named before a missing one); otherwise what the type asked for, once it
/// is decoded. A `JSONValue` (or `[String: JSONValue]`) member is handed over as it is,
/// not looked into. Errors name the path (`data.factors[1].note`), never a value.
///
/// `ignoringUnknownMembers` reads as `JSONDecoder` does instead, members not asked for left
/// aside: for data already checked strictly when it was written (the acts a projection
/// folds), where what matters is reading it fast and to the same values.
public struct JSONValueDecoder {
    /// Whether members a type does not read are let through, as `JSONDecoder` lets them.
    public var ignoringUnknownMembers: Bool

    public init(ignoringUnknownMembers: Bool = false) {
        self.ignoringUnknownMembers = ignoringUnknownMembers
    }

    /// Decodes `type` from `value`. Throws `JSONValueDecodingError` naming the member, or
    /// what the type's own `init(from:)` throws (its own words for what it accepts).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let ledger = ignoringUnknownMembers ? nil : Ledger()
        do {
            let decoded = try ValueDecoder(value: value, codingPath: [], ledger: ledger).decode(type)
            try ledger?.refuseUnknown()
            return decoded
        } catch let error as DecodingError {
            // A type's own check (an id's syntax, an enum's case) throws DecodingError.
            throw JSONValueDecodingError(error)
        }
    }

    /// The members present and the members read at each object decoded.
    final class Ledger {
        struct Place {
            var path: [any CodingKey]
            var present: [String]
            var read: Set<String> = []
        }

        var places: [Place] = []

        func opened(_ path: [any CodingKey], present: [String]) -> Int {
            places.append(Place(path: path, present: present))
            return places.count - 1
        }

        func refuseUnknown() throws(JSONValueDecodingError) {
            for place in places.sorted(by: { JSONValueDecodingError.path($0.path) < JSONValueDecodingError.path($1.path) }) {
                if let unknown = place.present.filter({ !place.read.contains($0) }).sorted().first {
                    throw .unknownMember(unknown, at: place.path, accepted: place.read)
                }
            }
        }
    }
}

/// Any member name or array index, for paths.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init(index: Int) { (stringValue, intValue) = ("[\(index)]", index) }
    init?(intValue: Int) { self.init(index: intValue) }
}

/// The decoder of one value at one path.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    /// Nil when members not read are let through.
    let ledger: JSONValueDecoder.Ledger?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func fail(_ reason: String, at path: [any CodingKey]? = nil) -> JSONValueDecodingError {
        JSONValueDecodingError(field: JSONValueDecodingError.path(path ?? codingPath), reason: reason)
    }

    /// What a JSON value is called in an error.
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    func mistyped(_ expected: String) -> JSONValueDecodingError {
        fail("\(expected), not \(Self.kind(value))")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mistyped("a JSON object") }
        guard let ledger else { return KeyedDecodingContainer(ObjectContainer<Key>(members: members, decoder: self, place: 0)) }
        let place = ledger.opened(codingPath, present: Array(members.keys))
        if let accepted = Self.caseNames(Key.self) {
            ledger.places[place].read.formUnion(accepted)
            if let unknown = members.keys.filter({ !accepted.contains($0) }).sorted().first {
                throw JSONValueDecodingError.unknownMember(unknown, at: codingPath, accepted: accepted)
            }
        }
        return KeyedDecodingContainer(ObjectContainer<Key>(members: members, decoder: self, place: place))
    }

    /// The member names of keys that list them all, or nil.
    static func caseNames<Key: CodingKey>(_ type: Key.Type) -> Set<String>? {
        func names<Iterable: CaseIterable>(_ iterable: Iterable.Type) -> Set<String> {
            Set(iterable.allCases.compactMap { ($0 as? any CodingKey)?.stringValue })
        }
        guard let iterable = type as? any CaseIterable.Type else { return nil }
        return names(iterable)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mistyped("a JSON array") }
        return ArrayContainer(elements: elements, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// A value of `type`: the scalars by hand, integers range-checked, `JSONValue` as it is.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        if T.self == [String: JSONValue].self {
            guard case .object(let members) = value else { throw mistyped("a JSON object") }
            return members as! T
        }
        // The scalars' own init(from:) come back to this value's single-value container.
        return try T(from: self)
    }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws(JSONValueDecodingError) -> Integer {
        guard case .int(let number) = value else { throw mistyped("an integer") }
        guard let fitted = Integer(exactly: number) else {
            let low = max(Int64(Integer.min), -JSONValue.maxSafeInteger)
            let high = Integer.bitWidth >= 64 ? JSONValue.maxSafeInteger : min(Int64(Integer.max), JSONValue.maxSafeInteger)
            throw fail("an integer from \(low) to \(high)")
        }
        return fitted
    }

    func child(_ value: JSONValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], ledger: ledger)
    }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let truth) = value else { throw mistyped("true or false") }
        return truth
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw mistyped("a string") }
        return text
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

/// An object's members, each read noted in the ledger.
struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let decoder: ValueDecoder
    let place: Int

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.sorted().compactMap { Key(stringValue: $0) } }

    func member(_ key: Key) throws -> ValueDecoder {
        decoder.ledger?.places[place].read.insert(key.stringValue)
        guard let value = members[key.stringValue] else { throw decoder.fail("required", at: codingPath + [key]) }
        return decoder.child(value, key)
    }

    func contains(_ key: Key) -> Bool {
        decoder.ledger?.places[place].read.insert(key.stringValue)
        return members[key.stringValue] != nil
    }

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
        guard contains(key), members[key.stringValue] != .null else { return nil }
        return try member(key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder { throw decoder.fail("no super decoder in this format") }
    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

/// An array's elements, in order.
struct ArrayContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let decoder: ValueDecoder
    var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else { throw decoder.fail("more elements than the array holds", at: codingPath + [AnyKey(index: currentIndex)]) }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], AnyKey(index: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
