import ParcoursClinical
import ParcoursProjections

/// The path through both stage models over time, drawn by the server as SVG: the wheel of
/// change and the engagement cycle as two tracks over one time axis (from admission or the
/// first assessment to today), each assessment a point on both, the time spent in a stage or
/// a step a band, and the relapses (« chutes ») as periods of the path.
///
/// Pure: the same journey, day and words give the same markup, every text escaped. A
/// relapse is drawn in the palette of every stage — never a failure colour, never an alarm —
/// and the rows follow the wheel's own turning, so maintenance → relapse continues the path
/// the way the wheel turns rather than dropping from it.
struct PathChart: Sendable, Equatable {
    struct Assessment: Sendable, Equatable {
        var on: String
        var step: EngagementStep
        var stage: WheelStage
    }

    /// A run of one wheel stage, to the day the next stage was assessed (nil: to this day).
    struct Episode: Sendable, Equatable {
        var stage: WheelStage
        var from: String
        var to: String?
    }

    /// A relapse as a period of the path: from its first day to its last (nil: a moment, or
    /// still going on when prolonged).
    struct Relapse: Sendable, Equatable {
        var startedOn: String
        var endedOn: String?
        var prolonged: Bool
    }

    /// The chart's words, in the reader's language.
    struct Words: Sendable {
        var title: String
        var description: String
        var wheelTrack: String
        var engagementTrack: String
        var relapse: String
        var empty: String
        /// Said over a long silence at the end of the path, which the axis draws narrow.
        var silence: String
        var stages: [WheelStage: String]
        var steps: [EngagementStep: String]
        /// A colon between a label and its value, spaced as the reader's language spaces it (`Catalogue.colon`).
        var colon: String
        /// A semicolon between two parts, spaced likewise (`Catalogue.semicolon`).
        var semicolon: String
    }

    /// The first day of the path: admission, or the first assessment.
    let start: String
    let today: String
    let assessments: [Assessment]
    let episodes: [Episode]
    let relapses: [Relapse]
    let width: Double
    /// The time axis, shared with the rulers' chart so both read alike.
    let axis: ChartTimeAxis

    static let labelWidth = 200.0
    static let rowHeight = 20.0
    static let trackTitle = 24.0

    /// The chart of a journey (as the reader may see it) on `today`.
    init(_ journey: Journey, today: String) {
        let assessments = journey.assessments.map { Assessment(on: $0.on, step: $0.engagementStep, stage: $0.wheelStage) }
        self.init(start: journey.admission?.on ?? assessments.map(\.on).min() ?? today, today: today, assessments: assessments,
                  episodes: journey.episodes.map { Episode(stage: $0.wheelStage, from: $0.from, to: $0.to) },
                  relapses: journey.relapses.map { Relapse(startedOn: $0.startedOn, endedOn: $0.endedOn, prolonged: $0.kind == .prolonged) })
    }

    init(start: String, today: String, assessments: [Assessment], episodes: [Episode], relapses: [Relapse], width: Double = 760) {
        (self.start, self.today, self.episodes, self.relapses, self.width) = (start, today, episodes, relapses, width)
        // In date order; assessments of one day keep the order they were recorded in.
        self.assessments = assessments.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
        let days = assessments.map(\.on) + episodes.flatMap { [$0.from] + ($0.to.map { [$0] } ?? []) }
            + relapses.flatMap { [$0.startedOn] + ($0.endedOn.map { [$0] } ?? []) }
        axis = ChartTimeAxis(start: start, today: today, days: days, left: Self.labelWidth, right: width - 16)
    }

    /// The SVG markup; `id` makes its title and description's ids unique in the page.
    func svg(_ words: Words, id: String) -> Markup {
        typealias Palette = ChartMarkup.Palette
        let wheel = WheelStage.allCases, cycle = EngagementStep.allCases
        let wheelTop = Self.trackTitle, cycleTop = wheelTop + Double(wheel.count) * Self.rowHeight + 12 + Self.trackTitle
        let axisY = cycleTop + Double(cycle.count) * Self.rowHeight + 6
        let height = axisY + 26
        func row(_ index: Int, from top: Double) -> Double { top + Double(index) * Self.rowHeight + Self.rowHeight / 2 }
        func stageY(_ stage: WheelStage) -> Double { row(wheel.firstIndex(of: stage) ?? 0, from: wheelTop) }
        func stepY(_ step: EngagementStep) -> Double { row(cycle.firstIndex(of: step) ?? 0, from: cycleTop) }

        var svg = SVGWriter(capacity: 4_000 + 300 * assessments.count + 300 * (episodes.count + relapses.count))
        svg.open(id: id, width: width, height: height, className: "path-chart", title: words.title, description: words.description)
        // A track: its name, a light guide for each row, and the rows' names.
        func track(_ name: String, top: Double, labels: some Sequence<String>) {
            svg.text(name, x: 0, y: top - 8, weight: 600, className: "track")
            let rows = Array(labels)
            svg.openGroup(stroke: Palette.guide, strokeWidth: "0.5")
            for index in rows.indices {
                svg.guide(x1: Self.labelWidth, y1: row(index, from: top), x2: axis.right, y2: row(index, from: top))
            }
            svg.closeGroup()
            svg.openGroup(fill: Palette.muted, fontSize: 11, anchor: "end")
            for (index, label) in rows.enumerated() { svg.label(label, x: Self.labelWidth - 8, y: row(index, from: top) + 4) }
            svg.closeGroup()
        }
        // A period of the path as a rectangle, titled `label : from – to` (the colon as the language spaces it);
        // `attributes` its own (a class, an opacity, rounded corners).
        func period(_ label: String, from: String, to: String?, x: Double, y: Double, width: Double, height: Double, fill: String,
                    attributes: StaticString) {
            svg.append("<rect")
            svg.attribute("x", x)
            svg.attribute("y", y)
            svg.attribute("width", width)
            svg.attribute("height", height)
            svg.attribute("fill", fill)
            svg.append(attributes)
            svg.append("><title>")
            svg.append(escaped: label)
            svg.append(escaped: words.colon)
            svg.append(escaped: from)
            if let to {
                svg.append(" – ")
                svg.append(escaped: to)
            }
            svg.append("</title></rect>")
        }
        // The time spent in a stage or a step.
        func band(_ label: String, from: String, to: String?, y: Double) {
            let left = axis.x(from), right = max(axis.x(to ?? axis.last), left + 6)
            period(label, from: from, to: to, x: left, y: y - Self.rowHeight / 2 + 3, width: right - left, height: Self.rowHeight - 6,
                   fill: Palette.band, attributes: " rx=\"3\" class=\"episode\"")
        }

        // A long silence, drawn narrow: a calm strip that says so, between the two days of the path around it.
        if let silence = axis.silence {
            period(words.silence, from: silence.from, to: silence.to, x: silence.left, y: wheelTop, width: silence.right - silence.left,
                   height: axisY - wheelTop, fill: Palette.guide, attributes: " fill-opacity=\"0.3\" class=\"silence\"")
            svg.text(words.silence, x: (silence.left + silence.right) / 2, y: wheelTop - 8, anchor: "middle", fill: Palette.muted, size: 10,
                     className: "silence-label")
        }
        // The two tracks, and a guide for each tick of the axis.
        track(words.wheelTrack, top: wheelTop, labels: wheel.lazy.map { words.stages[$0] ?? $0.rawValue })
        track(words.engagementTrack, top: cycleTop, labels: cycle.lazy.map { words.steps[$0] ?? $0.rawValue })
        svg.openGroup(stroke: Palette.guide, strokeWidth: "0.5")
        for tick in axis.ticks { svg.guide(x1: tick.x, y1: wheelTop, x2: tick.x, y2: axisY) }
        svg.closeGroup()
        // Relapses: periods of the path across the wheel's track, in the palette of every stage.
        let wheelBottom = wheelTop + Double(wheel.count) * Self.rowHeight
        for relapse in relapses {
            let left = axis.x(relapse.startedOn)
            let right = max(axis.x(relapse.endedOn ?? (relapse.prolonged ? axis.last : relapse.startedOn)), left + 6)
            period(words.relapse, from: relapse.startedOn, to: relapse.endedOn, x: left, y: wheelTop, width: right - left,
                   height: wheelBottom - wheelTop, fill: Palette.band, attributes: " fill-opacity=\"0.55\" class=\"relapse\"")
            svg.text(words.relapse, x: left + 3, y: wheelBottom - 4, fill: Palette.muted, size: 10, className: "relapse-label")
        }
        // Bands: the time spent in each stage, then in each step (runs of the assessments).
        for episode in episodes {
            band(words.stages[episode.stage] ?? episode.stage.rawValue, from: episode.from, to: episode.to, y: stageY(episode.stage))
        }
        for run in stepRuns {
            band(words.steps[run.step] ?? run.step.rawValue, from: run.from, to: run.to, y: stepY(run.step))
        }
        if assessments.isEmpty {
            svg.text(words.empty, x: (Self.labelWidth + axis.right) / 2, y: wheelTop + 3 * Self.rowHeight, anchor: "middle", fill: Palette.muted,
                     className: "empty")
        }
        // The path itself, on both tracks, and each assessment a point.
        for place in [{ (a: Assessment) in stageY(a.stage) }, { (a: Assessment) in stepY(a.step) }] where !assessments.isEmpty {
            svg.path(through: assessments.lazy.map { (x: axis.x($0.on), y: place($0)) }, stroke: Palette.accent, className: "path")
        }
        // Each assessment a group: its day and place, titled once, and its point on each track.
        if !assessments.isEmpty {
            svg.openGroup(className: "assessments", fill: Palette.accent, stroke: Palette.paper, strokeWidth: "1.5")
            for assessment in assessments {
                let x = axis.x(assessment.on)
                svg.append("<g class=\"assessment\"><title>")
                svg.append(escaped: assessment.on)
                svg.append(" — ")
                svg.append(escaped: words.stages[assessment.stage] ?? assessment.stage.rawValue)
                svg.append(escaped: words.semicolon)
                svg.append(escaped: words.steps[assessment.step] ?? assessment.step.rawValue)
                svg.append("</title>")
                svg.dot(x: x, y: stageY(assessment.stage))
                svg.dot(x: x, y: stepY(assessment.step))
                svg.closeGroup()
            }
            svg.closeGroup()
        }
        Self.axisMarkup(axis, y: axisY, into: &svg)
        return svg.close()
    }

    /// The axis line and its dated ticks, the first at the left and today at the right; a long
    /// silence behind a break (two slanted strokes), its narrow stretch dashed.
    static func axisMarkup(_ axis: ChartTimeAxis, y: Double, into svg: inout SVGWriter) {
        if let silence = axis.silence {
            svg.line(x1: axis.left, y1: y, x2: silence.left + 4, y2: y, stroke: ChartMarkup.Palette.muted, width: "1")
            for x in [silence.left + 4, silence.left + 10] {
                svg.line(x1: x, y1: y + 5, x2: x + 6, y2: y - 5, stroke: ChartMarkup.Palette.muted, width: "1", className: "axis-break")
            }
            svg.line(x1: silence.left + 16, y1: y, x2: silence.right, y2: y, stroke: ChartMarkup.Palette.muted, width: "1", dash: "3 3")
            if silence.right < axis.right {
                svg.line(x1: silence.right, y1: y, x2: axis.right, y2: y, stroke: ChartMarkup.Palette.muted, width: "1")
            }
        } else {
            svg.line(x1: axis.left, y1: y, x2: axis.right, y2: y, stroke: ChartMarkup.Palette.muted, width: "1")
        }
        let ticks = axis.ticks
        for (index, tick) in ticks.enumerated() {
            svg.text(tick.day, x: tick.x, y: y + 16, anchor: index == 0 ? "start" : index == ticks.count - 1 ? "end" : "middle",
                     fill: ChartMarkup.Palette.muted, size: 11, className: "tick")
        }
    }

    /// Runs of one engagement step: from its first assessment to the day another step was assessed.
    var stepRuns: [(step: EngagementStep, from: String, to: String?)] {
        var runs: [(step: EngagementStep, from: String, to: String?)] = []
        for assessment in assessments where runs.last?.step != assessment.step {
            if !runs.isEmpty { runs[runs.count - 1].to = assessment.on }
            runs.append((assessment.step, assessment.on, nil))
        }
        return runs
    }
}
