/// A calendar day, `YYYY-MM-DD` (UTC, as the acts' days are written): one that exists,
/// from 1900 to 2200. Periods (a program's picture, an audit) are given in days.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is not a day that exists, written `YYYY-MM-DD`.
    public init?(_ text: String) {
        guard (try? ClinicalDate.day(text, field: "day")) != nil else { return nil }
        rawValue = text
    }

    /// The same day a year earlier (28 February for a 29 February).
    public var yearBefore: Day {
        let parts = rawValue.split(separator: "-").map { Int($0)! }
        let day = parts[1] == 2 && parts[2] == 29 ? 28 : parts[2]
        return Day(Self.text(year: parts[0] - 1, month: parts[1], day: day)) ?? self
    }

    public var description: String { rawValue }

    /// `YYYY-MM-DD` sorts as the days do.
    public static func < (left: Day, right: Day) -> Bool { left.rawValue < right.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let day = Day(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a day as YYYY-MM-DD")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func text(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
