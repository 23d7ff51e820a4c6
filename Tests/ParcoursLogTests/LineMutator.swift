import ParcoursLog

/// Makes record lines and JSON texts, canonical and not, for the differential tests:
/// records with generated payloads, and every kind of damage a line can take — bytes
/// flipped, dropped or inserted, whitespace, members reordered or repeated, escapes JCS
/// would not write, other number forms, broken UTF-8, cuts. Seeded: a failure repeats.
struct LineMutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Pieces that stress canonical strings and member order: escapes, controls, DEL,
    /// non-ASCII on both sides of the UTF-16 / code point order split, canonically
    /// equivalent spellings (K and the Kelvin sign, é composed and decomposed).
    static let pieces = ["a", "b", "Z", "1", "é", "e\u{301}", "€", "😀", "\u{10FFFF}", "\u{E000}", "\u{FFFF}", "\u{FB33}",
                         "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "K", "\u{212A}",
                         "\u{2028}", " ", "«»"]
    static let integers: [Int64] = [0, 1, -1, 7, 10, -10, 255, 1_000_000, 9_007_199_254_740_991, -9_007_199_254_740_991]

    mutating func text(maxPieces: Int) -> String {
        (0..<below(maxPieces + 1)).map { _ in pick(Self.pieces) }.joined()
    }

    /// A generated JSON value, nested at most `depth` more levels.
    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 8 : 5) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .int(chance(50) ? pick(Self.integers) : Int64(below(2_000_001)) - 1_000_000)
        case 3, 4: return .string(text(maxPieces: 4))
        case 5: return .array((0..<below(4)).map { _ in value(depth: depth - 1) })
        default: return .object(object(depth: depth - 1))
        }
    }

    mutating func object(depth: Int) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for _ in 0..<below(5) { members[text(maxPieces: 2)] = value(depth: depth) }
        return members
    }

    /// A value nested `levels` deep in arrays, for the depth limit.
    static func nested(_ levels: Int) -> JSONValue {
        (0..<levels).reduce(JSONValue.int(1)) { inner, _ in .array([inner]) }
    }

    /// JSON text of `value` written loosely: members in a random order, whitespace, escapes
    /// JCS does not write. Each liberty is taken by chance, so some texts stay canonical.
    mutating func loose(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        let shuffle = chance(30), spaces = chance(20), escapes = chance(30)
        write(value, into: &out, shuffle: shuffle, spaces: spaces, escapes: escapes)
        return out
    }

    private mutating func write(_ value: JSONValue, into out: inout [UInt8], shuffle: Bool, spaces: Bool, escapes: Bool) {
        if spaces && chance(15) { out.append(pick([0x20, 0x0A, 0x09, 0x0D])) }
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out, shuffle: shuffle, spaces: spaces, escapes: escapes)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var names = CanonicalJSON.sortedNames(members.keys)
            if shuffle && names.count > 1 && chance(50) { names.swapAt(0, names.count - 1) }
            for (position, name) in names.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(name, into: &out, escapes: escapes)
                if spaces && chance(10) { out.append(0x20) }
                out.append(UInt8(ascii: ":"))
                write(members[name]!, into: &out, shuffle: shuffle, spaces: spaces, escapes: escapes)
            }
            out.append(UInt8(ascii: "}"))
        case .string(let text): writeString(text, into: &out, escapes: escapes)
        default: CanonicalJSON.write(value, into: &out)
        }
        if spaces && chance(15) { out.append(pick([0x20, 0x0A])) }
    }

    private mutating func writeString(_ text: String, into out: inout [UInt8], escapes: Bool) {
        guard escapes && chance(40) else {
            CanonicalJSON.write(.string(text), into: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            var canonical: [UInt8] = []
            CanonicalJSON.write(.string(String(scalar)), into: &canonical)
            let inner = Array(canonical.dropFirst().dropLast())
            guard chance(25) else { out.append(contentsOf: inner); continue }
            let value = scalar.value
            switch below(4) {
            case 0 where value < 0x10000:  // \uXXXX, lower or upper case
                out.append(contentsOf: Array(String(format4: value, uppercase: chance(50)).utf8))
            case 1 where value >= 0x10000:  // a surrogate pair
                let v = value - 0x10000
                out.append(contentsOf: Array((String(format4: 0xD800 + (v >> 10)) + String(format4: 0xDC00 + (v & 0x3FF))).utf8))
            case 2 where scalar == "/": out.append(contentsOf: Array(#"\/"#.utf8))
            default: out.append(contentsOf: inner)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Damaged copies of `line`, each by one kind of damage.
    mutating func damaged(_ line: [UInt8]) -> [[UInt8]] {
        var copies: [[UInt8]] = []
        guard !line.isEmpty else { return [[0x20], [UInt8(ascii: "{")]] }
        for _ in 0..<3 {  // a byte replaced, a bit flipped
            var copy = line
            copy[below(copy.count)] = UInt8(truncatingIfNeeded: next())
            copies.append(copy)
            copy = line
            copy[below(copy.count)] ^= UInt8(1) << UInt8(below(8))
            copies.append(copy)
        }
        var dropped = line
        dropped.remove(at: below(dropped.count))
        copies.append(dropped)
        let whitespace: [UInt8] = [0x20, 0x0A, 0x09, 0x0D]
        let strayBytes: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF], [0xE2, 0x82], [0x01], [0x7F],
                                     [0xC3, 0xA9]]
        for inserted in [[pick(whitespace)], pick(strayBytes)] {
            var copy = line
            copy.insert(contentsOf: inserted, at: below(copy.count + 1))
            copies.append(copy)
        }
        copies.append(Array(line.prefix(below(line.count))))
        copies.append(line + [pick([0x20, 0x0A, UInt8(ascii: ",")])])
        copies.append(replacingNumber(in: line))
        copies.append(escapingOne(in: line))
        if let tree = try? JSONParser.parse(line) { copies.append(loose(tree)) }
        copies.append(repeatingMember(in: line))
        return copies
    }

    /// One integer of the line (a seq, a version, a number in a payload) written another way.
    private mutating func replacingNumber(in line: [UInt8]) -> [UInt8] {
        let colons = line.indices.filter { line[$0] == UInt8(ascii: ":") && $0 + 1 < line.count
            && (line[$0 + 1] == UInt8(ascii: "-") || (0x30...0x39).contains(line[$0 + 1])) }
        guard !colons.isEmpty else { return line }
        let start = pick(colons) + 1
        var end = start + 1
        while end < line.count, (0x30...0x39).contains(line[end]) { end += 1 }
        let digits = Array(line[start..<end])
        let forms: [[UInt8]] = [[0x30] + digits, digits + Array(".0".utf8), digits + Array("e0".utf8), digits + Array("E+0".utf8),
                                Array("-0".utf8), Array("+".utf8) + digits, Array("9007199254740992".utf8), Array("-".utf8) + digits,
                                Array("00".utf8), digits + [0x30], Array("1".utf8)]
        return Array(line[..<start]) + pick(forms) + Array(line[end...])
    }

    /// One ASCII character inside the line written as an escape, or `/` as `\/`.
    private mutating func escapingOne(in line: [UInt8]) -> [UInt8] {
        let letters = line.indices.filter { (0x41...0x7A).contains(line[$0]) || line[$0] == UInt8(ascii: "/") }
        guard !letters.isEmpty else { return line }
        let position = pick(letters)
        let byte = line[position]
        let escape: String = byte == UInt8(ascii: "/") && chance(50) ? #"\/"#
            : String(format4: UInt32(byte), uppercase: chance(50))
        return Array(line[..<position]) + Array(escape.utf8) + Array(line[(position + 1)...])
    }

    /// The line with one of its members written twice.
    private mutating func repeatingMember(in line: [UInt8]) -> [UInt8] {
        let names = ["\"seq\":1,", "\"type\":\"x.y\",", "\"stream\":\"directory\",", "\"actor\":\"admin\","]
        guard let brace = line.indices.filter({ line[$0] == UInt8(ascii: "{") }).randomElement(using: &self) else { return line }
        return Array(line[...brace]) + Array(pick(names).utf8) + Array(line[(brace + 1)...])
    }
}

extension LineMutator: RandomNumberGenerator {}

extension String {
    /// `\uxxxx`, its hex digits in lowercase or uppercase.
    init(format4 value: UInt32, uppercase: Bool = false) {
        let digits = String(value, radix: 16, uppercase: uppercase)
        self = "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
