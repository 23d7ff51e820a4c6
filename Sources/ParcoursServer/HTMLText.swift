import Mustache
import ParcoursLog

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
            guard nextReference(in: bytes, from: 0) < bytes.count else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            escaping(bytes) { out.append(contentsOf: $0) }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// `bytes` escaped, given to `write` in order: each run of bytes kept as they are, and the
    /// reference each byte that needs one is written as (`MarkupWriter` writes them into its buffer).
    static func escaping(_ bytes: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var index = nextReference(in: bytes, from: 0)
        while index < bytes.count {
            if start < index { write(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            references[Int(bytes[index])].withUnsafeBufferPointer(write)
            start = index + 1
            index = nextReference(in: bytes, from: start)
        }
        if start < bytes.count { write(UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    /// Where the first byte from `index` on that needs a reference is, or the count when none
    /// does. Eight bytes are looked at together while eight remain (`ByteWords`), up to the first
    /// that may need one: one of the five, DEL, or below 0x20 (tab, line feed, form feed and
    /// carriage return are let through one by one, as the last few bytes are). A page's texts are
    /// mostly long runs with none (issue 12: a byte at a time, escaping was 2 % of the server's CPU).
    private static func nextReference(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while true {
            ByteWords.skip(in: bytes, at: &index) { word in
                ByteWords.equal(word, 0x26) | ByteWords.equal(word, 0x3C) | ByteWords.equal(word, 0x3E) | ByteWords.equal(word, 0x22)
                    | ByteWords.equal(word, 0x27) | ByteWords.equal(word, 0x7F) | ByteWords.below(word, 0x20)
            }
            guard index < bytes.count else { return bytes.count }
            if needsReference(bytes[index]) { return index }
            index += 1
        }
    }

    /// The reference each byte that `needsReference` is written as, by its value (empty for the
    /// others): a named or numeric one for the five, `&#x…;` for a control character.
    private static let references: [[UInt8]] = (0...255).map { value in
        let byte = UInt8(value)
        guard needsReference(byte) else { return [] }
        switch byte {
        case UInt8(ascii: "&"): return Array("&amp;".utf8)
        case UInt8(ascii: "<"): return Array("&lt;".utf8)
        case UInt8(ascii: ">"): return Array("&gt;".utf8)
        case UInt8(ascii: "\""): return Array("&quot;".utf8)
        case UInt8(ascii: "'"): return Array("&#39;".utf8)
        default: return Array("&#x\(String(byte, radix: 16, uppercase: true));".utf8)
        }
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
