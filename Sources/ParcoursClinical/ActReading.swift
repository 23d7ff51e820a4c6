/// Reads an act's members by hand from `ActDataFields`, the way a synthesized `init(from:)`
/// reads them through `JSONDecoder`: a required member must be there and of its type (null
/// is not a value), an optional one may be absent or null, an enumeration's text must be one
/// of its cases, members nobody asks for are let through. Whatever a synthesized decoder
/// would refuse throws `Unreadable`; the caller then reads the act through `Codable`, whose
/// verdict stands. The projections read what they keep of the acts the same way (a sealed
/// journey: `Journey+Reading`).
///
/// Its methods are inlinable, so the module that reads a type specializes them for it: called
/// across modules unspecialized, each array of a journey's entries was built through the
/// runtime's generic metadata (issue 12).
public struct ActReading {
    /// Something the act's type would not read here.
    public struct Unreadable: Error {
        public init() {}
    }

    public let fields: any ActDataFields

    public init(fields: any ActDataFields) { self.fields = fields }

    /// A type read by hand from the object at a position.
    public protocol Readable {
        init(_ reading: ActReading, at object: Int) throws(Unreadable)
    }

    /// The value of required member `name` of the object at `object`, of `kind`.
    @inlinable
    public func required(_ name: StaticString, of object: Int, _ kind: ActValueKind) throws(Unreadable) -> Int {
        guard let value = fields.member(name, of: object), fields.kind(at: value) == kind else { throw Unreadable() }
        return value
    }

    /// The value of optional member `name`, of `kind`; nil when absent or null.
    @inlinable
    public func optional(_ name: StaticString, of object: Int, _ kind: ActValueKind) throws(Unreadable) -> Int? {
        guard let value = fields.member(name, of: object) else { return nil }
        switch fields.kind(at: value) {
        case kind: return value
        case .null: return nil
        default: throw Unreadable()
        }
    }

    @inlinable
    public func text(_ name: StaticString, of object: Int) throws(Unreadable) -> String {
        fields.text(at: try required(name, of: object, .string))
    }

    @inlinable
    public func text(ifPresent name: StaticString, of object: Int) throws(Unreadable) -> String? {
        try optional(name, of: object, .string).map(fields.text)
    }

    @inlinable
    public func integer(_ name: StaticString, of object: Int) throws(Unreadable) -> Int {
        Int(fields.integer(at: try required(name, of: object, .integer)))
    }

    @inlinable
    public func integer(ifPresent name: StaticString, of object: Int) throws(Unreadable) -> Int? {
        try optional(name, of: object, .integer).map { Int(fields.integer(at: $0)) }
    }

    /// A whole number that is not negative (a log position), as `UInt64` reads it.
    @inlinable
    public func unsigned(_ name: StaticString, of object: Int) throws(Unreadable) -> UInt64 {
        let value = fields.integer(at: try required(name, of: object, .integer))
        guard value >= 0 else { throw Unreadable() }
        return UInt64(value)
    }

    @inlinable
    public func truth(_ name: StaticString, of object: Int) throws(Unreadable) -> Bool {
        fields.truth(at: try required(name, of: object, .bool))
    }

    /// One of an enumeration's cases, by its text.
    @inlinable
    public func choice<Choice: RawRepresentable<String>>(_ name: StaticString, of object: Int) throws(Unreadable) -> Choice {
        try choice(at: try required(name, of: object, .string))
    }

    @inlinable
    public func choice<Choice: RawRepresentable<String>>(ifPresent name: StaticString, of object: Int) throws(Unreadable) -> Choice? {
        guard let value = try optional(name, of: object, .string) else { return nil }
        return try choice(at: value) as Choice
    }

    @inlinable
    public func choice<Choice: RawRepresentable<String>>(at value: Int) throws(Unreadable) -> Choice {
        guard fields.kind(at: value) == .string, let choice = Choice(rawValue: fields.text(at: value)) else { throw Unreadable() }
        return choice
    }

    @inlinable
    public func object<Value: Readable>(_ name: StaticString, of object: Int) throws(Unreadable) -> Value {
        try Value(self, at: try required(name, of: object, .object))
    }

    @inlinable
    public func object<Value: Readable>(ifPresent name: StaticString, of object: Int) throws(Unreadable) -> Value? {
        guard let value = try optional(name, of: object, .object) else { return nil }
        return try Value(self, at: value)
    }

    /// The elements of required array `name`, each read by `element` from its position.
    @inlinable
    public func array<Element>(_ name: StaticString, of object: Int, _ element: (Int) throws(Unreadable) -> Element) throws(Unreadable) -> [Element] {
        try elements(of: try required(name, of: object, .array), element)
    }

    /// The elements of the array at `array`, each read by `element` from its position.
    @inlinable
    public func elements<Element>(of array: Int, _ element: (Int) throws(Unreadable) -> Element) throws(Unreadable) -> [Element] {
        let count = fields.count(at: array)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        var position = array + 1
        for _ in 0..<count {
            elements.append(try element(position))
            position = fields.after(position)
        }
        return elements
    }

    /// The members of required object `name` as a dictionary by their names, each value read
    /// by `value` from its position. Two names equal as Swift compares text (one written with
    /// a combining accent, the other precomposed) are left to `Codable`.
    @inlinable
    public func dictionary<Value>(_ name: StaticString, of object: Int, _ value: (Int) throws(Unreadable) -> Value) throws(Unreadable) -> [String: Value] {
        let members = try required(name, of: object, .object)
        let count = fields.count(at: members)
        var dictionary: [String: Value] = [:]
        dictionary.reserveCapacity(count)
        var position = members + 1
        for _ in 0..<count {
            guard dictionary.updateValue(try value(position + 1), forKey: fields.text(at: position)) == nil else { throw Unreadable() }
            position = fields.after(position + 1)
        }
        return dictionary
    }

    @inlinable
    public func texts(_ name: StaticString, of object: Int) throws(Unreadable) -> [String] {
        try array(name, of: object) { position throws(Unreadable) in
            guard fields.kind(at: position) == .string else { throw Unreadable() }
            return fields.text(at: position)
        }
    }

    @inlinable
    public func choices<Choice: RawRepresentable<String>>(_ name: StaticString, of object: Int) throws(Unreadable) -> [Choice] {
        try array(name, of: object) { position throws(Unreadable) in try choice(at: position) }
    }

    @inlinable
    public func objects<Value: Readable>(_ name: StaticString, of object: Int) throws(Unreadable) -> [Value] {
        try objects(at: try required(name, of: object, .array))
    }

    @inlinable
    public func objects<Value: Readable>(ifPresent name: StaticString, of object: Int) throws(Unreadable) -> [Value]? {
        guard let array = try optional(name, of: object, .array) else { return nil }
        return try objects(at: array)
    }

    @inlinable
    public func objects<Value: Readable>(at array: Int) throws(Unreadable) -> [Value] {
        try elements(of: array) { position throws(Unreadable) in
            guard fields.kind(at: position) == .object else { throw Unreadable() }
            return try Value(self, at: position)
        }
    }
}
