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
        var stages: [WheelStage: String]
        var steps: [EngagementStep: String]
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
    func svg(_ words: Words, id: String) -> String {
        typealias Markup = ChartMarkup
        let wheel = WheelStage.allCases, cycle = EngagementStep.allCases
        let wheelTop = Self.trackTitle, cycleTop = wheelTop + Double(wheel.count) * Self.rowHeight + 12 + Self.trackTitle
        let axisY = cycleTop + Double(cycle.count) * Self.rowHeight + 6
        let height = axisY + 26
        func row(_ index: Int, from top: Double) -> Double { top + Double(index) * Self.rowHeight + Self.rowHeight / 2 }
        func stageY(_ stage: WheelStage) -> Double { row(wheel.firstIndex(of: stage) ?? 0, from: wheelTop) }
        func stepY(_ step: EngagementStep) -> Double { row(cycle.firstIndex(of: step) ?? 0, from: cycleTop) }
        func band(_ from: String, _ to: String?, y: Double, className: String, title: String) -> String {
            let left = axis.x(from), right = max(axis.x(to ?? axis.last), left + 6)
            return "<rect x=\"\(Markup.number(left))\" y=\"\(Markup.number(y - Self.rowHeight / 2 + 3))\" width=\"\(Markup.number(right - left))\" "
                + "height=\"\(Markup.number(Self.rowHeight - 6))\" rx=\"3\" fill=\"\(Markup.Palette.band)\" class=\"\(className)\">"
                + "<title>\(Markup.escape(title))</title></rect>"
        }

        var svg = Markup.open(id: id, width: width, height: height, className: "path-chart", title: words.title, description: words.description)
        svg.reserveCapacity(2_000 + 1_200 * assessments.count + 300 * (episodes.count + relapses.count))
        // The two tracks: their names, their rows and a light guide for each row.
        for (name, top, labels) in [(words.wheelTrack, wheelTop, wheel.map { words.stages[$0] ?? $0.rawValue }),
                                    (words.engagementTrack, cycleTop, cycle.map { words.steps[$0] ?? $0.rawValue })] {
            svg += Markup.text(name, x: 0, y: top - 8, weight: 600, className: "track")
            for (index, label) in labels.enumerated() {
                let y = row(index, from: top)
                svg += "<line x1=\"\(Markup.number(Self.labelWidth))\" y1=\"\(Markup.number(y))\" x2=\"\(Markup.number(axis.right))\" "
                    + "y2=\"\(Markup.number(y))\" stroke=\"\(Markup.Palette.guide)\" stroke-width=\"0.5\"/>"
                svg += Markup.text(label, x: Self.labelWidth - 8, y: y + 4, anchor: "end", fill: Markup.Palette.muted, size: 11)
            }
        }
        for tick in axis.ticks {
            svg += "<line x1=\"\(Markup.number(tick.x))\" y1=\"\(Markup.number(wheelTop))\" x2=\"\(Markup.number(tick.x))\" "
                + "y2=\"\(Markup.number(axisY))\" stroke=\"\(Markup.Palette.guide)\" stroke-width=\"0.5\"/>"
        }
        // Relapses: periods of the path across the wheel's track, in the palette of every stage.
        let wheelBottom = wheelTop + Double(wheel.count) * Self.rowHeight
        for relapse in relapses {
            let left = axis.x(relapse.startedOn)
            let right = max(axis.x(relapse.endedOn ?? (relapse.prolonged ? axis.last : relapse.startedOn)), left + 6)
            let period = relapse.startedOn + (relapse.endedOn.map { " – " + $0 } ?? "")
            svg += "<rect x=\"\(Markup.number(left))\" y=\"\(Markup.number(wheelTop))\" width=\"\(Markup.number(right - left))\" "
                + "height=\"\(Markup.number(wheelBottom - wheelTop))\" fill=\"\(Markup.Palette.band)\" fill-opacity=\"0.55\" class=\"relapse\">"
                + "<title>\(Markup.escape(words.relapse + " : " + period))</title></rect>"
            svg += Markup.text(words.relapse, x: left + 3, y: wheelBottom - 4, fill: Markup.Palette.muted, size: 10, className: "relapse-label")
        }
        // Bands: the time spent in each stage, then in each step (runs of the assessments).
        for episode in episodes {
            let label = words.stages[episode.stage] ?? episode.stage.rawValue
            svg += band(episode.from, episode.to, y: stageY(episode.stage), className: "episode",
                        title: label + " : " + episode.from + (episode.to.map { " – " + $0 } ?? ""))
        }
        for run in stepRuns {
            let label = words.steps[run.step] ?? run.step.rawValue
            svg += band(run.from, run.to, y: stepY(run.step), className: "episode", title: label + " : " + run.from + (run.to.map { " – " + $0 } ?? ""))
        }
        if assessments.isEmpty {
            svg += Markup.text(words.empty, x: (Self.labelWidth + axis.right) / 2, y: wheelTop + 3 * Self.rowHeight, anchor: "middle",
                               fill: Markup.Palette.muted, className: "empty")
        }
        // The path itself, on both tracks, and each assessment a point.
        for place in [{ (a: Assessment) in stageY(a.stage) }, { (a: Assessment) in stepY(a.step) }] where !assessments.isEmpty {
            let points = assessments.map { "\(Markup.number(axis.x($0.on))) \(Markup.number(place($0)))" }
            svg += "<path d=\"M \(points.joined(separator: " L "))\" fill=\"none\" stroke=\"\(Markup.Palette.accent)\" stroke-width=\"2\" "
                + "stroke-linejoin=\"round\" class=\"path\"/>"
        }
        for assessment in assessments {
            let title = assessment.on + " — " + (words.stages[assessment.stage] ?? assessment.stage.rawValue) + " ; "
                + (words.steps[assessment.step] ?? assessment.step.rawValue)
            let x = Markup.number(axis.x(assessment.on)), escaped = Markup.escape(title)
            for y in [stageY(assessment.stage), stepY(assessment.step)] {
                svg += "<circle cx=\"\(x)\" cy=\"\(Markup.number(y))\" r=\"4.5\" fill=\"\(Markup.Palette.accent)\" "
                    + "stroke=\"\(Markup.Palette.paper)\" stroke-width=\"1.5\" class=\"assessment\"><title>\(escaped)</title></circle>"
            }
        }
        svg += Self.axisMarkup(axis, y: axisY)
        return svg + "</svg>"
    }

    /// The axis line and its dated ticks, the first at the left and today at the right.
    static func axisMarkup(_ axis: ChartTimeAxis, y: Double) -> String {
        typealias Markup = ChartMarkup
        var svg = "<line x1=\"\(Markup.number(axis.left))\" y1=\"\(Markup.number(y))\" x2=\"\(Markup.number(axis.right))\" "
            + "y2=\"\(Markup.number(y))\" stroke=\"\(Markup.Palette.muted)\" stroke-width=\"1\"/>"
        let ticks = axis.ticks
        for (index, tick) in ticks.enumerated() {
            let anchor = index == 0 ? "start" : index == ticks.count - 1 ? "end" : "middle"
            svg += Markup.text(tick.day, x: tick.x, y: y + 16, anchor: anchor, fill: Markup.Palette.muted, size: 11, className: "tick")
        }
        return svg
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
