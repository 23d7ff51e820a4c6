/// The markup of one chart, written by a `MarkupWriter` into one buffer of UTF-8 bytes, given to
/// the page as they are when the chart is closed. A journey page draws two charts of hundreds of
/// elements: no element makes a String of its own.
///
/// What it writes is what `ChartMarkup.number` and `HTMLText.escape` give: a coordinate with at
/// most one decimal, a dot whatever the locale, never `-0`; every text escaped, written as the
/// pages write it. Tag and attribute names are `StaticString`s, the
/// chart's own; every `String` value — a word, a day, a colour, an id — is escaped.
struct SVGWriter: ~Copyable {
    private var out: MarkupWriter

    /// A writer with room for `capacity` bytes: about the chart's size, so it seldom grows.
    init(capacity: Int) { out = MarkupWriter(capacity: capacity) }

    // MARK: Text and numbers, as `MarkupWriter` writes them

    mutating func append(_ literal: StaticString) { out.append(literal) }
    mutating func append(escaped text: String) { out.append(escaped: text) }
    mutating func append(number value: Double) { out.append(number: value) }
    mutating func append(integer value: Int) { out.append(integer: value) }

    // MARK: Attributes and elements

    /// ` name="value"`, the value a coordinate.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        append(" ")
        append(name)
        append("=\"")
        append(number: value)
        append("\"")
    }

    /// ` name="value"`, the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        append(escaped: value)
        append("\"")
    }

    /// ` name="value"`, the value the chart's own.
    mutating func attribute(_ name: StaticString, _ value: StaticString) {
        append(" ")
        append(name)
        append("=\"")
        append(value)
        append("\"")
    }

    /// The opening tag of a chart: an image with its title and description for assistive technology.
    mutating func open(id: String, width: Double, height: Double, className: StaticString, title: String, description: String) {
        append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        append(number: width)
        append(" ")
        append(number: height)
        append("\"")
        attribute("width", width)
        attribute("height", height)
        append(" role=\"img\" aria-labelledby=\"")
        append(escaped: id)
        append("-title ")
        append(escaped: id)
        append("-desc\" class=\"chart ")
        append(className)
        append("\" font-family=\"system-ui, sans-serif\"><title id=\"")
        append(escaped: id)
        append("-title\">")
        append(escaped: title)
        append("</title><desc id=\"")
        append(escaped: id)
        append("-desc\">")
        append(escaped: description)
        append("</desc>")
    }

    /// The chart's closing tag, and its markup.
    mutating func close() -> Markup {
        append("</svg>")
        return out.markup()
    }

    /// A text element, its content escaped.
    mutating func text(_ content: String, x: Double, y: Double, anchor: StaticString = "start", fill: String = ChartMarkup.Palette.ink,
                       size: Int = 12, weight: Int = 400, className: StaticString? = nil) {
        append("<text")
        attribute("x", x)
        attribute("y", y)
        attribute("text-anchor", anchor)
        attribute("fill", fill)
        append(" font-size=\"")
        append(integer: size)
        append("\"")
        if weight != 400 {
            append(" font-weight=\"")
            append(integer: weight)
            append("\"")
        }
        if let className { attribute("class", className) }
        append(">")
        append(escaped: content)
        append("</text>")
    }

    /// A straight line, dashed when `dash` is given, of a class when `className` is.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: StaticString, dash: StaticString? = nil,
                       className: StaticString? = nil) {
        append("<line")
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        attribute("stroke", stroke)
        attribute("stroke-width", width)
        if let dash { attribute("stroke-dasharray", dash) }
        if let className { attribute("class", className) }
        append("/>")
    }

    /// A group whose elements inherit its presentation attributes: what a chart's many marks, guides or
    /// labels share is written once, on the group, not on each.
    mutating func openGroup(className: StaticString? = nil, fill: String? = nil, stroke: String? = nil, strokeWidth: StaticString? = nil,
                            fontSize: Int? = nil, anchor: StaticString? = nil) {
        append("<g")
        if let className { attribute("class", className) }
        if let fill { attribute("fill", fill) }
        if let stroke { attribute("stroke", stroke) }
        if let strokeWidth { attribute("stroke-width", strokeWidth) }
        if let fontSize {
            append(" font-size=\"")
            append(integer: fontSize)
            append("\"")
        }
        if let anchor { attribute("text-anchor", anchor) }
        append(">")
    }

    mutating func closeGroup() { append("</g>") }

    /// A line drawn as the group around it says (`openGroup`'s stroke and width).
    mutating func guide(x1: Double, y1: Double, x2: Double, y2: Double) {
        append("<line")
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        append("/>")
    }

    /// A text written as the group around it says (`openGroup`'s colour, size and anchor), its content escaped.
    mutating func label(_ content: String, x: Double, y: Double) {
        append("<text")
        attribute("x", x)
        attribute("y", y)
        append(">")
        append(escaped: content)
        append("</text>")
    }

    /// A circle of radius 4.5, its colours the group's unless `fill` is given.
    mutating func dot(x: Double, y: Double, fill: String? = nil) {
        append("<circle")
        attribute("cx", x)
        attribute("cy", y)
        append(" r=\"4.5\"")
        if let fill { attribute("fill", fill) }
        append("/>")
    }

    /// A line through `points`, in order, 2 wide with round joins, dashed when `dash` is given.
    mutating func path(through points: some Sequence<(x: Double, y: Double)>, stroke: String, dash: StaticString? = nil,
                       className: StaticString) {
        append("<path d=\"M ")
        for (index, point) in points.enumerated() {
            if index > 0 { append(" L ") }
            append(number: point.x)
            append(" ")
            append(number: point.y)
        }
        append("\" fill=\"none\"")
        attribute("stroke", stroke)
        append(" stroke-width=\"2\" stroke-linejoin=\"round\"")
        if let dash { attribute("stroke-dasharray", dash) }
        attribute("class", className)
        append("/>")
    }
}
