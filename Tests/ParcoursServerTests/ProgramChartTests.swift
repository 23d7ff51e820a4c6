import Foundation
import Testing
@testable import ParcoursServer

/// The program's charts as markup: only the calm palette (a relapse counted in the same tones
/// as anything else), every text escaped, a chart with nothing to count saying so in words,
/// every month of a period given its column. Synthetic data only.
@Suite("The program's charts")
struct ProgramChartTests {
    static let words = ProgramBarChart.Words(title: "Personnes par stade <roue>", description: "Une barre par stade & ses nombres",
                                             empty: "Aucun suivi ouvert", colon: " : ")
    static let monthlyWords = MonthlyChart.Words(title: "Chutes par mois", description: "Une colonne par mois", empty: "Aucune chute dans la période", colon: " : ")
    static let alarms = ["red", "#f00", "#ff0000", "#c00", "#8a1c1c", "crimson", "#d32f2f", "échec", "failure"]

    static func colours(_ svg: String) -> Set<String> {
        Set(PathChartTests.values(of: "fill", in: svg) + PathChartTests.values(of: "stroke", in: svg))
    }

    @Test("bars by category: one per category, the longest for the largest count, only palette colours, every label escaped")
    func bars() throws {
        let chart = ProgramBarChart(bars: [.init(label: "contemplation", count: 2), .init(label: "rechute <chute> & \"retour\"", count: 4),
                                           .init(label: "maintien", count: 0)])
        let svg = chart.svg(Self.words, id: "chart-stages").text
        #expect(PathChartTests.isWellFormedXML(svg))
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"chart-stages-title\">Personnes par stade &lt;roue&gt;</title>"))
        #expect(svg.contains("<desc id=\"chart-stages-desc\">Une barre par stade &amp; ses nombres</desc>"))
        #expect(svg.contains(">rechute &lt;chute&gt; &amp; &quot;retour&quot;</text>") && !svg.contains("<chute>"))
        let bars = PathChartTests.elements("bar", in: svg)
        #expect(bars.count == 2, "a count of 0 keeps its row and its number, without a bar")
        let widths = bars.map { Double(PathChartTests.values(of: "width", in: "<" + $0)[0])! }
        #expect(widths[1] == 2 * widths[0])
        #expect(PathChartTests.elements("count", in: svg).count == 3 && !svg.contains("Aucun suivi ouvert"))
        #expect(Self.colours(svg).isSubset(of: ChartMarkup.Palette.all), "\(Self.colours(svg).subtracting(ChartMarkup.Palette.all))")
        for alarm in Self.alarms { #expect(!svg.lowercased().contains(alarm), "\(alarm)") }
    }

    @Test("bars with nothing to count say so in words, with no bar")
    func emptyBars() {
        let svg = ProgramBarChart(bars: [.init(label: "contemplation", count: 0)]).svg(Self.words, id: "chart-stages").text
        #expect(PathChartTests.isWellFormedXML(svg))
        #expect(svg.contains("class=\"empty\">Aucun suivi ouvert</text>") && PathChartTests.elements("bar", in: svg).isEmpty)
        let none = ProgramBarChart(bars: []).svg(Self.words, id: "chart-none").text
        #expect(PathChartTests.isWellFormedXML(none) && none.contains(">Aucun suivi ouvert</text>"))
    }

    @Test("every month of the period has its column, from the first day's month to the last's, across a year's end")
    func months() {
        #expect(MonthlyChart.months(from: "2025-11-15", to: "2026-02-01") == ["2025-11", "2025-12", "2026-01", "2026-02"])
        #expect(MonthlyChart.months(from: "2026-03-01", to: "2026-03-31") == ["2026-03"])
        #expect(MonthlyChart.months(from: "2026-03-01", to: "2026-02-01").isEmpty && MonthlyChart.months(from: "2026-13-01", to: "2026-12-01").isEmpty)
        #expect(MonthlyChart.months(from: "2025-12-01", to: "2026-12-01").count == 13)
    }

    @Test("per month: the series stacked in calm palette colours with a legend, relapses no differently; every text escaped")
    func monthly() throws {
        let chart = MonthlyChart(months: ["2026-01", "2026-02", "2026-03"],
                                 series: [.init(name: "momentanées", counts: [1, 0, 2]), .init(name: "prolongées <longues>", counts: [1, 0, 0])])
        let svg = chart.svg(Self.monthlyWords, id: "chart-relapses").text
        #expect(PathChartTests.isWellFormedXML(svg))
        #expect(svg.contains("aria-labelledby=\"chart-relapses-title chart-relapses-desc\"") && svg.contains(">Chutes par mois</title>"))
        #expect(svg.contains(">prolongées &lt;longues&gt;</text>") && !svg.contains("<longues>"))
        #expect(PathChartTests.elements("bar", in: svg).count == 3, "a part per non-zero count")
        #expect(PathChartTests.elements("legend-mark", in: svg).count == 2 && PathChartTests.elements("tick", in: svg).count == 3)
        #expect(svg.contains("<title>2026-01 — prolongées &lt;longues&gt; : 1</title>"))
        #expect(chart.total(0) == 2 && chart.total(1) == 0 && chart.total(2) == 2)
        // January's two parts reach the same height as March's single one.
        let tops = PathChartTests.elements("bar", in: svg).map { Double(PathChartTests.values(of: "y", in: "<" + $0)[0])! }
        #expect(tops.count == 3 && tops[1] == tops[2])
        #expect(Self.colours(svg).isSubset(of: ChartMarkup.Palette.all), "\(Self.colours(svg).subtracting(ChartMarkup.Palette.all))")
        for alarm in Self.alarms { #expect(!svg.lowercased().contains(alarm), "\(alarm)") }
        #expect(!svg.contains("Aucune chute"))
    }

    @Test("per month with nothing to count says so in words; many months are labelled one in a few")
    func emptyMonthly() {
        let months = MonthlyChart.months(from: "2024-01-01", to: "2026-12-31")
        let chart = MonthlyChart(months: months, series: [.init(name: "momentanées", counts: months.map { _ in 0 })])
        let svg = chart.svg(Self.monthlyWords, id: "chart-relapses").text
        #expect(PathChartTests.isWellFormedXML(svg))
        #expect(svg.contains("class=\"empty\">Aucune chute dans la période</text>") && PathChartTests.elements("bar", in: svg).isEmpty)
        #expect(PathChartTests.elements("tick", in: svg).count == 12, "36 months, one label in three")
    }
}
