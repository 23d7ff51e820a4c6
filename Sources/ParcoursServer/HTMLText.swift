import Mustache

/// Text made safe inside HTML and SVG, as character data or a quoted attribute value: the five
/// characters that could end either are written as references, and so are the control characters
/// HTML does not allow raw (all but tab, line feed, form feed and carriage return: `&#x1;`, which a
/// browser reads back as the same character, so a form shown again keeps what was typed); every
/// other byte is kept. No value written here can hold the markers `PageAssembly` puts a page
/// together with.
///
/// One function for the pages (through Mustache, as `MarkupContentType`) and the charts. It works on
/// UTF-8 bytes: the characters written as references are ASCII and never part of a longer
/// sequence, and most texts have none of them, so they are returned as they came.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsReference) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            append(escaped: UnsafeBufferPointer(rebasing: bytes[first...]), to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// `text` escaped at the end of `out`: the rows' markup, written piece by piece into one
    /// string (`RecordRows`), with no string made for the piece when it needs no reference.
    static func append(escaped text: String, to out: inout String) {
        var text = text
        if text.withUTF8({ $0.contains(where: needsReference) }) { out += escape(text) } else { out += text }
    }

    /// `text` escaped at the end of `out`: what the charts write into their one buffer.
    static func append(escaped text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(escaped: $0, to: &out) }
    }

    private static func append(escaped bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for index in bytes.indices where needsReference(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            appendReference(for: bytes[index], to: &out)
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// The reference a byte that `needsReference` is written as: a named or numeric one for the
    /// five, `&#x…;` for a control character.
    private static func appendReference(for byte: UInt8, to out: inout [UInt8]) {
        let reference: StaticString
        switch byte {
        case UInt8(ascii: "&"): reference = "&amp;"
        case UInt8(ascii: "<"): reference = "&lt;"
        case UInt8(ascii: ">"): reference = "&gt;"
        case UInt8(ascii: "\""): reference = "&quot;"
        case UInt8(ascii: "'"): reference = "&#39;"
        default:
            let digits: StaticString = "0123456789ABCDEF"
            out.append(contentsOf: [UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "x")])
            if byte >= 0x10 { out.append(digits.utf8Start[Int(byte >> 4)]) }
            out.append(contentsOf: [digits.utf8Start[Int(byte & 0x0F)], UInt8(ascii: ";")])
            return
        }
        reference.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func needsReference(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'") || isDisallowedControl(byte)
    }

    /// A control character HTML does not allow in a document: C0 but tab, line feed, form feed and
    /// carriage return; and DEL.
    private static func isDisallowedControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) || byte == 0x7F
    }
}

/// How the page templates escape every `{{value}}`: `HTMLText.escape`, declared at the head of
/// each template (`{{% CONTENT_TYPE: PARCOURS_HTML}}`), partials included.
struct MarkupContentType: MustacheContentType {
    static let name = "PARCOURS_HTML"
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
