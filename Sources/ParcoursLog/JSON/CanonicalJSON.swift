/// RFC 8785 (JCS) serialization of the integer-only JSON subset.
///
/// Object members are sorted by the UTF-16 code units of their names; strings
/// escape only `"`, `\` and control characters (short forms where JSON has them,
/// `\u00xx` otherwise); everything else is written as raw UTF-8.
public enum CanonicalJSON {
    /// The canonical UTF-8 bytes of a value.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output)
        return output
    }

    /// The canonical text of a value.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Parses JSON text and returns its canonical bytes.
    public static func canonicalize(_ bytes: some Collection<UInt8>) throws(JSONError) -> [UInt8] {
        encode(try JSONParser.parse(bytes))
    }

    /// Appends the canonical form of `value` to `output`.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .int(let number): writeInteger(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, name) in sortedNames(members.keys).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(name, into: &output)
                output.append(UInt8(ascii: ":"))
                write(members[name]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Member names in JCS order: by UTF-16 code units.
    public static func sortedNames(_ names: some Collection<String>) -> [String] {
        names.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }

    /// Appends `number` in decimal, as JCS (and `JSONEncoder`) write an integer.
    public static func writeInteger(_ number: Int64, into output: inout [UInt8]) {
        if number == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        let start = output.count
        while magnitude > 0 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        output[start...].reverse()
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string as JCS writes it: `"` and `\` escaped, `\b \t \n \f \r`
    /// and `\u00xx` (lower-case hex) for the other control characters, everything else as
    /// its UTF-8, `/` included (as `JSONEncoder` writes it `.withoutEscapingSlashes`).
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default:
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
