import Mustache
import NIOCore

/// Markup the server wrote itself — a chart, a long list of rows, every text in it escaped by
/// `HTMLText` — that a page inserts as it is, with `{{{…}}}` (never `{{…}}`: the marker that
/// stands for it would be escaped).
///
/// Given to `WebPages.page` among a page's values, it does not pass through Mustache: Mustache
/// appends everything it renders into one string, and a journey page's charts and rows (40 of its
/// 52 KB) were copied three times on their way into the answer (into their section, into the
/// page, into the layout), each copy growing a string. `PageAssembly` copies each once, into the
/// answer's buffer. Deeper in the values than `PageAssembly` looks, it renders as its text.
struct Markup: MustacheCustomRenderable {
    private enum Content {
        case text(String)
        case utf8([UInt8])
    }

    private let content: Content

    init(text: String) { content = .text(text) }

    /// Markup written as UTF-8 bytes (`SVGWriter`: its own literals, digits and escaped Strings,
    /// so valid UTF-8 by construction), copied into the answer as they are: a chart made a
    /// String was checked byte by byte for nothing (1 % of a journey page's time).
    init(utf8 bytes: [UInt8]) { content = .utf8(bytes) }

    var text: String {
        switch content {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    var utf8Count: Int {
        switch content {
        case .text(let text): text.utf8.count
        case .utf8(let bytes): bytes.count
        }
    }

    /// Calls `body` with the markup's UTF-8 bytes (a `MarkupWriter` copies them into a page).
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch content {
        case .text(let text):
            var text = text
            return try text.withUTF8(body)
        case .utf8(let bytes): return try bytes.withUnsafeBufferPointer(body)
        }
    }

    func write(into buffer: inout ByteBuffer) {
        withUTF8 { _ = buffer.writeBytes($0) }
    }

    var renderText: String { text }
    var isNull: Bool { false }
}

/// A page put together from what Mustache rendered and the `Markup` it was spared: each piece of
/// markup is replaced in the values by a marker, which the answer's buffer gets the piece for.
///
/// A marker is U+0001, the piece's number, U+0002, and is looked for only in what Mustache
/// rendered (a piece of markup — a chart, rows, a page written by `JourneyPage`, the layout — is
/// written as it is). Nothing else there can hold those two characters: `HTMLText` writes the
/// control characters HTML does not allow raw as references, and the templates and the
/// catalogue's words have none (checked when the templates are compiled; what a `MarkupWriter`
/// writes escapes every word and value). Should one be found outside a marker all the same, it
/// is written as U+FFFD.
struct PageAssembly {
    static let open = UInt8(0x01), close = UInt8(0x02)

    private enum Piece {
        /// Rendered by Mustache, so it may hold markers.
        case rendered(String)
        /// Written by the server, copied as it is.
        case markup(Markup)

        var utf8Count: Int {
            switch self {
            case .rendered(let text): text.utf8.count
            case .markup(let markup): markup.utf8Count
            }
        }
    }

    private var pieces: [Piece] = []

    /// `values` with each `Markup` replaced by its marker: among them, and in any section of them
    /// that holds one itself (a dictionary value, as `openings` holds its rows).
    mutating func marking(_ values: [String: Any]) -> [String: Any] {
        var values = values
        for (key, value) in values {
            if let markup = value as? Markup {
                values[key] = marker(for: .markup(markup))
            } else if let section = value as? [String: Any], section.values.contains(where: { $0 is Markup }) {
                values[key] = marking(section)
            }
        }
        return values
    }

    /// A marker for `rendered`, a template Mustache rendered (which may hold markers in its turn).
    mutating func marker(for rendered: String) -> String {
        marker(for: .rendered(rendered))
    }

    /// A marker for a page's content the server wrote itself (`JourneyPage`).
    mutating func marker(for markup: Markup) -> String {
        marker(for: .markup(markup))
    }

    private mutating func marker(for piece: Piece) -> String {
        pieces.append(piece)
        return "\u{1}\(pieces.count - 1)\u{2}"
    }

    /// The answer's body: `rendered` with every marker replaced by its piece.
    func body(_ rendered: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rendered.utf8.count + pieces.reduce(0) { $0 + $1.utf8Count })
        write(rendered, into: &buffer, before: pieces.count)
        return buffer
    }

    /// Writes `text`, its markers replaced by their pieces; a marker may only name a piece made
    /// before `limit` (the piece `text` is, or all of them for the layout): none can name itself.
    private func write(_ text: String, into buffer: inout ByteBuffer, before limit: Int) {
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
                guard at < bytes.count, at > open + 1, bytes[at] == Self.close, index < limit else {
                    buffer.writeString("\u{FFFD}")
                    start = open + 1
                    continue
                }
                switch pieces[index] {
                case .rendered(let text): write(text, into: &buffer, before: index)
                case .markup(let markup): markup.write(into: &buffer)
                }
                start = at + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
