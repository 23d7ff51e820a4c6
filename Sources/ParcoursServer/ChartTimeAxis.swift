import ParcoursClinical
import ParcoursProjections

/// The time axis the journey's charts share: from the first day of the path (admission, or
/// the first assessment) to today, mapped onto `left...right`, with a few dated ticks.
struct ChartTimeAxis: Sendable, Equatable {
    /// The first and the last day shown (`YYYY-MM-DD`): today, or a later day the record holds.
    let first: String
    let last: String
    let left: Double
    let right: Double
    /// Whole days from `first` to `last`, at least 1 so a single day still has a width.
    let span: Int
    /// `first` as a day number (`Journey.dayNumber`), which every place is counted from.
    private let origin: Int

    /// An axis from `start` to `today`, widened to every day in `days` (a day written before
    /// the admission, an act dated after today).
    init(start: String, today: String, days: [String], left: Double, right: Double) {
        let known = ([start, today] + days).filter { Journey.dayNumber($0) != nil }
        first = known.min() ?? today
        last = max(today, known.max() ?? today)
        (self.left, self.right) = (left, right)
        let origin = Journey.dayNumber(first) ?? 0
        self.origin = origin
        span = max(Journey.dayNumber(last).map { $0 - origin } ?? 1, 1)
        ticks = Self.tickDays(first: first, last: last, span: span).map { [left, right, span] day in
            Tick(day: day, x: Self.place(day, origin: origin, span: span, left: left, right: right))
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
    func x(_ day: String) -> Double { Self.place(day, origin: origin, span: span, left: left, right: right) }

    private static func place(_ day: String, origin: Int, span: Int, left: Double, right: Double) -> Double {
        let offset = Double(min(max(Journey.dayNumber(day).map { $0 - origin } ?? 0, 0), span))
        return left + (right - left) * offset / Double(span)
    }

    /// The dated ticks: the first day, today (the last), and up to three between them.
    let ticks: [Tick]

    struct Tick: Sendable, Equatable {
        var day: String
        var x: Double
    }
}
