import ParcoursProjections

/// The importance and confidence rulers (0–10) over time, from each stage assessment, drawn
/// by the server as SVG on the same time axis as the path: two calm lines told apart by their
/// dashes and their marks as well as their colour, every text escaped.
struct RulerChart: Sendable, Equatable {
    struct Reading: Sendable, Equatable {
        var on: String
        var importance: Int
        var confidence: Int
    }

    /// The chart's words, in the reader's language.
    struct Words: Sendable {
        var title: String
        var description: String
        var importance: String
        var confidence: String
        var empty: String
    }

    var axis: ChartTimeAxis
    var readings: [Reading]
    var width = 760.0

    static let plotTop = 34.0
    static let unit = 14.0

    /// The rulers of a journey, on the path chart's axis.
    init(_ journey: Journey, axis: ChartTimeAxis) {
        self.init(axis: axis, readings: journey.assessments.map { Reading(on: $0.on, importance: $0.importance, confidence: $0.confidence) })
    }

    init(axis: ChartTimeAxis, readings: [Reading], width: Double = 760) {
        (self.axis, self.width) = (axis, width)
        self.readings = readings.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
    }

    /// The SVG markup; `id` makes its title and description's ids unique in the page.
    func svg(_ words: Words, id: String) -> Markup {
        typealias Palette = ChartMarkup.Palette
        let bottom = Self.plotTop + 10 * Self.unit, height = bottom + 32
        func y(_ value: Int) -> Double { Self.plotTop + Double(10 - min(max(value, 0), 10)) * Self.unit }
        var svg = SVGWriter(capacity: 2_000 + 400 * readings.count)
        svg.open(id: id, width: width, height: height, className: "ruler-chart", title: words.title, description: words.description)
        // The legend: each line's colour, dash and mark, and its name.
        let lines: [(name: String, colour: String, dash: StaticString?, value: (Reading) -> Int, square: Bool)] = [
            (words.importance, Palette.accent, nil, \.importance, false),
            (words.confidence, Palette.second, "6 4", \.confidence, true),
        ]
        var legendX = axis.left
        for line in lines {
            svg.line(x1: legendX, y1: 12, x2: legendX + 24, y2: 12, stroke: line.colour, width: "2", dash: line.dash)
            Self.mark(x: legendX + 12, y: 12, colour: line.colour, square: line.square, title: nil, className: "legend-mark", into: &svg)
            svg.text(line.name, x: legendX + 30, y: 16, className: "legend")
            legendX += 46 + Double(line.name.count) * 6.5
        }
        for value in [0, 5, 10] {
            svg.line(x1: axis.left, y1: y(value), x2: axis.right, y2: y(value), stroke: Palette.guide, width: "0.5")
            svg.text(String(value), x: axis.left - 8, y: y(value) + 4, anchor: "end", fill: Palette.muted, size: 11)
        }
        if readings.isEmpty {
            svg.text(words.empty, x: (axis.left + axis.right) / 2, y: y(5) - 6, anchor: "middle", fill: Palette.muted, className: "empty")
        }
        for line in lines where !readings.isEmpty {
            svg.path(through: readings.lazy.map { (x: axis.x($0.on), y: y(line.value($0))) }, stroke: line.colour, dash: line.dash, className: "ruler")
            for reading in readings {
                Self.mark(x: axis.x(reading.on), y: y(line.value(reading)), colour: line.colour, square: line.square,
                          title: (reading.on, line.name, line.value(reading)), into: &svg)
            }
        }
        PathChart.axisMarkup(axis, y: bottom + 8, into: &svg)
        return svg.close()
    }

    /// A reading's mark: a circle for importance, a square for confidence, titled `day — line value/10`
    /// (no title in the legend).
    static func mark(x: Double, y: Double, colour: String, square: Bool, title: (on: String, line: String, value: Int)?,
                     className: StaticString = "reading", into svg: inout SVGWriter) {
        if square {
            svg.append("<rect")
            svg.attribute("x", x - 4)
            svg.attribute("y", y - 4)
            svg.append(" width=\"8\" height=\"8\"")
        } else {
            svg.append("<circle")
            svg.attribute("cx", x)
            svg.attribute("cy", y)
            svg.append(" r=\"4.5\"")
        }
        svg.attribute("fill", colour)
        svg.attribute("stroke", ChartMarkup.Palette.paper)
        svg.attribute("stroke-width", square ? "1" as StaticString : "1.5")
        svg.attribute("class", className)
        svg.append(">")
        if let title {
            svg.append("<title>")
            svg.append(escaped: title.on)
            svg.append(" — ")
            svg.append(escaped: title.line)
            svg.append(" ")
            svg.append(integer: title.value)
            svg.append("/10</title>")
        }
        svg.append(square ? "</rect>" : "</circle>")
    }
}
