import Mustache
import NIOCore

/// Markup the server wrote itself — a chart, a long list of rows, every text in it escaped by
/// `HTMLText` — that a page inserts as it is (`{{{…}}}`).
///
/// Given to `WebPages.page` among a page's values, it does not pass through Mustache: Mustache
/// appends everything it renders into one string, and a journey page's charts and rows (40 of its
/// 52 KB) were copied three times on their way into the answer (into their section, into the
/// page, into the layout), each copy growing a string. `PageAssembly` copies each once, into the
/// answer's buffer. Anywhere else (deeper in the values than `PageAssembly` looks), it renders as
/// its text.
struct Markup: MustacheCustomRenderable {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }
}

/// A page put together from what Mustache rendered and the `Markup` it was spared: each piece of
/// markup is replaced in the values by a marker, which the answer's buffer gets the piece for.
///
/// A marker is U+0001, the piece's number, U+0002. Nothing else on a page can hold those two
/// characters: `HTMLText` writes every control character of a value as U+FFFD, the templates and
/// the catalogue's words have none (checked when the templates are compiled), and the server's own
/// markup is made of escaped values.
struct PageAssembly {
    static let open = UInt8(0x01), close = UInt8(0x02)
    private var pieces: [String] = []

    /// `values` with each `Markup` — among them, or among the values of a section they hold —
    /// replaced by its marker.
    mutating func marking(_ values: [String: Any]) -> [String: Any] {
        var values = values
        for (key, value) in values {
            if let markup = value as? Markup {
                values[key] = marker(for: markup.text)
            } else if let section = value as? [String: Any], section.values.contains(where: { $0 is Markup }) {
                values[key] = marking(section)
            }
        }
        return values
    }

    /// A marker for `text`, markup already rendered (which may hold markers in its turn).
    mutating func marker(for text: String) -> String {
        pieces.append(text)
        return "\u{1}\(pieces.count - 1)\u{2}"
    }

    /// The answer's body: `rendered` with every marker replaced by its piece.
    func body(_ rendered: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rendered.utf8.count + pieces.reduce(0) { $0 + $1.utf8.count })
        write(rendered, into: &buffer)
        return buffer
    }

    private func write(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while let open = bytes[start...].firstIndex(of: Self.open) {
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<open]))
                var index = 0, at = open + 1
                while at < bytes.count, at - open <= 6, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) {
                    index = index * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                    at += 1
                }
                if at < bytes.count, at > open + 1, bytes[at] == Self.close, index < pieces.count {
                    write(pieces[index], into: &buffer)
                    start = at + 1
                } else {
                    // Not a marker (none can be: see the type's note); never written as it came.
                    assertionFailure("a page holds U+0001 outside a marker")
                    buffer.writeString("\u{FFFD}")
                    start = open + 1
                }
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
