import Foundation

/// What each object of an act accepts, learned from strict decodes that passed
/// (`StrictActDecoder`), by act type and by place, array indexes left out
/// (`factors[].origin`): so data that fits what was learned needs no strict decode.
///
/// What a place accepts is what the type decoded there reads, the same every time for
/// `Codable` types whose `init(from:)` does not depend on the data (synthesized ones).
/// A place not learned yet, or a member not accepted there, sends the data to the strict
/// decoder, which names what does not fit, or learns the place.
final class ActShapes: @unchecked Sendable {
    static let shared = ActShapes()

    private let lock = NSLock()
    private var shapes: [ObjectIdentifier: [String: Set<String>]] = [:]

    /// Notes what each place read, in a decode of `type` that passed.
    func learn<Act>(_ shape: [String: Set<String>], of type: Act.Type) {
        lock.lock()
        defer { lock.unlock() }
        shapes[ObjectIdentifier(type), default: [:]].merge(shape) { $0.union($1) }
    }

    /// Whether every object of `object` (but inside `alsoAccepted` members of the top) has only
    /// members learned for its place.
    func fits<Act>(_ object: [String: Any], as type: Act.Type, alsoAccepted: Set<String>) -> Bool {
        lock.lock()
        let shape = shapes[ObjectIdentifier(type)]
        lock.unlock()
        guard let shape else { return false }
        return Self.fits(object, at: "", shape, skipping: alsoAccepted)
    }

    private static func fits(_ value: Any, at place: String, _ shape: [String: Set<String>], skipping: Set<String>) -> Bool {
        switch Container(value) {
        case .object(let object):
            guard let accepted = shape[place] else { return false }
            for (key, member) in object {
                if place.isEmpty, skipping.contains(key) { continue }
                guard accepted.contains(key) else { return false }
                if Container(member) != nil, !fits(member, at: place.isEmpty ? key : place + "." + key, shape, skipping: []) {
                    return false
                }
            }
            return true
        case .array(let array):
            let element = place + "[]"
            return array.allSatisfy { fits($0, at: element, shape, skipping: []) }
        case nil:
            return true
        }
    }

    /// An object or an array of `JSONSerialization`'s output, told by its dynamic type: a
    /// comparison of type metadata, where a conditional cast of every string and number
    /// to a collection type would cost more than the whole decode.
    private enum Container {
        case object([String: Any])
        case array([Any])

        init?(_ value: Any) {
            let kind = ObjectIdentifier(type(of: value))
            if kind == Self.objectType, let object = value as? [String: Any] {
                self = .object(object)
            } else if kind == Self.arrayType, let array = value as? [Any] {
                self = .array(array)
            } else if kind == Self.stringType || value is NSNumber || value is NSNull {
                return nil
            } else if let object = value as? [String: Any] {
                self = .object(object)
            } else if let array = value as? [Any] {
                self = .array(array)
            } else {
                return nil
            }
        }

        static let objectType = ObjectIdentifier([String: Any].self)
        static let arrayType = ObjectIdentifier([Any].self)
        static let stringType = ObjectIdentifier(String.self)
    }

    /// A place as `fits` names it: `identity`, `factors[]`, `statusQuo.pros[]`; the top is "".
    static func place(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { text, key in
            if key.intValue != nil {
                text += "[]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
    }
}
