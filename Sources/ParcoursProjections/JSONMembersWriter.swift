import ParcoursLog

/// One object written member by member straight into a `JSONBytesWriter`'s buffer, for the
/// types on the rebuild's hot path (the journey): no Codable container, no member put in
/// order afterwards — the caller writes the members in `JSONEncoder`'s sorted order (by the
/// UTF-8 bytes of their names, which debug builds check) and leaves out what the type's
/// synthesized `encode(to:)` leaves out (an absent optional). A value it does not write by
/// hand goes through Codable's path (`value`), nested where it stands.
///
/// `CodablePathTests` holds what is written this way to `JSONEncoder`'s bytes.
struct JSONMembersWriter {
    let writer: JSONBytesWriter
    private var count = 0
    #if DEBUG
    private var previous: [UInt8] = []
    #endif

    /// Opens the object.
    init(_ writer: JSONBytesWriter) {
        self.writer = writer
        writer.output.append(UInt8(ascii: "{"))
    }

    /// Closes the object.
    func end() { writer.output.append(UInt8(ascii: "}")) }

    /// Writes `"name":`, after a comma unless it is the first member. Names are coding keys:
    /// ASCII letters, nothing to escape.
    private mutating func name(_ name: StaticString) {
        #if DEBUG
        let bytes = name.withUTF8Buffer { Array($0) }
        precondition(count == 0 || previous.lexicographicallyPrecedes(bytes), "members out of JSONEncoder's order: \(name) after \(String(decoding: previous, as: UTF8.self))")
        precondition(bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }, "a name with something to escape")
        previous = bytes
        #endif
        Self.write(name, first: count == 0, into: &writer.output)
        count += 1
    }

    /// One access to the writer's buffer for the whole name (each access to a class's
    /// property is checked for exclusivity at run time).
    private static func write(_ name: StaticString, first: Bool, into output: inout [UInt8]) {
        if !first { output.append(UInt8(ascii: ",")) }
        output.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: StaticString, _ value: String) {
        self.name(name)
        CanonicalJSON.writeString(value, into: &writer.output)
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        if let value { string(name, value) }
    }

    /// An enumeration or an open set of codes, written as its raw string.
    mutating func string<Code: RawRepresentable>(_ name: StaticString, _ value: Code) where Code.RawValue == String {
        string(name, value.rawValue)
    }

    mutating func string<Code: RawRepresentable>(_ name: StaticString, _ value: Code?) where Code.RawValue == String {
        if let value { string(name, value.rawValue) }
    }

    mutating func integer(_ name: StaticString, _ value: some BinaryInteger) {
        self.name(name)
        writer.writeInteger(value)
    }

    mutating func integer(_ name: StaticString, _ value: (some BinaryInteger)?) {
        if let value { integer(name, value) }
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        self.name(name)
        writer.writeBool(value)
    }

    /// A value through Codable's path (`JSONBytesWriter.put`), absent when nil.
    mutating func value(_ name: StaticString, _ value: (some Encodable)?) throws {
        guard let value else { return }
        self.name(name)
        try writer.put(value)
    }

    /// A nested object written by hand, absent when nil.
    mutating func object<Value>(_ name: StaticString, _ value: Value?, _ write: (Value, JSONBytesWriter) throws -> Void) rethrows {
        guard let value else { return }
        self.name(name)
        try write(value, writer)
    }

    /// An array, each element written by `write`.
    mutating func array<Element>(_ name: StaticString, _ elements: [Element], _ write: (Element, JSONBytesWriter) throws -> Void) rethrows {
        self.name(name)
        writer.output.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { writer.output.append(UInt8(ascii: ",")) }
            try write(element, writer)
        }
        writer.output.append(UInt8(ascii: "]"))
    }

    /// An array of strings or codes.
    mutating func strings<Code: RawRepresentable>(_ name: StaticString, _ elements: [Code]) where Code.RawValue == String {
        array(name, elements) { code, writer in CanonicalJSON.writeString(code.rawValue, into: &writer.output) }
    }

    mutating func strings(_ name: StaticString, _ elements: [String]) {
        array(name, elements) { string, writer in CanonicalJSON.writeString(string, into: &writer.output) }
    }

    /// An array through Codable's path, element by element.
    mutating func values(_ name: StaticString, _ elements: [some Encodable]) throws {
        try array(name, elements) { element, writer in try writer.put(element) }
    }

    /// A dictionary keyed by strings, as `JSONEncoder` sorts it: by the keys' UTF-8 bytes.
    mutating func dictionary<Value>(_ name: StaticString, _ members: [String: Value], _ write: (Value, JSONBytesWriter) throws -> Void) rethrows {
        self.name(name)
        writer.output.append(UInt8(ascii: "{"))
        for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { writer.output.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(key, into: &writer.output)
            writer.output.append(UInt8(ascii: ":"))
            try write(members[key]!, writer)
        }
        writer.output.append(UInt8(ascii: "}"))
    }
}
