import Foundation
import ParcoursClinical

/// Counts per month over a period, drawn by the server as SVG: a column per month, its series
/// stacked (the program's stage transitions by direction, its relapses by kind). Every month
/// of the period has its column, a quiet month included.
///
/// Pure: the same months, series and words give the same markup, every text escaped. The
/// series are told apart by calm colours of the one palette and named in a legend; a relapse
/// is counted in the same tones as any other change — part of the path, never an alarm.
struct MonthlyChart: Sendable, Equatable {
    /// One stacked series: a count for each month of the chart, in order.
    struct Series: Sendable, Equatable {
        var name: String
        var counts: [Int]
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

    /// The months shown, `YYYY-MM`, in order.
    let months: [String]
    let series: [Series]
    var width = 760.0

    /// The series' colours, in order: calm, none of them a failure colour, each distinct from the paper (3:1 at least).
    static let colours = [ChartMarkup.Palette.accent, ChartMarkup.Palette.second, ChartMarkup.Palette.muted, ChartMarkup.Palette.ink]
    static let left = 48.0
    static let plotTop = 34.0
    static let plotHeight = 160.0

    /// Every month (`YYYY-MM`) from the one of `from` to the one of `to` (days `YYYY-MM-DD`);
    /// none when either is not a day or `to` comes first.
    static func months(from: String, to: String) -> [String] {
        guard Day(from) != nil, Day(to) != nil, from <= to else { return [] }
        func parts(_ day: String) -> (Int, Int) {
            let fields = day.split(separator: "-").map { Int($0) ?? 0 }
            return (fields[0], fields[1])
        }
        var (year, month) = parts(from)
        let last = parts(to)
        var months: [String] = []
        while (year, month) <= last {
            months.append(String(format: "%04d-%02d", year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }

    init(months: [String], series: [Series], width: Double = 760) {
        (self.months, self.series, self.width) = (months, series, width)
    }

    /// A month's total over the series.
    func total(_ index: Int) -> Int { series.reduce(0) { $0 + (index < $1.counts.count ? max($1.counts[index], 0) : 0) } }

    /// The SVG markup; `id` makes its title and description's ids unique in the page.
    func svg(_ words: Words, id: String) -> Markup {
        typealias Palette = ChartMarkup.Palette
        let right = width - 16, bottom = Self.plotTop + Self.plotHeight, height = bottom + 28
        let largest = max(months.indices.map(total).max() ?? 0, 1)
        func y(_ value: Int) -> Double { bottom - Self.plotHeight * Double(value) / Double(largest) }
        var svg = SVGWriter(capacity: 2_500 + 300 * months.count * max(series.count, 1))
        svg.open(id: id, width: width, height: height, className: "monthly-chart", title: words.title, description: words.description)
        // The legend: each series' colour and its name.
        var legendX = Self.left
        for (index, named) in series.enumerated() {
            svg.append("<rect")
            svg.attribute("x", legendX)
            svg.append(" y=\"6\" width=\"12\" height=\"12\"")
            svg.attribute("fill", Self.colours[index % Self.colours.count])
            svg.append(" class=\"legend-mark\"/>")
            svg.text(named.name, x: legendX + 18, y: 16, className: "legend")
            legendX += 36 + Double(named.name.count) * 6.5
        }
        // The scale: 0, the middle and the largest month, whole numbers.
        for value in Set([0, largest / 2, largest]).sorted() {
            svg.line(x1: Self.left, y1: y(value), x2: right, y2: y(value), stroke: value == 0 ? Palette.muted : Palette.guide,
                     width: value == 0 ? "1" : "0.5")
            svg.text(String(value), x: Self.left - 8, y: y(value) + 4, anchor: "end", fill: Palette.muted, size: 11)
        }
        let slot = (right - Self.left) / Double(max(months.count, 1))
        let every = max(1, Int((Double(months.count) / 12).rounded(.up)))
        for (index, month) in months.enumerated() {
            let x = Self.left + slot * Double(index), barWidth = max(slot * 0.7, 1)
            var base = 0
            for (rank, named) in series.enumerated() {
                let count = index < named.counts.count ? max(named.counts[index], 0) : 0
                guard count > 0 else { continue }
                svg.append("<rect")
                svg.attribute("x", x + (slot - barWidth) / 2)
                svg.attribute("y", y(base + count))
                svg.attribute("width", barWidth)
                svg.attribute("height", y(base) - y(base + count))
                svg.attribute("fill", Self.colours[rank % Self.colours.count])
                svg.attribute("stroke", Palette.paper)
                svg.append(" stroke-width=\"1\" class=\"bar\"><title>")
                svg.append(escaped: month)
                svg.append(" — ")
                svg.append(escaped: named.name)
                svg.append(escaped: words.colon)
                svg.append(integer: count)
                svg.append("</title></rect>")
                base += count
            }
            if index % every == 0 {
                svg.text(month, x: x + slot / 2, y: bottom + 16, anchor: "middle", fill: Palette.muted, size: 10, className: "tick")
            }
        }
        if months.indices.allSatisfy({ total($0) == 0 }) {
            svg.text(words.empty, x: (Self.left + right) / 2, y: Self.plotTop + Self.plotHeight / 2, anchor: "middle", fill: Palette.muted,
                     className: "empty")
        }
        return svg.close()
    }
}
