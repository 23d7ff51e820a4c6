import ParcoursClinical
import ParcoursProjections

/// The time axis the journey's charts share: from the first day of the path (admission, or
/// the first assessment) to today, mapped onto `left...right`, with a few dated ticks.
///
/// A long silence — the longest stretch between two days of the path (today the last), when it
/// lasts at least `longSilence` days and longer than the rest of the axis together — is drawn
/// narrow, behind a break in the axis: a path of a few weeks two years ago, or one taken up
/// again today after two years, keeps the chart's width instead of a sliver at one side. A
/// path of a single day (nothing assessed yet, or all on one day) has nothing to keep wide.
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

    /// A stretch without a day of the path, drawn `silenceWidth` wide between `left` and `right`.
    struct Silence: Sendable, Equatable {
        /// The days it runs between: the path's last day before it, and its first after (or `last`).
        let from: String
        let to: String
        /// Where it sits on the axis.
        let left: Double
        let right: Double
        /// Days from the axis's first day to `from` and to `to`.
        let fromDays: Int
        let toDays: Int
    }

    /// The fewest days of silence drawn narrow.
    static let longSilence = 90
    /// The width the silence takes: room for the dates at both its ends.
    static let silenceWidth = 120.0
    /// The least room between two ticks' dates; a tick closer to the next is left out.
    static let tickRoom = 72.0

    /// An axis from `start` to `today`, widened to every day in `days` (a day written before
    /// the admission, an act dated after today).
    init(start: String, today: String, days: [String], left: Double, right: Double) {
        let ofPath = ([start] + days).filter { Journey.dayNumber($0) != nil }
        let known = ofPath + (Journey.dayNumber(today) != nil ? [today] : [])
        let first = known.min() ?? today, last = max(today, known.max() ?? today)
        (self.first, self.last, self.left, self.right) = (first, last, left, right)
        let origin = Journey.dayNumber(first) ?? 0
        self.origin = origin
        let span = max(Journey.dayNumber(last).map { $0 - origin } ?? 1, 1)
        self.span = span
        let silence = Self.longestSilence(in: Set(ofPath + [last]).sorted(), origin: origin, span: span, left: left, right: right)
        self.silence = silence
        let tickDays = silence.map { silence in
            Self.tickDays(first: first, last: silence.from, span: silence.fromDays)
                + (silence.toDays < span ? Self.tickDays(first: silence.to, last: last, span: span - silence.toDays) : [last])
        } ?? Self.tickDays(first: first, last: last, span: span)
        ticks = Self.spaced(tickDays.map { day in
            Tick(day: day, x: Self.place(day, origin: origin, span: span, silence: silence, left: left, right: right))
        })
    }

    /// The longest stretch between two of `days` (sorted, the last day shown the last), drawn
    /// narrow when it is long enough and longer than the rest together; nil otherwise.
    private static func longestSilence(in days: [String], origin: Int, span: Int, left: Double, right: Double) -> Silence? {
        let numbers = days.compactMap { day in Journey.dayNumber(day).map { (day: day, offset: $0 - origin) } }
        guard let widest = zip(numbers, numbers.dropFirst()).max(by: { $0.1.offset - $0.0.offset < $1.1.offset - $1.0.offset }) else { return nil }
        let (from, to) = widest
        let silent = to.offset - from.offset, rest = span - silent
        guard rest > 0, silent >= longSilence, silent > rest, right - left > 2 * silenceWidth else { return nil }
        let before = (right - left - silenceWidth) * Double(from.offset) / Double(rest)
        return Silence(from: from.day, to: to.day, left: left + before, right: left + before + silenceWidth,
                       fromDays: from.offset, toDays: to.offset)
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

    /// The ticks with room for their dates: the first and the last kept, any other too close to
    /// the one kept before it, or to the last, left out.
    private static func spaced(_ ticks: [Tick]) -> [Tick] {
        guard let final = ticks.last, ticks.count > 2 else { return ticks }
        var kept = [ticks[0]]
        for tick in ticks.dropFirst().dropLast() where tick.x - kept[kept.count - 1].x >= tickRoom && final.x - tick.x >= tickRoom {
            kept.append(tick)
        }
        return kept + [final]
    }

    /// The horizontal place of a day; a day that is not one sits at the start.
    func x(_ day: String) -> Double { Self.place(day, origin: origin, span: span, silence: silence, left: left, right: right) }

    private static func place(_ day: String, origin: Int, span: Int, silence: Silence?, left: Double, right: Double) -> Double {
        let offset = min(max(Journey.dayNumber(day).map { $0 - origin } ?? 0, 0), span)
        guard let silence else { return left + (right - left) * Double(offset) / Double(span) }
        if offset <= silence.fromDays {
            return left + (silence.left - left) * Double(offset) / Double(max(silence.fromDays, 1))
        }
        if offset < silence.toDays {
            return silence.left + (silence.right - silence.left) * Double(offset - silence.fromDays) / Double(silence.toDays - silence.fromDays)
        }
        return silence.right + (right - silence.right) * Double(offset - silence.toDays) / Double(max(span - silence.toDays, 1))
    }

    /// The dated ticks: the first day, today (the last), and a few between them — with a
    /// silence, the days at both its ends too.
    let ticks: [Tick]

    struct Tick: Sendable, Equatable {
        var day: String
        var x: Double
    }
}
