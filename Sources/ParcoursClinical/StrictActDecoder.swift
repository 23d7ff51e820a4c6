import Foundation

/// Decodes an act's data as its `Codable` type and refuses any member the type does not
/// read, at every depth.
///
/// `JSONDecoder` ignores members it is not asked for, so a member the schemas forbid
/// (`identity.extra`, `factors[0].hiddenNote`) would be stored: shown in the raw log, in
/// no report, and the stored act would fail its own schema. What a place in the data
/// accepts is what the type's `init(from:)` asks for there (its `CodingKeys`, optional
/// members included, since synthesized decoding asks for each), so the rule follows the
/// types and cannot drift from them. A member an act keeps without a type for its content
/// (`entry.corrected`'s `correction`) is named in `alsoAccepted` and not looked into.
enum StrictActDecoder {
    /// Decodes `data` as `Act`; throws `DecodingError` as `JSONDecoder` does, or a
    /// `ClinicalError` naming the first unknown member (`data.identity.extra`) and what is
    /// accepted there.
    static func decode<Act: Decodable>(_ type: Act.Type, from data: Data, alsoAccepted: Set<String> = []) throws -> Act {
        let ledger = Ledger()
        let decoder = JSONDecoder()
        decoder.userInfo[ledgerKey] = ledger
        let act = try decoder.decode(Probe<Act>.self, from: data).value
        try ledger.refuseUnknown(alsoAcceptedAtRoot: alsoAccepted)
        return act
    }

    static let ledgerKey = CodingUserInfoKey(rawValue: "parcours.strict-act-decoder.ledger")!

    /// The members present and the members read at each object of the data, by path.
    final class Ledger: @unchecked Sendable {
        struct Place {
            var path: [any CodingKey]
            var present: Set<String> = []
            var read: Set<String> = []
        }

        private var places: [String: Place] = [:]

        func opened(_ path: [any CodingKey], present: [String]) {
            places[ClinicalRecorder.path(path), default: Place(path: path)].present.formUnion(present)
        }

        func read(_ key: String, at path: [any CodingKey]) {
            places[ClinicalRecorder.path(path), default: Place(path: path)].read.insert(key)
        }

        func refuseUnknown(alsoAcceptedAtRoot: Set<String>) throws(ClinicalError) {
            for (name, place) in places.sorted(by: { $0.key < $1.key }) {
                let accepted = place.read.union(place.path.isEmpty ? alsoAcceptedAtRoot : [])
                if let unknown = place.present.subtracting(accepted).sorted().first {
                    throw ClinicalError("\(name).\(unknown)", "unknown member; accepted: \(accepted.sorted().joined(separator: ", "))")
                }
            }
        }
    }

    /// Decodes `T` through a `RecordingDecoder`, so nested values are recorded too.
    struct Probe<T: Decodable>: Decodable {
        let value: T

        init(from decoder: any Decoder) throws {
            guard let ledger = decoder.userInfo[StrictActDecoder.ledgerKey] as? Ledger else {
                value = try T(from: decoder)
                return
            }
            value = try T(from: RecordingDecoder(base: decoder, ledger: ledger))
        }
    }

    /// Any member name, to list the members present.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct RecordingDecoder: Decoder {
        let base: any Decoder
        let ledger: Ledger

        var codingPath: [any CodingKey] { base.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let container = try base.container(keyedBy: type)
            ledger.opened(codingPath, present: try base.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
            return KeyedDecodingContainer(RecordingKeyedContainer(base: container, ledger: ledger))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            RecordingUnkeyedContainer(base: try base.unkeyedContainer(), ledger: ledger)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            RecordingSingleValueContainer(base: try base.singleValueContainer(), ledger: ledger)
        }
    }

    struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>
        let ledger: Ledger

        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }

        func note(_ key: Key) { ledger.read(key.stringValue, at: codingPath) }

        func contains(_ key: Key) -> Bool { note(key); return base.contains(key) }
        func decodeNil(forKey key: Key) throws -> Bool { note(key); return try base.decodeNil(forKey: key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { note(key); return try base.decode(type, forKey: key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { note(key); return try base.decode(type, forKey: key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            note(key)
            return try base.decode(Probe<T>.self, forKey: key).value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            note(key)
            let nested = try base.nestedContainer(keyedBy: type, forKey: key)
            ledger.opened(nested.codingPath, present: try base.nestedContainer(keyedBy: AnyKey.self, forKey: key).allKeys.map(\.stringValue))
            return KeyedDecodingContainer(RecordingKeyedContainer<NestedKey>(base: nested, ledger: ledger))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            note(key)
            return RecordingUnkeyedContainer(base: try base.nestedUnkeyedContainer(forKey: key), ledger: ledger)
        }

        func superDecoder() throws -> any Decoder { RecordingDecoder(base: try base.superDecoder(), ledger: ledger) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            note(key)
            return RecordingDecoder(base: try base.superDecoder(forKey: key), ledger: ledger)
        }
    }

    struct RecordingUnkeyedContainer: UnkeyedDecodingContainer {
        var base: any UnkeyedDecodingContainer
        let ledger: Ledger

        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int? { base.count }
        var isAtEnd: Bool { base.isAtEnd }
        var currentIndex: Int { base.currentIndex }

        mutating func decodeNil() throws -> Bool { try base.decodeNil() }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        mutating func decode(_ type: String.Type) throws -> String { try base.decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try base.decode(Probe<T>.self).value }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            // The element is read once, through a decoder that records it.
            try base.decode(Nested<NestedKey>.self).container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            RecordingUnkeyedContainer(base: try base.nestedUnkeyedContainer(), ledger: ledger)
        }

        mutating func superDecoder() throws -> any Decoder { RecordingDecoder(base: try base.superDecoder(), ledger: ledger) }

        /// An element opened as a keyed container, recorded like any other object.
        struct Nested<NestedKey: CodingKey>: Decodable {
            let container: KeyedDecodingContainer<NestedKey>

            init(from decoder: any Decoder) throws {
                guard let ledger = decoder.userInfo[StrictActDecoder.ledgerKey] as? Ledger else {
                    container = try decoder.container(keyedBy: NestedKey.self)
                    return
                }
                container = try RecordingDecoder(base: decoder, ledger: ledger).container(keyedBy: NestedKey.self)
            }
        }
    }

    struct RecordingSingleValueContainer: SingleValueDecodingContainer {
        let base: any SingleValueDecodingContainer
        let ledger: Ledger

        var codingPath: [any CodingKey] { base.codingPath }

        func decodeNil() -> Bool { base.decodeNil() }
        func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        func decode(_ type: String.Type) throws -> String { try base.decode(type) }
        func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
        func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
        func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try base.decode(Probe<T>.self).value }
    }
}
