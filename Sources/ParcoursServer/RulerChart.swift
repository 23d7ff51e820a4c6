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

    func svg(_ words: Words, id: String) -> String {
        typealias Markup = ChartMarkup
        let bottom = Self.plotTop + 10 * Self.unit, height = bottom + 32
        func y(_ value: Int) -> Double { Self.plotTop + Double(10 - min(max(value, 0), 10)) * Self.unit }
        var svg = Markup.open(id: id, width: width, height: height, className: "ruler-chart", title: words.title, description: words.description)
        svg.reserveCapacity(2_500 + 700 * readings.count)
        // The legend: each line's colour, dash and mark, and its name.
        let lines: [(name: String, colour: String, dash: String?, value: (Reading) -> Int, square: Bool)] = [
            (words.importance, Markup.Palette.accent, nil, \.importance, false),
            (words.confidence, Markup.Palette.second, "6 4", \.confidence, true),
        ]
        var legendX = axis.left
        for line in lines {
            svg += "<line x1=\"\(Markup.number(legendX))\" y1=\"12\" x2=\"\(Markup.number(legendX + 24))\" y2=\"12\" stroke=\"\(line.colour)\" "
                + "stroke-width=\"2\"\(line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
            svg += Self.mark(x: legendX + 12, y: 12, colour: line.colour, square: line.square, title: nil, className: "legend-mark")
            svg += Markup.text(line.name, x: legendX + 30, y: 16, className: "legend")
            legendX += 46 + Double(line.name.count) * 6.5
        }
        for value in [0, 5, 10] {
            svg += "<line x1=\"\(Markup.number(axis.left))\" y1=\"\(Markup.number(y(value)))\" x2=\"\(Markup.number(axis.right))\" "
                + "y2=\"\(Markup.number(y(value)))\" stroke=\"\(Markup.Palette.guide)\" stroke-width=\"0.5\"/>"
            svg += Markup.text("\(value)", x: axis.left - 8, y: y(value) + 4, anchor: "end", fill: Markup.Palette.muted, size: 11)
        }
        if readings.isEmpty {
            svg += Markup.text(words.empty, x: (axis.left + axis.right) / 2, y: y(5) - 6, anchor: "middle", fill: Markup.Palette.muted,
                               className: "empty")
        }
        for line in lines where !readings.isEmpty {
            let points = readings.map { "\(Markup.number(axis.x($0.on))) \(Markup.number(y(line.value($0))))" }
            svg += "<path d=\"M \(points.joined(separator: " L "))\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\" "
                + "stroke-linejoin=\"round\"\(line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") class=\"ruler\"/>"
            for reading in readings {
                svg += Self.mark(x: axis.x(reading.on), y: y(line.value(reading)), colour: line.colour, square: line.square,
                                 title: "\(reading.on) — \(line.name) \(line.value(reading))/10")
            }
        }
        svg += PathChart.axisMarkup(axis, y: bottom + 8)
        return svg + "</svg>"
    }

    /// A reading's mark: a circle for importance, a square for confidence.
    static func mark(x: Double, y: Double, colour: String, square: Bool, title: String?, className: String = "reading") -> String {
        typealias Markup = ChartMarkup
        let title = title.map { "<title>\(Markup.escape($0))</title>" } ?? ""
        if square {
            return "<rect x=\"\(Markup.number(x - 4))\" y=\"\(Markup.number(y - 4))\" width=\"8\" height=\"8\" fill=\"\(colour)\" "
                + "stroke=\"\(Markup.Palette.paper)\" stroke-width=\"1\" class=\"\(className)\">\(title)</rect>"
        }
        return "<circle cx=\"\(Markup.number(x))\" cy=\"\(Markup.number(y))\" r=\"4.5\" fill=\"\(colour)\" stroke=\"\(Markup.Palette.paper)\" "
            + "stroke-width=\"1.5\" class=\"\(className)\">\(title)</circle>"
    }
}
