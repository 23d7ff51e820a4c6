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
///
/// Looking into every container through wrappers more than doubles the time to decode an
/// act, so what each place accepted in a decode that passed is kept (`ActShapes`): data
/// whose every object fits what was learned is decoded plainly, anything else strictly.
enum StrictActDecoder {
    /// Decodes `data` (`object`, when the caller has already parsed it) as `Act`; throws
    /// `DecodingError` as `JSONDecoder` does, or a `ClinicalError` naming the first unknown
    /// member (`data.identity.extra`) and what is accepted there.
    static func decode<Act: Decodable>(_ type: Act.Type, from data: Data, object: [String: Any]? = nil,
                                       alsoAccepted: Set<String> = []) throws -> Act {
        if let object, ActShapes.shared.fits(object, as: type, alsoAccepted: alsoAccepted) {
            return try JSONDecoder().decode(type, from: data)
        }
        let ledger = Ledger()
        let decoder = JSONDecoder()
        decoder.userInfo[ledgerKey] = ledger
        let act = try decoder.decode(Probe<Act>.self, from: data).value
        try ledger.refuseUnknown(alsoAcceptedAtRoot: alsoAccepted)
        ActShapes.shared.learn(ledger.shape, of: type)
        return act
    }

    static let ledgerKey = CodingUserInfoKey(rawValue: "parcours.strict-act-decoder.ledger")!

    /// The members present and the members read at each object of the data, as each is
    /// opened; paths are written out only for a refusal.
    final class Ledger: @unchecked Sendable {
        struct Place {
            var path: [any CodingKey]
            var present: [String]
            var read: Set<String> = []
        }

        private var places: [Place] = []

        /// Notes an object opened at `path`; returns its place, for `read`.
        func opened(_ path: [any CodingKey], present: [String]) -> Int {
            places.append(Place(path: path, present: present))
            return places.count - 1
        }

        func read(_ key: String, at place: Int) { places[place].read.insert(key) }

        /// What each place read, by place without array indexes (`ActShapes.place`).
        var shape: [String: Set<String>] {
            places.reduce(into: [:]) { shape, place in shape[ActShapes.place(place.path), default: []].formUnion(place.read) }
        }

        func refuseUnknown(alsoAcceptedAtRoot: Set<String>) throws(ClinicalError) {
            let suspect = places.filter { place in place.present.contains { !place.read.contains($0) } }
            guard !suspect.isEmpty else { return }
            // An object opened twice (its type reading it in two passes) accepts what either pass read.
            var accepted: [String: Set<String>] = [:]
            for place in places { accepted[ClinicalRecorder.path(place.path), default: []].formUnion(place.read) }
            for (name, place) in suspect.map({ (ClinicalRecorder.path($0.path), $0) }).sorted(by: { $0.0 < $1.0 }) {
                let here = accepted[name, default: []].union(place.path.isEmpty ? alsoAcceptedAtRoot : [])
                if let unknown = place.present.filter({ !here.contains($0) }).sorted().first {
                    throw ClinicalError("\(name).\(unknown)", "unknown member; accepted: \(here.sorted().joined(separator: ", "))",
                        fr: "champ inconnu (champs acceptés : \(here.sorted().joined(separator: ", ")))")
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
            let place = ledger.opened(codingPath, present: try base.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
            return KeyedDecodingContainer(RecordingKeyedContainer(base: container, ledger: ledger, place: place))
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
        /// This object's place in the ledger.
        let place: Int

        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }

        func note(_ key: Key) { ledger.read(key.stringValue, at: place) }

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
            let place = ledger.opened(nested.codingPath, present: try base.nestedContainer(keyedBy: AnyKey.self, forKey: key).allKeys.map(\.stringValue))
            return KeyedDecodingContainer(RecordingKeyedContainer<NestedKey>(base: nested, ledger: ledger, place: place))
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

