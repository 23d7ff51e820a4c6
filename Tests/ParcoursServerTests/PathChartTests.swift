import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParcoursClinical
import Testing
@testable import ParcoursServer

/// The journey's charts as markup: a relapse drawn as part of the path, in the palette of
/// every stage; every text escaped; the axis from the first day to today; an empty journey
/// drawn without a path. Synthetic data only.
@Suite("The path and rulers charts")
struct PathChartTests {
    static let words = PathChart.Words(
        title: "Le parcours", description: "Deux pistes", wheelTrack: "Roue du changement", engagementTrack: "Cycle de l'engagement",
        relapse: "chute", empty: "Aucune évaluation", silence: "sans évaluation de l'étape",
        stages: Dictionary(uniqueKeysWithValues: WheelStage.allCases.map { ($0, $0.frenchLabel) }),
        steps: Dictionary(uniqueKeysWithValues: EngagementStep.allCases.map { ($0, $0.frenchLabel) }), colon: " : ", semicolon: " ; ")
    static let rulerWords = RulerChart.Words(title: "Règles", description: "Deux lignes", importance: "Importance", confidence: "Confiance",
                                             empty: "Aucune évaluation", semicolon: " ; ")

    /// Maintenance, then a relapse (a stage, and a period recorded as such), then contemplation.
    static let withRelapse = PathChart(
        start: "2026-01-05", today: "2026-06-30",
        assessments: [.init(on: "2026-01-12", step: .cessationOfActivities, stage: .maintenance),
                      .init(on: "2026-03-10", step: .resumptionOfActivities, stage: .relapse),
                      .init(on: "2026-04-02", step: .crisis, stage: .contemplation)],
        episodes: [.init(stage: .maintenance, from: "2026-01-12", to: "2026-03-10"), .init(stage: .relapse, from: "2026-03-10", to: "2026-04-02"),
                   .init(stage: .contemplation, from: "2026-04-02", to: nil)],
        relapses: [.init(startedOn: "2026-03-08", endedOn: "2026-03-20", prolonged: true)])

    /// Every value of an attribute in the markup.
    static func values(of attribute: String, in svg: String) -> [String] {
        svg.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The elements of a class, each as its opening tag.
    static func elements(_ className: String, in svg: String) -> [String] {
        svg.components(separatedBy: "<").filter { $0.contains("class=\"\(className)\"") }
    }

    static func isWellFormedXML(_ svg: String) -> Bool { XMLParser(data: Data(svg.utf8)).parse() }

    @Test("a relapse is drawn as a period of the path, in the band colour of every stage: no red, no alarm, only the calm palette")
    func relapseInTheSamePalette() throws {
        let svg = Self.withRelapse.svg(Self.words, id: "chart-path").text
        #expect(Self.isWellFormedXML(svg))
        let relapses = Self.elements("relapse", in: svg), episodes = Self.elements("episode", in: svg)
        #expect(relapses.count == 1 && episodes.count == 3 + 3, "three wheel episodes and three step runs")
        let relapseFill = try #require(Self.values(of: "fill", in: "<" + relapses[0]).first)
        #expect(episodes.allSatisfy { Self.values(of: "fill", in: "<" + $0).first == relapseFill }, "the relapse has the stages' own colour")
        let colours = Set(Self.values(of: "fill", in: svg) + Self.values(of: "stroke", in: svg))
        #expect(colours.isSubset(of: ChartMarkup.Palette.all), "only the palette: \(colours.subtracting(ChartMarkup.Palette.all))")
        for alarm in ["red", "#f00", "#ff0000", "#c00", "#8a1c1c", "crimson", "#d32f2f", "alert", "échec", "failure"] {
            #expect(!svg.lowercased().contains(alarm), "\(alarm) in the chart")
        }
        #expect(svg.contains(">chute</text>") && svg.contains("<title>chute : 2026-03-08 – 2026-03-20</title>"))
        // The wheel's rows follow its turning: from maintenance, a relapse is the next row, not a fall to the bottom.
        // Each assessment's group holds its point on the wheel's track, then on the engagement cycle's.
        let points = svg.components(separatedBy: "<circle").dropFirst().map { Double(Self.values(of: "cy", in: $0)[0])! }
        #expect(points.count == 2 * Self.withRelapse.assessments.count && Self.elements("assessment", in: svg).count == Self.withRelapse.assessments.count)
        let maintenance = points[0], relapse = points[2]
        #expect(relapse - maintenance == PathChart.rowHeight)
    }

    @Test("every text in the charts is escaped: a label cannot open markup")
    func textsEscaped() {
        var words = Self.words
        words.title = "<script>alert('x')</script> & \"guillemets\""
        words.stages[.relapse] = "chute <b>"
        words.relapse = "chute & reprise"
        let svg = Self.withRelapse.svg(words, id: "x\"><script>").text
        #expect(!svg.contains("<script>") && !svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;guillemets&quot;"))
        #expect(svg.contains("chute &lt;b&gt;") && svg.contains("chute &amp; reprise"))
        #expect(Self.isWellFormedXML(svg))
        var rulerWords = Self.rulerWords
        rulerWords.importance = "Importance <i>"
        let rulers = RulerChart(axis: Self.withRelapse.axis, readings: [.init(on: "2026-01-12", importance: 7, confidence: 3)]).svg(rulerWords, id: "r").text
        #expect(!rulers.contains("<i>") && rulers.contains("Importance &lt;i&gt;") && Self.isWellFormedXML(rulers))
    }

    @Test("the time axis runs from the first day (admission) to today, and both charts share it")
    func axisFromFirstToToday() {
        let svg = Self.withRelapse.svg(Self.words, id: "chart-path").text
        let ticks = svg.components(separatedBy: "class=\"tick\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ticks.first == "2026-01-05" && ticks.last == "2026-06-30", "\(ticks)")
        #expect(ticks == ticks.sorted() && ticks.count >= 3)
        let axis = Self.withRelapse.axis
        #expect(axis.x("2026-01-05") == PathChart.labelWidth && axis.x("2026-06-30") == axis.right)
        let rulers = RulerChart(axis: axis, readings: [.init(on: "2026-01-12", importance: 10, confidence: 0)]).svg(Self.rulerWords, id: "r").text
        let rulerTicks = rulers.components(separatedBy: "class=\"tick\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(rulerTicks == ticks)
        // 10 at the top of the plot, 0 at its bottom.
        #expect(Self.elements("reading", in: rulers).count == 1)
        let reading = rulers.components(separatedBy: "<g class=\"reading\">")[1]
        #expect(reading.hasPrefix("<title>2026-01-12 — Importance 10/10 ; Confiance 0/10</title>"), "one title for both values")
        #expect(Double(Self.values(of: "cy", in: reading)[0]) == RulerChart.plotTop, "importance 10 at the top")
        #expect(Double(Self.values(of: "y", in: reading)[0]) == RulerChart.plotTop + 10 * RulerChart.unit - 4, "confidence 0 at the bottom")
    }

    @Test("a participant gone silent: a path of weeks, two years ago, keeps the chart's width; the silence is drawn narrow behind a break in the axis, and said")
    func longSilenceDrawnNarrow() {
        let old = PathChart(
            start: "2024-03-01", today: "2026-12-04",
            assessments: [.init(on: "2024-03-05", step: .crisis, stage: .precontemplation),
                          .init(on: "2024-04-20", step: .reflectionAndDilemma, stage: .contemplation)],
            episodes: [.init(stage: .precontemplation, from: "2024-03-05", to: "2024-04-20"), .init(stage: .contemplation, from: "2024-04-20", to: nil)],
            relapses: [])
        let axis = old.axis
        #expect(axis.silence?.from == "2024-04-20" && axis.silence?.left == axis.right - ChartTimeAxis.silenceWidth)
        #expect(axis.x("2024-03-01") == axis.left && axis.x("2024-04-20") == axis.right - ChartTimeAxis.silenceWidth && axis.x("2026-12-04") == axis.right)
        #expect(axis.x("2024-03-05") < axis.x("2024-04-01") && axis.x("2025-06-01") > axis.x("2024-04-20") && axis.x("2025-06-01") < axis.right,
                "in order on both sides of the break")
        let svg = old.svg(Self.words, id: "chart-path").text
        #expect(Self.isWellFormedXML(svg))
        let ticks = svg.components(separatedBy: "class=\"tick\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ticks.first == "2024-03-01" && ticks.suffix(2) == ["2024-04-20", "2026-12-04"] && ticks == ticks.sorted(), "\(ticks)")
        #expect(Self.elements("axis-break", in: svg).count == 2 && svg.contains("stroke-dasharray=\"3 3\""))
        #expect(svg.contains("class=\"silence\"><title>sans évaluation de l&#39;étape : 2024-04-20 – 2026-12-04</title>"))
        #expect(svg.contains(">sans évaluation de l&#39;étape</text>"))
        // The stage still open reaches today, across the silence.
        let bands = Self.elements("episode", in: svg).map { Double(Self.values(of: "x", in: "<" + $0)[0])! + Double(Self.values(of: "width", in: "<" + $0)[0])! }
        #expect(bands.contains(axis.right))
        let rulers = RulerChart(axis: axis, readings: [.init(on: "2024-04-20", importance: 5, confidence: 5)]).svg(Self.rulerWords, id: "r").text
        #expect(Self.elements("axis-break", in: rulers).count == 2, "the rulers share the break")
        for alarm in ["red", "#8a1c1c", "#f00"] { #expect(!svg.lowercased().contains(alarm)) }
    }

    @Test("a participant back after a long silence: the path before and after it keep the chart's width, the silence narrow between them, dated at both ends")
    func silenceInTheMiddle() {
        let back = PathChart(
            start: "2024-03-01", today: "2026-12-04",
            assessments: [.init(on: "2024-03-05", step: .crisis, stage: .precontemplation),
                          .init(on: "2024-04-20", step: .reflectionAndDilemma, stage: .contemplation),
                          .init(on: "2026-11-20", step: .reflectionAndDilemma, stage: .determination)],
            episodes: [.init(stage: .precontemplation, from: "2024-03-05", to: "2024-04-20"), .init(stage: .contemplation, from: "2024-04-20", to: "2026-11-20"),
                       .init(stage: .determination, from: "2026-11-20", to: nil)],
            relapses: [])
        let axis = back.axis
        let silence = try? #require(axis.silence)
        #expect(silence?.from == "2024-04-20" && silence?.to == "2026-11-20")
        #expect(silence.map { $0.right - $0.left } == ChartTimeAxis.silenceWidth && (silence?.right ?? 0) < axis.right)
        #expect(axis.x("2024-04-20") == silence?.left && axis.x("2026-11-20") == silence?.right && axis.x("2026-12-04") == axis.right)
        // 50 days before the silence and 14 after share the width but the silence's, in proportion.
        let plot = axis.right - axis.left - ChartTimeAxis.silenceWidth
        #expect(abs((silence?.left ?? 0) - axis.left - plot * 50 / 64) < 0.001)
        let svg = back.svg(Self.words, id: "chart-path").text
        #expect(Self.isWellFormedXML(svg) && svg.contains("<title>sans évaluation de l&#39;étape : 2024-04-20 – 2026-11-20</title>"))
        let ticks = svg.components(separatedBy: "class=\"tick\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ticks.contains("2024-04-20") && ticks.contains("2026-11-20") && ticks.last == "2026-12-04" && ticks == ticks.sorted(), "\(ticks)")
        let places = axis.ticks.map(\.x)
        #expect(zip(places, places.dropFirst()).allSatisfy { $1 - $0 >= ChartTimeAxis.tickRoom }, "every date has room: \(places)")
    }

    @Test("a silence shorter than the rest of the path or than 90 days, or a path with nothing assessed yet, keeps the axis whole")
    func shortSilenceKeepsTheAxisWhole() {
        #expect(Self.withRelapse.axis.silence == nil, "89 days of silence after 87 of path")
        let steady = PathChart(start: "2024-01-01", today: "2026-12-04",
                               assessments: ["2024-01-01", "2024-06-01", "2025-01-01", "2025-10-01"].map { .init(on: $0, step: .crisis, stage: .contemplation) },
                               episodes: [], relapses: [])
        #expect(steady.axis.silence == nil, "14 months of silence after 21 of path")
        #expect(!steady.svg(Self.words, id: "p").text.contains("axis-break"))
        let admittedLongAgo = PathChart(start: "2024-01-01", today: "2026-12-04", assessments: [], episodes: [], relapses: [])
        #expect(admittedLongAgo.axis.silence == nil, "nothing assessed yet: nothing to keep wide")
        let oneDay = PathChart(start: "2024-01-01", today: "2026-12-04", assessments: [.init(on: "2024-01-01", step: .crisis, stage: .contemplation)],
                               episodes: [], relapses: [])
        #expect(oneDay.axis.silence == nil, "a path of one day: nothing to keep wide")
        let firstAssessedLate = PathChart(start: "2024-01-01", today: "2026-12-04",
                                          assessments: [.init(on: "2025-10-01", step: .crisis, stage: .contemplation)], episodes: [], relapses: [])
        #expect(firstAssessedLate.axis.silence?.from == "2024-01-01" && firstAssessedLate.axis.silence?.to == "2025-10-01",
                "21 months from admission to a first assessment, 14 since: the longer drawn narrow")
    }

    @Test("an empty journey draws its tracks and says there is no assessment yet, with no path and no number that is not one")
    func emptyJourney() {
        let empty = PathChart(start: "2026-12-01", today: "2026-12-01", assessments: [], episodes: [], relapses: [])
        let svg = empty.svg(Self.words, id: "chart-path").text
        #expect(svg.contains("Aucune évaluation") && svg.contains("role=\"img\"") && Self.isWellFormedXML(svg))
        #expect(Self.elements("path", in: svg).isEmpty && Self.elements("assessment", in: svg).isEmpty)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let ticks = svg.components(separatedBy: "class=\"tick\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(ticks == ["2026-12-01"])
        let rulers = RulerChart(axis: empty.axis, readings: []).svg(Self.rulerWords, id: "r").text
        #expect(rulers.contains("Aucune évaluation") && Self.elements("ruler", in: rulers).isEmpty && Self.isWellFormedXML(rulers))
    }

    @Test("the charts' writer writes every number and text as ChartMarkup.number, String(_:) and HTMLText.escape do")
    func writerAgreesWithTheReferences() {
        /// What a writer wrote, without the closing tag `close()` adds.
        func written(_ write: (inout SVGWriter) -> Void) -> String {
            var svg = SVGWriter(capacity: 64)
            write(&svg)
            return String(svg.close().text.dropLast("</svg>".count))
        }
        // Halves of a tenth either side of 0 (rounded away from it), -0, what is not a number, and a sweep of the usual places.
        var numbers: [Double] = [-0.04, -0.05, -0.06, 0.04, 0.05, 0.06, -0.0, 0, 1, -1, 12.25, -3.96, 0.95, -0.95, 9.95, 99.95, 744.45, 1e9, -1e9,
                                 1e15, -1e15, 123_456_789.05, .ulpOfOne, -.ulpOfOne, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .nan, -.nan, .infinity, -.infinity, .signalingNaN]
        numbers += (-4_000...4_000).map { Double($0) * 0.05 }
        numbers += (-2_000...2_000).map { Double($0) / 3 + 0.005 }
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = [1.0, 100, 10_000, 1e8, 1e12][Int(state >> 61) % 5]
            numbers.append((Double(state >> 11) / Double(1 << 53) * 2 - 1) * magnitude)
        }
        for value in numbers {
            #expect(written { $0.append(number: value) } == ChartMarkup.number(value), "\(value)")
        }
        for value in [0, 1, -1, 9, 10, 11, -10, 99, 100, 1_234_567, -7_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            #expect(written { $0.append(integer: value) } == String(value), "\(value)")
        }
        // The five characters anywhere in a text, alone, repeated and beside non-ASCII ones; every ASCII byte; texts with none.
        var texts = ["", "a", "chute", "Cycle de l'engagement", "<script>alert('x')</script> & \"q\"", "&amp;", "&&", "<<>>", "\"'\"'",
                     "x > y < z", "É", "Évaluation à venir", "e\u{301}", "ünïcödé ☃ 🙂 漢字 & 🙂<", "tab\tline\nreturn\r\n", "\u{0}", "—",
                     String(repeating: "abc<&>'\"É", count: 200), String(repeating: "Roue du changement ", count: 100)]
        texts += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["&", "<", ">", "\"", "'"].flatMap { special in ["\(special)x", "x\(special)", "É\(special)É", "\(special)\(special)"] }
        // Every ASCII byte at each place of the eight-byte words the escaping reads at once, within plain text and beside UTF-8.
        texts += (0..<128).flatMap { byte in
            (0..<17).map { place in String(repeating: "a", count: place) + String(UnicodeScalar(UInt8(byte))) + String(repeating: "é", count: 9) + "\u{1}" }
        }
        // The oracle, character by character: escaping and the writer share one function, so neither is held to the other.
        // A control character HTML does not allow raw is written as a reference (no value can so hold a page's markers, `PageAssembly`).
        let references: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        func disallowed(_ scalar: Unicode.Scalar) -> Bool { (scalar.value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(scalar.value)) || scalar.value == 0x7F }
        for text in texts {
            let expected = text.unicodeScalars.map { scalar in disallowed(scalar) ? "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";" : references[Character(scalar)] ?? String(scalar) }.joined()
            #expect(written { $0.append(escaped: text) } == expected, "\(text)")
            #expect(HTMLText.escape(text) == expected, "\(text)")
        }
    }

    @Test("the charts are images with a title and a description for assistive technology")
    func accessibleImage() {
        let svg = Self.withRelapse.svg(Self.words, id: "chart-path").text
        #expect(svg.hasPrefix("<svg ") && svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"chart-path-title chart-path-desc\""))
        #expect(svg.contains("<title id=\"chart-path-title\">Le parcours</title><desc id=\"chart-path-desc\">Deux pistes</desc>"))
        #expect(!svg.contains("style"), "the CSP refuses inline style: presentation attributes only")
    }
}
