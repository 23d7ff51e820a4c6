/// An instant in UTC with millisecond precision, written as RFC 3339
/// `YYYY-MM-DDTHH:MM:SS.sssZ` — the only form the log accepts.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// The current time, truncated to the millisecond.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// Parses the exact form `2026-11-23T10:15:30.123Z`; anything else is nil.
    public init?(_ text: String) {
        var text = text
        guard let milliseconds = text.withUTF8({ Timestamp.milliseconds(of: $0) }) else { return nil }
        millisecondsSinceEpoch = milliseconds
    }

    /// Parses the exact form from its UTF-8 bytes (a record line read in place).
    public init?(utf8: UnsafeBufferPointer<UInt8>) {
        guard let milliseconds = Timestamp.milliseconds(of: utf8) else { return nil }
        millisecondsSinceEpoch = milliseconds
    }

    private static func milliseconds(of c: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard c.count == 24, c[4] == 0x2D, c[7] == 0x2D, c[10] == 0x54, c[13] == 0x3A, c[16] == 0x3A, c[19] == 0x2E,
              c[23] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                guard (0x30...0x39).contains(c[index]) else { return nil }
                value = value * 10 + Int64(c[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let milli = number(20..<23),
              (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year), hour < 24, minute < 60,
              second < 60
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli
    }

    public var description: String {
        let text = String(unsafeUninitializedCapacity: 24) { write(into: $0) ? 24 : 0 }
        if !text.isEmpty { return text }
        let (year, month, day, secondsOfDay, milli) = fields
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(milli, 3))Z"
    }

    /// Whether `utf8` is exactly this instant's form, compared without making a string
    /// (every record verified compares its instant with its line and its stored column).
    public func isWritten(as utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard utf8.count == 24 else { return false }
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            let written = raw.bindMemory(to: UInt8.self)
            return write(into: written) && written.elementsEqual(utf8)
        }
    }

    /// Whether `text` is exactly this instant's form.
    public func isWritten(as text: String) -> Bool {
        var text = text
        return text.withUTF8 { isWritten(as: $0) }
    }

    /// The calendar fields: year, month, day, second of the day, millisecond.
    private var fields: (Int64, Int64, Int64, Int64, Int64) {
        let milli = millisecondsSinceEpoch.floorMod(1000)
        let totalSeconds = (millisecondsSinceEpoch - milli) / 1000
        let secondsOfDay = totalSeconds.floorMod(86_400)
        let (year, month, day) = Timestamp.civilFromDays((totalSeconds - secondsOfDay) / 86_400)
        return (year, month, day, secondsOfDay, milli)
    }

    /// Writes the 24 bytes of the form into `buffer` (at least 24 long); false, writing
    /// nothing, for a year outside 0…9999, which has no four-digit form.
    private func write(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let (year, month, day, secondsOfDay, milli) = fields
        guard (0...9999).contains(year) else { return false }
        var offset = 0
        func put(_ value: Int64, width: Int, then separator: UInt8) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            }
            buffer[offset + width] = separator
            offset += width + 1
        }
        put(year, width: 4, then: 0x2D)
        put(month, width: 2, then: 0x2D)
        put(day, width: 2, then: 0x54)
        put(secondsOfDay / 3600, width: 2, then: 0x3A)
        put(secondsOfDay / 60 % 60, width: 2, then: 0x3A)
        put(secondsOfDay % 60, width: 2, then: 0x2E)
        put(milli, width: 3, then: 0x5A)
        return true
    }

    public static func < (left: Timestamp, right: Timestamp) -> Bool {
        left.millisecondsSinceEpoch < right.millisecondsSinceEpoch
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func floorMod(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
