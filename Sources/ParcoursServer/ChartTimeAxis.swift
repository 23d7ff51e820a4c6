import ParcoursClinical
import ParcoursProjections

/// The time axis the journey's charts share: from the first day of the path (admission, or
/// the first assessment) to today, mapped onto `left...right`, with a few dated ticks.
///
/// A long silence at the end — no day of the path for longer than the path itself lasted, and
/// for at least `longSilence` days — is drawn narrow, behind a break in the axis: a path of a
/// few weeks two years ago keeps the chart's width instead of a sliver at its left. A path of
/// a single day (nothing assessed yet, or all on one day) has nothing to keep wide, and no break.
struct ChartTimeAxis: Sendable, Equatable {
    /// The first and the last day shown (`YYYY-MM-DD`): today, or a later day the record holds.
    let first: String
    let last: String
    let left: Double
    let right: Double
    /// Whole days from `first` to `last`, at least 1 so a single day still has a width.
    let span: Int
    /// The silence drawn narrow, when there is one.
    let silence: Silence?
    /// `first` as a day number (`Journey.dayNumber`), which every place is counted from.
    private let origin: Int

    /// From the last day of the path to `last`, drawn between `left` and the axis's right end.
    struct Silence: Sendable, Equatable {
        /// The last day of the path before the silence.
        let from: String
        /// Where the silence starts on the axis.
        let left: Double
        /// Days from the axis's first day to `from`.
        let days: Int
    }

    /// The fewest days of silence drawn narrow.
    static let longSilence = 90
    /// The width the silence takes: room for the dates at both its ends.
    static let silenceWidth = 120.0

    /// An axis from `start` to `today`, widened to every day in `days` (a day written before
    /// the admission, an act dated after today).
    init(start: String, today: String, days: [String], left: Double, right: Double) {
        let ofPath = ([start] + days).filter { Journey.dayNumber($0) != nil }
        let known = ofPath + (Journey.dayNumber(today) != nil ? [today] : [])
        first = known.min() ?? today
        last = max(today, known.max() ?? today)
        let lastOfPath = ofPath.max() ?? first
        (self.left, self.right) = (left, right)
        let origin = Journey.dayNumber(first) ?? 0
        self.origin = origin
        span = max(Journey.dayNumber(last).map { $0 - origin } ?? 1, 1)
        let (first, last, span) = (first, last, span)
        let pathDays = Journey.dayNumber(lastOfPath).map { $0 - origin } ?? span
        let silent = span - pathDays
        let silence = pathDays > 0 && silent >= Self.longSilence && silent > pathDays && right - left > 2 * Self.silenceWidth
            ? Silence(from: lastOfPath, left: right - Self.silenceWidth, days: pathDays) : nil
        self.silence = silence
        let tickDays = silence.map { Self.tickDays(first: first, last: $0.from, span: $0.days) + [last] }
            ?? Self.tickDays(first: first, last: last, span: span)
        ticks = tickDays.map { day in
            Tick(day: day, x: Self.place(day, origin: origin, span: span, silence: silence, left: left, right: right))
        }
    }

    /// The days of the ticks, worked out once for the charts that share the axis.
    private static func tickDays(first: String, last: String, span: Int) -> [String] {
        var days = [first]
        let between = min(3, span / 20)
        if between > 0, (try? ClinicalDate.day(first, field: "")) != nil, let origin = Journey.dayNumber(first) {
            for index in 1...between { days.append(ClinicalDate.day(number: origin + span * index / (between + 1))) }
        }
        if last != first { days.append(last) }
        return days
    }

    /// The horizontal place of a day; a day that is not one sits at the start.
    func x(_ day: String) -> Double { Self.place(day, origin: origin, span: span, silence: silence, left: left, right: right) }

    private static func place(_ day: String, origin: Int, span: Int, silence: Silence?, left: Double, right: Double) -> Double {
        let offset = min(max(Journey.dayNumber(day).map { $0 - origin } ?? 0, 0), span)
        guard let silence else { return left + (right - left) * Double(offset) / Double(span) }
        if offset <= silence.days {
            return left + (silence.left - left) * Double(offset) / Double(max(silence.days, 1))
        }
        return silence.left + (right - silence.left) * Double(offset - silence.days) / Double(span - silence.days)
    }

    /// The dated ticks: the first day, today (the last), and up to three between them — with a
    /// silence, the last day of the path too, where the silence starts.
    let ticks: [Tick]

    struct Tick: Sendable, Equatable {
        var day: String
        var x: Double
    }
}
