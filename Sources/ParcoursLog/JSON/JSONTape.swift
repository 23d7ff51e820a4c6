/// One JSON text read once into a flat list of nodes over its bytes: no dictionary, no
/// array and no string built while reading. A string is decoded only when it is asked for.
///
/// Accepts and refuses exactly what `JSONParser` does (integers only, within ±(2^53−1);
/// no duplicate member names; well-formed UTF-8; no lone surrogate; nesting up to
/// `JSONParser.maxDepth`), so a decoder over it reads the same values as one over the
/// parser's tree. The projections read every act of a rebuild through it
/// (`JSONTapeDecoder`): a tree of dictionaries per act was the most of their decoding time.
public final class JSONTape {
    /// What a value is.
    public enum Kind: UInt8, Sendable {
        case null, bool, int, string, array, object
    }

    /// One value; a container's children follow it, an object's as name then value.
    struct Node {
        var kind: Kind
        /// A string's contents between its quotes, escapes included (byte offsets).
        var start: Int32 = 0
        var end: Int32 = 0
        /// The index of the node after this one's subtree.
        var next: Int32 = 0
        /// Elements of an array, members of an object.
        var count: Int32 = 0
        /// Whether a string holds an escape (then decoded by hand).
        var escaped = false
        /// A boolean (0 or 1) or an integer.
        var number: Int64 = 0
    }

    let bytes: [UInt8]
    let nodes: [Node]

    /// Reads `bytes` (surrounding whitespace allowed).
    public init(_ bytes: [UInt8]) throws(JSONError) {
        self.bytes = bytes
        var reader = Reader()
        reader.nodes.reserveCapacity(bytes.count / 8 + 4)
        try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in try reader.read(buffer) }
        nodes = reader.nodes
    }

    /// The raw bytes of a string node (escapes as written).
    func rawBytes(_ node: Node) -> ArraySlice<UInt8> { bytes[Int(node.start)..<Int(node.end)] }

    /// A string node's text.
    func string(_ node: Node) -> String {
        bytes.withUnsafeBufferPointer { Self.text(of: node, in: $0) }
    }

    /// A string node's text, read from the bytes it was read from.
    static func text(of node: Node, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard node.escaped else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)]), as: UTF8.self) }
        var cursor = Cursor(bytes: bytes, index: Int(node.start))
        // Checked when read: the escapes are well formed.
        return (try? cursor.unescaped(to: Int(node.end))) ?? ""
    }

    /// Whether a string node's text is `text` (member names are compared without building a string).
    func string(_ node: Node, equals text: String) -> Bool {
        guard !node.escaped else { return string(node) == text }
        var text = text
        return text.withUTF8 { utf8 in utf8.elementsEqual(rawBytes(node)) }
    }

    /// The value at `index` as a tree.
    func value(at index: Int) -> JSONValue {
        let node = nodes[index]
        switch node.kind {
        case .null: return .null
        case .bool: return .bool(node.number != 0)
        case .int: return .int(node.number)
        case .string: return .string(string(node))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(Int(node.count))
            var child = index + 1
            while child < Int(node.next) {
                elements.append(value(at: child))
                child = Int(nodes[child].next)
            }
            return .array(elements)
        case .object:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(Int(node.count))
            var child = index + 1
            while child < Int(node.next) {
                members[string(nodes[child])] = value(at: child + 1)
                child = Int(nodes[child + 1].next)
            }
            return .object(members)
        }
    }

    /// The bytes, scanned once into nodes.
    private struct Reader {
        var nodes: [Node] = []

        mutating func append(_ node: Node) -> Int {
            nodes.append(node)
            return nodes.count - 1
        }

        mutating func close(_ index: Int, count: Int) {
            nodes[index].next = Int32(nodes.count)
            nodes[index].count = Int32(count)
        }

        /// Whether two string nodes hold the same text. Two names without escapes (nearly all)
        /// of different lengths differ: most pairs a journey's objects compare end there.
        func sameText(_ a: Node, _ b: Node, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            if !a.escaped, !b.escaped {
                guard a.end - a.start == b.end - b.start else { return false }
                return bytes[Int(a.start)..<Int(a.end)].elementsEqual(bytes[Int(b.start)..<Int(b.end)])
            }
            return JSONTape.text(of: a, in: bytes) == JSONTape.text(of: b, in: bytes)
        }

        mutating func read(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) {
            var cursor = Cursor(bytes: buffer, index: 0)
            cursor.skipWhitespace()
            try value(&cursor, depth: 0)
            cursor.skipWhitespace()
            guard cursor.index == buffer.count else { throw cursor.fail("unexpected content after the JSON value") }
        }

        mutating func value(_ cursor: inout Cursor, depth: Int) throws(JSONError) {
            guard depth <= JSONParser.maxDepth else { throw cursor.fail("nesting deeper than \(JSONParser.maxDepth)") }
            guard cursor.index < cursor.bytes.count else { throw cursor.fail("unexpected end of input, expected a value") }
            switch cursor.bytes[cursor.index] {
            case UInt8(ascii: "{"): try object(&cursor, depth: depth)
            case UInt8(ascii: "["): try array(&cursor, depth: depth)
            case UInt8(ascii: "\""): _ = try string(&cursor)
            default:
                var reader = CanonicalJSONReader(cursor.bytes, at: cursor.index)
                let scalar = try reader.literalOrInteger()
                cursor.index = reader.index
                var node = Node(kind: .null, next: Int32(nodes.count + 1))
                switch scalar {
                case .bool(let truth): (node.kind, node.number) = (.bool, truth ? 1 : 0)
                case .int(let number): (node.kind, node.number) = (.int, number)
                default: break
                }
                _ = append(node)
            }
        }

        mutating func string(_ cursor: inout Cursor) throws(JSONError) -> Int {
            let (start, end, escaped) = try cursor.scanString()
            return append(Node(kind: .string, start: Int32(start), end: Int32(end), next: Int32(nodes.count + 1), escaped: escaped))
        }

        mutating func array(_ cursor: inout Cursor, depth: Int) throws(JSONError) {
            let index = append(Node(kind: .array))
            cursor.index += 1
            cursor.skipWhitespace()
            var count = 0
            if cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "]") {
                cursor.index += 1
                close(index, count: 0)
                return
            }
            while true {
                cursor.skipWhitespace()
                try value(&cursor, depth: depth + 1)
                count += 1
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count else { throw cursor.fail("unterminated array") }
                if cursor.bytes[cursor.index] == UInt8(ascii: ",") { cursor.index += 1; continue }
                if cursor.bytes[cursor.index] == UInt8(ascii: "]") { cursor.index += 1; break }
                throw cursor.fail("expected , or ] in array")
            }
            close(index, count: count)
        }

        mutating func object(_ cursor: inout Cursor, depth: Int) throws(JSONError) {
            let index = append(Node(kind: .object))
            cursor.index += 1
            cursor.skipWhitespace()
            var count = 0
            if cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "}") {
                cursor.index += 1
                close(index, count: 0)
                return
            }
            while true {
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "\"") else {
                    throw cursor.fail("expected a member name in quotes")
                }
                let nameOffset = cursor.index
                let name = try string(&cursor)
                // The members before it: name, then value, each value's subtree complete.
                var earlier = index + 1
                while earlier < name {
                    if sameText(nodes[earlier], nodes[name], in: cursor.bytes) { throw JSONError(offset: nameOffset, reason: "duplicate member name") }
                    earlier = Int(nodes[earlier + 1].next)
                }
                count += 1
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: ":") else {
                    throw cursor.fail("expected : after member name")
                }
                cursor.index += 1
                cursor.skipWhitespace()
                try value(&cursor, depth: depth + 1)
                cursor.skipWhitespace()
                guard cursor.index < cursor.bytes.count else { throw cursor.fail("unterminated object") }
                if cursor.bytes[cursor.index] == UInt8(ascii: ",") { cursor.index += 1; continue }
                if cursor.bytes[cursor.index] == UInt8(ascii: "}") { cursor.index += 1; break }
                throw cursor.fail("expected , or } in object")
            }
            close(index, count: count)
        }
    }

    /// A position in the bytes, with the scanning rules `JSONParser` applies.
    fileprivate struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        func fail(_ reason: String) -> JSONError { JSONError(offset: index, reason: reason) }

        mutating func skipWhitespace() { JSONUnicodeEscape.skipWhitespace(in: bytes, at: &index) }

        /// Reads a string from its opening quote; returns where its contents are and whether
        /// they hold an escape. Checks controls, escapes and UTF-8 as the parser does.
        mutating func scanString() throws(JSONError) -> (start: Int, end: Int, escaped: Bool) {
            index += 1
            let start = index
            var escaped = false, ascii = true
            while true {
                JSONUnicodeEscape.skipPlainText(in: bytes, at: &index)
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte < 0x20 { throw fail("control character in string, it must be escaped") }
                if byte >= 0x80 { ascii = false }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    guard index < bytes.count else { throw fail("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    if CanonicalJSONReader.shortEscape(escape) != nil || escape == UInt8(ascii: "/") { continue }
                    guard escape == UInt8(ascii: "u") else { throw fail("invalid escape sequence") }
                    _ = try unicodeEscape()
                    continue
                }
                index += 1
            }
            let end = index
            index += 1
            if !ascii, !Self.isUTF8(UnsafeBufferPointer(rebasing: bytes[start..<end])) { throw JSONError(offset: end, reason: "invalid UTF-8 in string") }
            return (start, end, escaped)
        }

        static func isUTF8(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
            var iterator = raw.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }

        /// The text of the string contents from `index` to `end`, escapes decoded.
        mutating func unescaped(to end: Int) throws(JSONError) -> String {
            var scalars: [UInt8] = []
            scalars.reserveCapacity(end - index)
            while index < end {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "\\") else {
                    scalars.append(byte)
                    index += 1
                    continue
                }
                let escape = bytes[index + 1]
                index += 2
                if let short = CanonicalJSONReader.shortEscape(escape) {
                    scalars.append(short)
                } else if escape == UInt8(ascii: "/") {
                    scalars.append(0x2F)
                } else {
                    scalars.append(contentsOf: Array(String(Character(try unicodeEscape())).utf8))
                }
            }
            return String(decoding: scalars, as: UTF8.self)
        }

        /// After `\u`: the scalar, a surrogate pair read whole.
        mutating func unicodeEscape() throws(JSONError) -> Unicode.Scalar {
            try JSONUnicodeEscape.scalar(in: bytes, at: &index)
        }
    }
}
