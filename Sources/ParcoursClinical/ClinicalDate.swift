import Foundation

/// The two date forms of clinical acts: a day (`2026-11-23`) and an instant
/// (RFC 3339 UTC with milliseconds, as the log writes them).
enum ClinicalDate {
    /// The UTC Gregorian calendar all clinical dates are read in.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    // Formatters are costly to make; these two are only read (ISO8601DateFormatter is thread-safe).
    nonisolated(unsafe) private static let withMilliseconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    nonisolated(unsafe) private static let withoutMilliseconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()

    static func day(_ text: String, field: String) throws(ClinicalError) -> DateComponents {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { throw ClinicalError(field, "a date as YYYY-MM-DD") }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components else {
            throw ClinicalError(field, "a date that exists, as YYYY-MM-DD")
        }
        return components
    }

    static func instant(_ text: String, field: String) throws(ClinicalError) -> Date {
        if text.hasSuffix("Z"), let date = withMilliseconds.date(from: text) ?? withoutMilliseconds.date(from: text) { return date }
        throw ClinicalError(field, "an instant in UTC such as 2026-11-23T10:15:30.000Z")
    }

    /// An instant, or nil (for callers that have their own error).
    static func instantOrNil(_ text: String) -> Date? { try? instant(text, field: "") }

    /// The start (UTC) of a day.
    static func date(_ day: DateComponents) -> Date { calendar.date(from: day)! }

    /// The start (UTC) of the day of an instant.
    static func startOfDay(_ instant: Date) -> Date { calendar.startOfDay(for: instant) }

    /// Whole years between a birth date and an instant.
    static func age(born: DateComponents, at instant: Date) -> Int {
        let birth = calendar.date(from: born)!
        return calendar.dateComponents([.year], from: birth, to: instant).year ?? 0
    }
}
