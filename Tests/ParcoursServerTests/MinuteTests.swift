import Foundation
@testable import ParcoursServer
import Testing

/// Moments to the minute, as every page shows them: in the site's zone, at the zone's offset
/// of that moment (summer time or not), named.
@Suite("Moments to the minute")
struct MinuteTests {
    /// What the pages wrote before the arithmetic: the calendar's fields in the zone.
    static func calendarMinute(_ date: Date, in zone: TimeZone) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: zone, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            + " " + (zone.abbreviation(for: date) ?? zone.identifier)
    }

    @Test("every moment reads as the calendar gives it, in zones with summer time, half and three-quarter hours, across the changes")
    func asTheCalendarSays() throws {
        let zones = try ["America/Montreal", "UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Europe/Paris"].map {
            try #require(TimeZone(identifier: $0))
        }
        // Around the 2026 changes of Montreal's clocks (8 March, 1 November), minute by minute, then spread over a century.
        var moments = stride(from: 1_772_949_600.0, to: 1_772_964_000, by: 60).map { $0 } + stride(from: 1_793_512_800.0, to: 1_793_527_200, by: 60).map { $0 }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 { moments.append(Double(Int64.random(in: 946_684_800_000...4_102_444_800_000, using: &generator)) / 1000) }
        for zone in zones {
            for moment in moments {
                let date = Date(timeIntervalSince1970: moment)
                #expect(WebPages.minute(date, in: zone) == Self.calendarMinute(date, in: zone), "\(zone.identifier) \(moment)")
            }
        }
        // A year past 9999, as the calendar writes it (no page shows one: the server's clock and the log's times).
        let far = Date(timeIntervalSince1970: 253_402_300_800 + 3_600)
        #expect(WebPages.minute(far, in: zones[1]) == Self.calendarMinute(far, in: zones[1]))
        // The clocks jump from 02:00 to 03:00 (the zone's name is ICU's: EDT, or GMT-4 without its names).
        #expect(WebPages.minute(Date(timeIntervalSince1970: 1_772_953_200), in: zones[0]).hasPrefix("2026-03-08 03:00 "))
        #expect(WebPages.minute(Date(timeIntervalSince1970: 1_772_953_199), in: zones[0]).hasPrefix("2026-03-08 01:59 "))
    }
}
