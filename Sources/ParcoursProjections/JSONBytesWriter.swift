import Foundation
import ParcoursLog

/// The buffer a `ProjectionJSONEncoder` writes into, and the containers still open.
final class JSONBytesWriter {
    var output: [UInt8] = []
    /// Containers open, innermost last.
    var frames: [Frame] = []
    /// Set when a value asked for what only `JSONEncoder` does.
    var unsupported = false

    enum Frame {
        /// An object whose member values (without names) are written from `start` on.
        case object(start: Int, members: [Member])
        /// An array whose `[` is written, with `count` elements so far.
        case array(count: Int)
    }

    struct Member {
        var name: String
        var start: Int
        var end: Int
    }

    init() { output.reserveCapacity(4096) }

    /// Writes `value`, and closes the containers it opened.
    func put<T: Encodable>(_ value: T) throws {
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            unsupported = true
            return
        }
        if T.self == Journey.self {
            // What every rebuild writes for every participant: by hand, not through Codable's containers.
            try (value as! Journey).write(to: self)
            return
        }
        let depth = frames.count
        let start = output.count
        try value.encode(to: BytesEncoder(writer: self, depth: depth))
        if frames.count == depth, output.count == start { unsupported = true }
        while frames.count > depth { close() }
    }

    /// Writes a member's value of the innermost object, which must be `frame`.
    func member(_ name: String, of frame: Int, _ write: () throws -> Void) rethrows {
        guard frame == frames.count - 1, case .object(let start, var members) = frames[frame] else {
            unsupported = true
            return
        }
        frames[frame] = .object(start: start, members: [])
        let begin = output.count
        try write()
        members.append(Member(name: name, start: begin, end: output.count))
        frames[frame] = .object(start: start, members: members)
    }

    /// Writes the next element of the innermost array, which must be `frame`.
    func element(of frame: Int, _ write: () throws -> Void) rethrows {
        guard frame == frames.count - 1, case .array(let count) = frames[frame] else {
            unsupported = true
            return
        }
        if count > 0 { output.append(UInt8(ascii: ",")) }
        try write()
        frames[frame] = .array(count: count + 1)
    }

    /// Ends the innermost container: an array's `]`, or an object's members put in order with their names.
    func close() {
        switch frames.removeLast() {
        case .array:
            output.append(UInt8(ascii: "]"))
        case .object(let start, let members):
            let order = members.indices.sorted { a, b in
                let (left, right) = (members[a].name, members[b].name)
                return left == right ? a < b : left.utf8.lexicographicallyPrecedes(right.utf8)
            }
            var object: [UInt8] = [UInt8(ascii: "{")]
            object.reserveCapacity(output.count - start + members.count * 16 + 2)
            var first = true
            for (position, index) in order.enumerated() {
                let member = members[index]
                // Of two members of one name, the last written is kept.
                if position + 1 < order.count, members[order[position + 1]].name == member.name { continue }
                if !first { object.append(UInt8(ascii: ",")) }
                first = false
                CanonicalJSON.writeString(member.name, into: &object)
                object.append(UInt8(ascii: ":"))
                object.append(contentsOf: output[member.start..<member.end])
            }
            object.append(UInt8(ascii: "}"))
            output.removeSubrange(start...)
            output.append(contentsOf: object)
        }
    }

    func writeInteger<Integer: BinaryInteger>(_ value: Integer) {
        if let number = Int64(exactly: value) {
            CanonicalJSON.writeInteger(number, into: &output)
        } else {
            output.append(contentsOf: String(value).utf8)
        }
    }

    func writeBool(_ value: Bool) {
        if value { output.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    func writeNull() { output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
}
