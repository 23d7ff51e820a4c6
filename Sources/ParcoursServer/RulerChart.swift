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
        /// A semicolon between a reading's two values, spaced as the reader's language spaces it (`Catalogue.semicolon`).
        var semicolon: String
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
        var svg = SVGWriter(capacity: 2_000 + 250 * readings.count)
        svg.open(id: id, width: width, height: height, className: "ruler-chart", title: words.title, description: words.description)
        // The legend: each line's colour, dash and mark, and its name.
        let lines: [(name: String, colour: String, dash: StaticString?, value: (Reading) -> Int, square: Bool)] = [
            (words.importance, Palette.accent, nil, \.importance, false),
            (words.confidence, Palette.second, "6 4", \.confidence, true),
        ]
        var legendX = axis.left
        for line in lines {
            svg.line(x1: legendX, y1: 12, x2: legendX + 24, y2: 12, stroke: line.colour, width: "2", dash: line.dash)
            Self.mark(x: legendX + 12, y: 12, colour: line.colour, square: line.square, into: &svg)
            svg.text(line.name, x: legendX + 30, y: 16, className: "legend")
            legendX += 46 + Double(line.name.count) * 6.5
        }
        svg.openGroup(stroke: Palette.guide, strokeWidth: "0.5")
        for value in [0, 5, 10] { svg.guide(x1: axis.left, y1: y(value), x2: axis.right, y2: y(value)) }
        svg.closeGroup()
        svg.openGroup(fill: Palette.muted, fontSize: 11, anchor: "end")
        for value in [0, 5, 10] { svg.label(String(value), x: axis.left - 8, y: y(value) + 4) }
        svg.closeGroup()
        if readings.isEmpty {
            svg.text(words.empty, x: (axis.left + axis.right) / 2, y: y(5) - 6, anchor: "middle", fill: Palette.muted, className: "empty")
        }
        for line in lines where !readings.isEmpty {
            svg.path(through: readings.lazy.map { (x: axis.x($0.on), y: y(line.value($0))) }, stroke: line.colour, dash: line.dash, className: "ruler")
        }
        // Each reading a group over both lines: its day and two values, titled once, a circle for importance and a square for confidence.
        if !readings.isEmpty {
            svg.openGroup(className: "readings", stroke: Palette.paper, strokeWidth: "1.5")
            for reading in readings {
                let x = axis.x(reading.on)
                svg.append("<g class=\"reading\"><title>")
                svg.append(escaped: reading.on)
                svg.append(" — ")
                for (index, line) in lines.enumerated() {
                    if index > 0 { svg.append(escaped: words.semicolon) }
                    svg.append(escaped: line.name)
                    svg.append(" ")
                    svg.append(integer: line.value(reading))
                    svg.append("/10")
                }
                svg.append("</title>")
                svg.dot(x: x, y: y(reading.importance), fill: Palette.accent)
                svg.append("<rect")
                svg.attribute("x", x - 4)
                svg.attribute("y", y(reading.confidence) - 4)
                svg.append(" width=\"8\" height=\"8\"")
                svg.attribute("fill", Palette.second)
                svg.append(" stroke-width=\"1\"/>")
                svg.closeGroup()
            }
            svg.closeGroup()
        }
        PathChart.axisMarkup(axis, y: bottom + 8, into: &svg)
        return svg.close()
    }

    /// A line's mark in a legend: a circle for importance, a square for confidence.
    static func mark(x: Double, y: Double, colour: String, square: Bool, className: StaticString = "legend-mark", into svg: inout SVGWriter) {
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
        svg.append("/>")
    }
}
