import Foundation

/// The two date forms of clinical acts: a day (`2026-11-23`) and an instant
/// (RFC 3339 UTC with milliseconds, as the log writes them).
enum ClinicalDate {
    static func day(_ text: String, field: String) throws(ClinicalError) -> DateComponents {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day),
              var calendar = Optional(Calendar(identifier: .gregorian)),
              let timeZone = TimeZone(identifier: "UTC")
        else { throw ClinicalError(field, "a date as YYYY-MM-DD") }
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components else {
            throw ClinicalError(field, "a date that exists, as YYYY-MM-DD")
        }
        return components
    }

    static func instant(_ text: String, field: String) throws(ClinicalError) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text), text.hasSuffix("Z") { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text), text.hasSuffix("Z") { return date }
        throw ClinicalError(field, "an instant in UTC such as 2026-11-23T10:15:30.000Z")
    }

    /// An instant, or nil (for callers that have their own error).
    static func instantOrNil(_ text: String) -> Date? { try? instant(text, field: "") }

    /// The start (UTC) of a day.
    static func date(_ day: DateComponents) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: day)!
    }

    /// The start (UTC) of the day of an instant.
    static func startOfDay(_ instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.startOfDay(for: instant)
    }

    /// Whole years between a birth date and an instant.
    static func age(born: DateComponents, at instant: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let birth = calendar.date(from: born)!
        return calendar.dateComponents([.year], from: birth, to: instant).year ?? 0
    }
}
