/// Markup written into one growing buffer of UTF-8 bytes, given to the page as they are
/// (`Markup(utf8:)`): the charts (`SVGWriter`) and the journey's pages (`JourneyPage`). Built as
/// small Strings joined together, or rendered by Mustache, their allocations, copies and lookups
/// were most of the time those pages took; written here, no element makes a String of its own.
///
/// Markup of the writer's own is a `StaticString`; every `String` value — a name, a word of the
/// catalogue, a day, a colour, an id — is escaped as `HTMLText.escape` escapes it, unless it is
/// markup the server wrote itself and says so (`append(markup:)`).
struct MarkupWriter {
    private var bytes: [UInt8] = []

    /// A writer with room for `capacity` bytes: about the markup's size, so it seldom grows.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Markup of the writer's own, as it is.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A text as character data or an attribute value, escaped by `HTMLText`: `& < > " '` as
    /// `&amp; &lt; &gt; &quot; &#39;`, a control character HTML does not allow raw as `&#x…;`,
    /// every other byte kept.
    mutating func append(escaped text: String) {
        HTMLText.append(escaped: text, to: &bytes)
    }

    /// Markup the server wrote, every text in it already escaped (`RecordRows`, a chart).
    mutating func append(markup: String) {
        var markup = markup
        markup.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(markup: Markup) {
        markup.append(to: &bytes)
    }

    /// A coordinate as `ChartMarkup.number` writes it: at most one decimal, a dot, never `-0`,
    /// and `0` for a value that is not a number.
    mutating func append(number value: Double) {
        guard value.isFinite else { return append("0") }
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        append(digits: tenths.magnitude / 10)
        if tenths.magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            append(digits: tenths.magnitude % 10)
        }
    }

    /// A whole number as `String(value)` writes it.
    mutating func append(integer value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        append(digits: value.magnitude)
    }

    /// The decimal digits of `value`, the most significant first.
    private mutating func append(digits value: UInt) {
        var divisor: UInt = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// What was written: the buffer itself.
    consuming func markup() -> Markup { Markup(utf8: bytes) }
}
