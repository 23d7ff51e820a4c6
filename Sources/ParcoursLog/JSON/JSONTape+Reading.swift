/// A tape read by hand, value by value, each value named by its position: for a reader that
/// knows its data's shape (the clinical acts a projection folds) and would spend more in
/// `Codable`'s containers, boxes and generic lookups than in the reading itself.
///
/// The root value is at position 0; an object's members and an array's elements are found
/// from its position. Asking a value for what it is not (the text of an integer) is a
/// programming error: look at `kind(at:)` first.
extension JSONTape {
    /// What the value at `position` is.
    public func kind(at position: Int) -> Kind { nodes[position].kind }

    /// The position of the value of the member named `name` of the object at `object`; nil
    /// when the object has no such member. Names are compared byte for byte, without
    /// building a string; one written with escapes is compared as text, as `JSONTapeDecoder`
    /// compares it.
    public func member(_ name: StaticString, of object: Int) -> Int? {
        name.withUTF8Buffer { wanted in
            bytes.withUnsafeBufferPointer { bytes in
                member(of: object) { node in
                    // As the decoder compares a name written with escapes: as text (`string(_:equals:)`).
                    if node.escaped { return Self.text(of: node, in: bytes) == name.description }
                    return Int(node.end - node.start) == wanted.count
                        && memcmp(bytes.baseAddress! + Int(node.start), wanted.baseAddress!, wanted.count) == 0
                }
            }
        }
    }

    /// The text of the string at `position`, escapes decoded.
    public func text(at position: Int) -> String { string(nodes[position]) }

    /// The integer at `position` (within ±(2^53−1), as the parser reads them).
    public func integer(at position: Int) -> Int64 { nodes[position].number }

    /// The boolean at `position`.
    public func truth(at position: Int) -> Bool { nodes[position].number != 0 }

    /// How many elements the array, or members the object, at `position` holds.
    public func count(at position: Int) -> Int { Int(nodes[position].count) }

    /// The position just past the value at `position` and all it holds: an array's next
    /// element (an array's first element is at its own position + 1).
    public func after(_ position: Int) -> Int { Int(nodes[position].next) }

    /// The members of the object at `object`, in the order written, each value as a tree: an
    /// object read member by member without the dictionary `value(at:)` would build (names
    /// are never repeated on a tape); nil when the value is not an object.
    public func members(of object: Int) -> [(key: String, value: JSONValue)]? {
        guard nodes[object].kind == .object else { return nil }
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(Int(nodes[object].count))
        var child = object + 1
        while child < Int(nodes[object].next) {
            members.append((string(nodes[child]), value(at: child + 1)))
            child = Int(nodes[child + 1].next)
        }
        return members
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
