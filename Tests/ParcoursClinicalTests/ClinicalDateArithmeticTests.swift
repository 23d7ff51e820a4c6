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
}
