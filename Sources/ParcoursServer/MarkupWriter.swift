/// Markup written into one growing buffer of UTF-8 bytes, given to the page as they are
/// (`Markup(utf8:)`): the charts (`SVGWriter`) and the journey's pages (`JourneyPage`). Built as
/// small Strings joined together, or rendered by Mustache, their allocations, copies and lookups
/// were most of the time those pages took; written here, no element makes a String of its own.
///
/// Markup of the writer's own is a `StaticString`; every `String` value — a name, a word of the
/// catalogue, a day, a colour, an id — is escaped as `HTMLText.escape` escapes it, unless it is
/// markup the server wrote itself and says so (`append(markup:)`).
///
/// Its bytes are its own memory, grown by doubling and freed when it is done with, rather than an
/// `Array`: an append to an array checks that it is the array's only owner and goes through the
/// generic path each time, eight times the cost of the copy itself for the short pieces markup is
/// made of. Noncopyable, so nothing else can hold that memory.
struct MarkupWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// A writer with room for `capacity` bytes: about the markup's size, so it seldom grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Markup of the writer's own, as it is.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(bytes: $0) }
    }

    /// A text as character data or an attribute value, escaped by `HTMLText`: `& < > " '` as
    /// `&amp; &lt; &gt; &quot; &#39;`, a control character HTML does not allow raw as `&#x…;`,
    /// every other byte kept.
    mutating func append(escaped text: String) {
        var text = text
        text.withUTF8 { HTMLText.escaping($0) { append(bytes: $0) } }
    }

    /// Markup the server wrote, every text in it already escaped (`RecordRows`, a chart).
    mutating func append(markup: String) {
        var markup = markup
        markup.withUTF8 { append(bytes: $0) }
    }

    mutating func append(markup: Markup) {
        markup.withUTF8 { append(bytes: $0) }
    }

    private mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: start, count: bytes.count)
        count += bytes.count
    }

    private mutating func append(byte: UInt8) {
        reserve(1)
        (base + count).initialize(to: byte)
        count += 1
    }

    /// Room for `more` bytes after those written: the memory doubled (or more), what was written moved into it.
    private mutating func reserve(_ more: Int) {
        guard capacity - count < more else { return }
        let grown = max(count + more, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        (base, capacity) = (fresh, grown)
    }

    /// A coordinate as `ChartMarkup.number` writes it: at most one decimal, a dot, never `-0`,
    /// and `0` for a value that is not a number.
    mutating func append(number value: Double) {
        guard value.isFinite else { return append("0") }
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { append(byte: UInt8(ascii: "-")) }
        append(digits: tenths.magnitude / 10)
        if tenths.magnitude % 10 != 0 {
            append(byte: UInt8(ascii: "."))
            append(digits: tenths.magnitude % 10)
        }
    }

    /// A whole number as `String(value)` writes it.
    mutating func append(integer value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        append(digits: value.magnitude)
    }

    /// The decimal digits of `value`, the most significant first.
    private mutating func append(digits value: UInt) {
        var divisor: UInt = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            append(byte: UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// What was written, copied once into the markup the page is given.
    func markup() -> Markup { Markup(utf8: Array(UnsafeBufferPointer(start: base, count: count))) }
}
