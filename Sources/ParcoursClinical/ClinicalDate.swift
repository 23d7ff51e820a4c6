import Foundation

/// The two date forms of clinical acts: a day (`2026-11-23`) and an instant
/// (RFC 3339 UTC with milliseconds, as the log writes them).
public enum ClinicalDate {
    /// The UTC Gregorian calendar all clinical dates are read in.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public static func day(_ text: String, field: String) throws(ClinicalError) -> DateComponents {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { throw ClinicalError(field, "a date as YYYY-MM-DD", fr: "une date au format AAAA-MM-JJ") }
        guard day <= daysIn(month: month, year: year) else { throw ClinicalError(field, "a date that exists, as YYYY-MM-DD", fr: "une date qui existe, au format AAAA-MM-JJ") }
        return DateComponents(year: year, month: month, day: day)
    }

    /// The earliest year an act of the program may bear (its `occurredAt`, the days and
    /// instants in its data, but a birth date, which has its own rule: 12 to 24 at
    /// admission). The program and its record belong to this century: an earlier year
    /// (0000, 0001, 1899 are the "zero" dates of spreadsheets and databases) is a slip, and
    /// would date an act before the person was born. The latest is now (future dates are
    /// refused by the rules that know the clock) or, for days still to come (a review, an
    /// expiry), the 2200 that `day` reads.
    public static let earliestYear = 2000
    static let earliestInstant = date(DateComponents(year: earliestYear, month: 1, day: 1))

    /// A day of an act (`day`, from `earliestYear`).
    public static func actDay(_ text: String, field: String) throws(ClinicalError) -> DateComponents {
        let parsed = try day(text, field: field)
        guard parsed.year! >= earliestYear else { throw ClinicalError(field, "a date from \(earliestYear)-01-01, as YYYY-MM-DD", fr: "une date à partir du \(earliestYear)-01-01, au format AAAA-MM-JJ") }
        return parsed
    }

    /// An instant of an act (`instant`, from `earliestYear`).
    public static func actInstant(_ text: String, field: String) throws(ClinicalError) -> Date {
        let parsed = try instant(text, field: field)
        guard parsed >= earliestInstant else {
            throw ClinicalError(field, "an instant from \(earliestYear)-01-01T00:00:00.000Z (UTC), such as 2026-11-23T10:15:30.000Z",
                fr: "une date et une heure en UTC à partir du \(earliestYear)-01-01T00:00:00.000Z, par exemple 2026-11-23T10:15:30.000Z")
        }
        return parsed
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS.sssZ` (or without milliseconds), strictly and by hand:
    /// ICU's date formatter was most of the time spent recording an act.
    public static func instant(_ text: String, field: String) throws(ClinicalError) -> Date {
        let c = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (0x30...0x39).contains(c[index]) else { return nil }
                value = value * 10 + Int(c[index] - 0x30)
            }
            return value
        }
        let withMilliseconds = c.count == 24 && c[19] == 0x2E
        guard c.count == 20 || withMilliseconds, c[4] == 0x2D, c[7] == 0x2D, c[10] == 0x54, c[13] == 0x3A, c[16] == 0x3A, c.last == 0x5A,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let milli = withMilliseconds ? number(20..<23) : 0,
              (1...12).contains(month), hour < 24, minute < 60, second < 60,
              day >= 1, day <= daysIn(month: month, year: year)
        else { throw ClinicalError(field, "an instant in UTC such as 2026-11-23T10:15:30.000Z",
            fr: "une date et une heure en UTC, par exemple 2026-11-23T10:15:30.000Z") }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(((days * 24 + hour) * 60 + minute) * 60 + second) + Double(milli) / 1000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ` for an instant. By arithmetic from 1583 (the first whole
    /// Gregorian year) to 9999; the calendar and `String(format:)` outside them, as before.
    public static func format(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis.floorDivided(by: 1000)
        let days = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civilFromDays(days)
        guard (1583...9999).contains(year) else {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
                          parts.second!, millis - seconds * 1000)
        }
        let second = seconds - days * 86_400
        return written([(year, 4, "-"), (month, 2, "-"), (day, 2, "T"), (second / 3600, 2, ":"), (second / 60 % 60, 2, ":"), (second % 60, 2, "."),
                        (millis - seconds * 1000, 3, "Z")])
    }

    /// `YYYY-MM-DD HH:MM` of `date` as `format` writes its day and minute, or nil for a year
    /// `format` leaves to the calendar (before 1583, after 9999).
    public static func minute(_ date: Date) -> String? {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civilFromDays(days)
        guard (1583...9999).contains(year) else { return nil }
        let second = seconds - days * 86_400
        return written([(year, 4, "-"), (month, 2, "-"), (day, 2, " "), (second / 3600, 2, ":"), (second / 60 % 60, 2, nil)])
    }

    /// `YYYY-MM-DD` of the day `days` after 1970-01-01 (before it when negative) in the
    /// proleptic Gregorian calendar: the inverse of `daysFromCivil`.
    public static func day(number days: Int) -> String {
        let (year, month, day) = civilFromDays(days)
        return ParticipantRecord.day(DateComponents(year: year, month: month, day: day))
    }

    /// Non-negative numbers, each zero-padded to its width and followed by its separator, in place.
    static func written(_ fields: [(value: Int, width: Int, then: Unicode.Scalar?)]) -> String {
        String(unsafeUninitializedCapacity: fields.reduce(0) { $0 + $1.width + ($1.then == nil ? 0 : 1) }) { buffer in
            var offset = 0
            for (value, width, then) in fields {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                    rest /= 10
                }
                offset += width
                if let then {
                    buffer[offset] = UInt8(ascii: then)
                    offset += 1
                }
            }
            return offset
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). ParcoursLog's
    /// `Timestamp` has its twin; this target depends on Foundation only, by design.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`): the
    /// twin of `Timestamp.civilFromDays`, as `daysFromCivil` is of its own (this target depends on
    /// Foundation only, by design).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }

    /// An instant, or nil (for callers that have their own error).
    public static func instantOrNil(_ text: String) -> Date? { try? instant(text, field: "") }

    /// The start (UTC) of a day.
    public static func date(_ day: DateComponents) -> Date {
        guard let year = day.year, let month = day.month, let dayOfMonth = day.day, day.hour == nil, day.minute == nil, day.second == nil
        else { return calendar.date(from: day)! }
        return Date(timeIntervalSince1970: Double(daysFromCivil(year: year, month: month, day: dayOfMonth)) * 86_400)
    }

    /// The start (UTC) of the day of an instant (UTC has no daylight saving: whole days of 86,400 s).
    static func startOfDay(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: (instant.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// Whole years between a birth date and an instant.
    public static func age(born: DateComponents, at instant: Date) -> Int {
        let birth = calendar.date(from: born)!
        return calendar.dateComponents([.year], from: birth, to: instant).year ?? 0
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
