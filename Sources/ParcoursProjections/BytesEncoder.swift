import Foundation
import ParcoursLog

/// The `Encoder` of one value a `JSONBytesWriter` writes: its container is the frame at
/// `depth` (the frames open when the value began), asked for once or again.
///
/// No coding path is kept (it was an array of keys built for every value written): none
/// of the projections' types reads it, and a value whose encoding throws is encoded again
/// by `JSONEncoder`, whose error names the path.
struct BytesEncoder: Encoder {
    let writer: JSONBytesWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A frame no container is on: what such a container is asked to write is left out, and
    /// the value written by `JSONEncoder` instead.
    static let detached = -2

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if writer.frames.count == depth {
            writer.frames.append(.object(start: writer.output.count, members: []))
        } else if writer.frames.count != depth + 1 || !writer.frames[depth].isObject {
            writer.unsupported = true
            return KeyedEncodingContainer(BytesObjectContainer<Key>(writer: writer, frame: Self.detached))
        }
        return KeyedEncodingContainer(BytesObjectContainer<Key>(writer: writer, frame: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if writer.frames.count == depth {
            writer.output.append(UInt8(ascii: "["))
            writer.frames.append(.array(count: 0))
        } else if writer.frames.count != depth + 1 || writer.frames[depth].isObject {
            writer.unsupported = true
            return BytesArrayContainer(writer: writer, frame: Self.detached)
        }
        return BytesArrayContainer(writer: writer, frame: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        if writer.frames.count != depth { writer.unsupported = true }
        return BytesValueContainer(writer: writer)
    }
}

extension JSONBytesWriter.Frame {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

/// The members of the object open at `frame`, each value written where it stands.
struct BytesObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONBytesWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.member(key.stringValue, of: frame) { writer.writeNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { writer.member(key.stringValue, of: frame) { writer.writeBool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.member(key.stringValue, of: frame) { CanonicalJSON.writeString(value, into: &writer.output) }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws { writer.unsupported = true }
    mutating func encode(_ value: Float, forKey key: Key) throws { writer.unsupported = true }
    mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if T.self == String.self {
            // A dictionary's strings come here, not to `encode(_: String, forKey:)`.
            try encode(value as! String, forKey: key)
            return
        }
        try writer.member(key.stringValue, of: frame) { try writer.put(value) }
    }

    func integer<Integer: BinaryInteger>(_ value: Integer, _ key: Key) {
        writer.member(key.stringValue, of: frame) { writer.writeInteger(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.unsupported = true
        return KeyedEncodingContainer(BytesObjectContainer<NestedKey>(writer: writer, frame: BytesEncoder.detached))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.unsupported = true
        return BytesArrayContainer(writer: writer, frame: BytesEncoder.detached)
    }

    mutating func superEncoder() -> any Encoder { detachedEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { detachedEncoder() }

    func detachedEncoder() -> any Encoder {
        writer.unsupported = true
        return BytesEncoder(writer: writer, depth: BytesEncoder.detached)
    }
}

/// The elements of the array open at `frame`, written in order.
struct BytesArrayContainer: UnkeyedEncodingContainer {
    let writer: JSONBytesWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }

    var count: Int {
        guard frame >= 0, frame < writer.frames.count, case .array(let count) = writer.frames[frame] else { return 0 }
        return count
    }

    mutating func encodeNil() throws { writer.element(of: frame) { writer.writeNull() } }
    mutating func encode(_ value: Bool) throws { writer.element(of: frame) { writer.writeBool(value) } }
    mutating func encode(_ value: String) throws { writer.element(of: frame) { CanonicalJSON.writeString(value, into: &writer.output) } }
    mutating func encode(_ value: Double) throws { writer.unsupported = true }
    mutating func encode(_ value: Float) throws { writer.unsupported = true }
    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if T.self == String.self {
            // Arrays and sets of strings come here, not to `encode(_: String)`.
            try encode(value as! String)
            return
        }
        try writer.element(of: frame) { try writer.put(value) }
    }

    func integer<Integer: BinaryInteger>(_ value: Integer) { writer.element(of: frame) { writer.writeInteger(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.unsupported = true
        return KeyedEncodingContainer(BytesObjectContainer<NestedKey>(writer: writer, frame: BytesEncoder.detached))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.unsupported = true
        return BytesArrayContainer(writer: writer, frame: BytesEncoder.detached)
    }

    mutating func superEncoder() -> any Encoder {
        writer.unsupported = true
        return BytesEncoder(writer: writer, depth: BytesEncoder.detached)
    }
}

/// One scalar, written where the value is.
struct BytesValueContainer: SingleValueEncodingContainer {
    let writer: JSONBytesWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeNull() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { CanonicalJSON.writeString(value, into: &writer.output) }
    mutating func encode(_ value: Double) throws { writer.unsupported = true }
    mutating func encode(_ value: Float) throws { writer.unsupported = true }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.put(value) }
}
