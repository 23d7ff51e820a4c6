import Mustache

/// Text made safe inside HTML and SVG, as character data or a quoted attribute value: the five
/// characters that could end either are written as references, every other byte kept.
///
/// One function for the pages (through Mustache, as `MarkupContentType`) and the charts. It works on
/// UTF-8 bytes: the five are ASCII and never part of a longer sequence, and most texts have none
/// of them, so they are returned as they came.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsReference) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    private static func needsReference(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}

/// How the page templates escape every `{{value}}`: `HTMLText.escape`, declared at the head of
/// each template (`{{% CONTENT_TYPE: PARCOURS_HTML}}`), partials included.
struct MarkupContentType: MustacheContentType {
    static let name = "PARCOURS_HTML"
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
