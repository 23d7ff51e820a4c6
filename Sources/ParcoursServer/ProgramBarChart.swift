/// Counts by category as horizontal bars, drawn by the server as SVG: the program picture's
/// people by wheel stage and by engagement step, and its referrals by outcome. Every category
/// keeps its row, a count of 0 included, so two periods read alike.
///
/// Pure: the same bars and words give the same markup, every text escaped. One calm colour
/// for every bar: no category is an alarm, a relapse stage no more than any other.
struct ProgramBarChart: Sendable, Equatable {
    struct Bar: Sendable, Equatable {
        var label: String
        var count: Int
    }

    /// The chart's words, in the reader's language.
    struct Words: Sendable {
        var title: String
        var description: String
        /// Said in the chart when every count is 0.
        var empty: String
        /// A colon between a label and its value, spaced as the reader's language spaces it (`Catalogue.colon`).
        var colon: String
    }

    let bars: [Bar]
    var width = 760.0

    static let labelWidth = 240.0
    static let rowHeight = 26.0

    /// The largest count, at least 1 so the scale has a width.
    var largest: Int { max(bars.map(\.count).max() ?? 0, 1) }

    /// The SVG markup; `id` makes its title and description's ids unique in the page.
    func svg(_ words: Words, id: String) -> Markup {
        typealias Palette = ChartMarkup.Palette
        let top = 8.0, right = width - 48
        let height = top + Double(max(bars.count, 1)) * Self.rowHeight + 12
        var svg = SVGWriter(capacity: 1_500 + 500 * bars.count)
        svg.open(id: id, width: width, height: height, className: "bar-chart", title: words.title, description: words.description)
        svg.line(x1: Self.labelWidth, y1: top, x2: Self.labelWidth, y2: height - 12, stroke: Palette.muted, width: "1")
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * Self.rowHeight
            let length = (right - Self.labelWidth) * Double(max(bar.count, 0)) / Double(largest)
            svg.text(bar.label, x: Self.labelWidth - 8, y: y + Self.rowHeight / 2 + 4, anchor: "end", fill: Palette.ink, size: 12)
            if bar.count > 0 {
                svg.append("<rect")
                svg.attribute("x", Self.labelWidth)
                svg.attribute("y", y + 4)
                svg.attribute("width", length)
                svg.attribute("height", Self.rowHeight - 8)
                svg.append(" rx=\"2\"")
                svg.attribute("fill", Palette.accent)
                svg.append(" class=\"bar\"><title>")
                svg.append(escaped: bar.label)
                svg.append(escaped: words.colon)
                svg.append(integer: bar.count)
                svg.append("</title></rect>")
            }
            svg.text(String(bar.count), x: Self.labelWidth + length + 6, y: y + Self.rowHeight / 2 + 4, fill: Palette.muted, size: 12,
                     className: "count")
        }
        if bars.allSatisfy({ $0.count == 0 }) {
            svg.text(words.empty, x: (Self.labelWidth + right) / 2, y: top + Self.rowHeight * Double(max(bars.count, 1)) / 2 + 4, anchor: "middle",
                     fill: Palette.muted, className: "empty")
        }
        return svg.close()
    }
}
