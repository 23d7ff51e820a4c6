import Foundation
import Testing
@testable import ParcoursClinical

@Suite("Days and instants, by arithmetic")
struct ClinicalDateArithmeticTests {
    @Test("a record's days are written as String(format: \"%04d-%02d-%02d\") writes them, in range and out of it")
    func recordDays() {
        var components: [DateComponents] = [DateComponents(), DateComponents(year: -1, month: 1, day: 1), DateComponents(year: 10_000, month: 1, day: 1),
                                            DateComponents(year: 2026, month: 100, day: -3)]
        for year in [0, 7, 99, 999, 1900, 2026, 9999] {
            for month in [0, 1, 9, 10, 12, 99] { for day in [0, 1, 9, 10, 31, 99] { components.append(DateComponents(year: year, month: month, day: day)) } }
        }
        for day in components {
            #expect(ParticipantRecord.day(day) == String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0), "\(day)")
        }
    }

    @Test("every day from 1900 to 2200 starts where the Gregorian calendar (UTC) says, and only days that exist are read")
    func daysAgreeWithTheCalendar() throws {
        var components = DateComponents(year: 1900, month: 1, day: 1)
        var date = ClinicalDate.calendar.date(from: components)!
        while components.year! <= 2200 {
            let text = String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
            #expect(try ClinicalDate.day(text, field: "day") == components)
            #expect(ClinicalDate.date(components) == date, "\(text)")
            #expect(ClinicalDate.startOfDay(date.addingTimeInterval(86_399.5)) == date, "\(text)")
            date = ClinicalDate.calendar.date(byAdding: .day, value: 1, to: date)!
            components = ClinicalDate.calendar.dateComponents([.year, .month, .day], from: date)
        }
        for missing in ["2026-02-29", "2100-02-29", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31"] {
            #expect(throws: ClinicalError.self) { try ClinicalDate.day(missing, field: "day") }
        }
        #expect(try ClinicalDate.day("2000-02-29", field: "day") == DateComponents(year: 2000, month: 2, day: 29))
        #expect(try ClinicalDate.day("2024-02-29", field: "day") == DateComponents(year: 2024, month: 2, day: 29))
    }

    /// What `ClinicalDate.format` wrote before it was arithmetic: the calendar's fields, `String(format:)`.
    static func calendarFormat(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = Int((Double(millis) / 1000).rounded(.down))
        let parts = ClinicalDate.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
                      parts.second!, millis - seconds * 1000)
    }

    @Test("instants are written as the calendar and String(format:) wrote them, to the millisecond, on both sides of every boundary")
    func instantsAgreeWithTheCalendar() {
        var instants: [Double] = [0, -0.001, -0.0005, 0.0009, -1, 86_399.999, 86_400, 951_782_400, 951_868_799.999, 4_107_542_400,
                                  253_402_300_799.999, 253_402_300_800, -12_219_292_800, -12_219_292_800.001, -11_676_096_000, -62_135_596_800]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 { instants.append(Double(Int64.random(in: -12_000_000_000_000...253_402_300_799_999, using: &generator)) / 1000) }
        for second in stride(from: 946_684_800.0, to: 4_102_444_800, by: 86_400 * 7 + 3_661.123) { instants.append(second) }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(ClinicalDate.format(date) == Self.calendarFormat(date), "\(instant)")
        }
    }

    @Test("a day's number gives back its day: every day from 1900 to 2200, and far on either side")
    func daysFromTheirNumbers() {
        var components = DateComponents(year: 1900, month: 1, day: 1)
        var date = ClinicalDate.calendar.date(from: components)!
        while components.year! <= 2200 {
            let text = String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
            let number = ClinicalDate.daysFromCivil(year: components.year!, month: components.month!, day: components.day!)
            #expect(ClinicalDate.day(number: number) == text)
            #expect(number * 86_400 == Int(date.timeIntervalSince1970))
            date = ClinicalDate.calendar.date(byAdding: .day, value: 1, to: date)!
            components = ClinicalDate.calendar.dateComponents([.year, .month, .day], from: date)
        }
        for (number, text) in [(0, "1970-01-01"), (-1, "1969-12-31"), (-719_528, "0000-01-01"), (-719_162, "0001-01-01"), (2_932_896, "9999-12-31"),
                               (2_932_897, "10000-01-01"), (-719_529, "-001-12-31")] {
            #expect(ClinicalDate.day(number: number) == text, "\(number)")
        }
    }
}
