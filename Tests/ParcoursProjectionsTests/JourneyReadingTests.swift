import Foundation
import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
import Testing

/// Every page of a record opens a sealed journey, read by hand (`Journey+Reading`); what it
/// reads must be exactly what `Codable` reads, and it must refuse exactly what `Codable`
/// refuses (then the `Codable` path reads it, as before). Synthetic journeys only.
@Suite("Journeys read by hand, as Codable reads them")
struct JourneyReadingTests {
    /// The hand reading alone, no `Codable` path behind it; nil when it refuses.
    static func byHand(_ data: Data) -> Journey? {
        guard let fields = ParsedJSONData(data: data).fields else { return nil }
        return try? Journey(ActReading(fields: fields), at: 0)
    }

    static func byCodable(_ data: Data) -> Journey? { try? JSONDecoder().decode(Journey.self, from: data) }

    @Test("generated journeys, and one with every member filled, read by hand to the journey written and to what Codable reads")
    func generatedJourneys() throws {
        let (folded, full) = try CodablePathTests.journeysWithEveryMember()
        var filled: [String: Bool] = [:]
        for journey in folded.map(\.0) + [full] {
            let data = Data(try ProjectionJSONEncoder().encode(journey))
            let hand = try #require(Self.byHand(data), "\(journey.participant) reads by hand")
            #expect(hand == journey, "\(journey.participant): read back as written")
            #expect(hand == Self.byCodable(data), "\(journey.participant): as Codable reads it")
            CodablePathTests.note(hand, at: "journey", in: &filled)
        }
        // Every member at every depth was read by hand in some journey above: one added to `Journey` and not to its hand
        // reading fails to compile when required, and shows here when optional.
        #expect(filled.filter { !$0.value }.keys.sorted() == [], "members never read by hand")
    }

    @Test("a journey sealed before the acts kept their English reads by hand as Codable reads it, its acts without English, and is written back as it was")
    func journeyWithoutEnglish() throws {
        let (folded, _) = try CodablePathTests.journeysWithEveryMember()
        var journey = try #require(folded.first { !$0.0.timeline.isEmpty }?.0)
        for index in journey.timeline.indices { journey.timeline[index].englishSummary = nil }
        let data = Data(try ProjectionJSONEncoder().encode(journey))
        #expect(!String(decoding: data, as: UTF8.self).contains("englishSummary"), "no member for an English line it never had")
        let hand = try #require(Self.byHand(data))
        #expect(hand == journey && hand == Self.byCodable(data))
        #expect(hand.timeline.allSatisfy { $0.englishSummary == nil && !$0.summary.isEmpty })
        try CodablePathTests.expectSameBytes(journey, "a journey without English lines: the member left out, as JSONEncoder does")
    }

    @Test("a journey read for a page keeps the latest acts the reader may see and counts them all, as the whole journey redacted says; the rest as read whole")
    func timelineWindow() throws {
        let (folded, full) = try CodablePathTests.journeysWithEveryMember()
        let windows = [TimelineWindow(latest: 3, categories: Set(InformationCategory.allCases)),
                       TimelineWindow(latest: 1_000, categories: Set(InformationCategory.allCases)),
                       TimelineWindow(latest: 2, categories: [.stages, .relapses]), TimelineWindow(latest: 5, categories: [])]
        var cut = 0
        for journey in folded.map(\.0) + [full] {
            let data = Data(try ProjectionJSONEncoder().encode(journey))
            let fields = try #require(ParsedJSONData(data: data).fields)
            for window in windows {
                var given: Journey?
                let read = try Journey.read(ActReading(fields: fields), at: 0) { journey in given = journey; return window }
                let shown = journey.redacted(to: window.categories).timeline
                #expect(read.acts == shown.count, "\(journey.participant): every act the reader may see is counted")
                #expect(read.journey.timeline == Array(shown.suffix(window.latest)), "\(journey.participant): the latest of them kept, in order")
                #expect(read.journey.redacted(to: window.categories).timeline == read.journey.timeline, "nothing kept that the view leaves out")
                var rest = read.journey
                rest.timeline = journey.timeline
                #expect(rest == journey, "\(journey.participant): everything but the timeline read as whole")
                #expect(given?.timeline == [] && given?.careTeam == journey.careTeam && given?.consents == journey.consents,
                        "the window is asked with the journey's access facts read, before its timeline")
                // As a row sealed before journeys were split holds it: the head reads it whole, nothing before it.
                let head = try ParsedJSONData(data: data).read(JourneyHead.self, window: { _ in window })
                #expect(head.journey == read.journey && head.keptRecent == read.acts && head.keptEarlier == 0 && head.window == window,
                        "opened the same")
                if shown.count > window.latest { cut += 1 }
            }
        }
        #expect(cut > 3, "some timelines are longer than their window (\(cut))")
    }

    @Test("a journey the hand reading refuses is read whole by Codable, then cut to the window")
    func timelineWindowThroughCodable() throws {
        let text = String(decoding: CodablePathTests.bytes(.object(try Self.smallFullJourney())), as: UTF8.self)
        let data = Data(text.replacingOccurrences(of: #""voidedCount":"#, with: #""voidedCount":3,"voidedCount":"#).utf8)
        #expect(Self.byHand(data) == nil, "not on the tape")
        let whole = try #require(Self.byCodable(data))
        #expect(!whole.timeline.isEmpty)
        let window = TimelineWindow(latest: 1, categories: Set(InformationCategory.allCases))
        let read = try ParsedJSONData(data: data).read(JourneyHead.self) { _ in window }
        #expect(read.journey.timeline == Array(whole.timeline.suffix(1)) && read.keptRecent == whole.timeline.count && read.keptEarlier == 0)
    }

    /// The journey with every member, each array cut to its first entry (the damage is done there, at every depth).
    static func smallFullJourney() throws -> [String: JSONValue] {
        func cut(_ value: JSONValue) -> JSONValue {
            switch value {
            case .array(let elements): .array(elements.prefix(1).map(cut))
            case .object(let members): .object(members.mapValues(cut))
            default: value
            }
        }
        let full = try CodablePathTests.journeysWithEveryMember().full
        return try #require(cut(try JSONParser.parse(Array(try ProjectionJSONEncoder().encode(full)))).objectValue)
    }

    @Test("a damaged journey is refused by hand exactly where Codable refuses it, read the same where Codable reads it, and opened as Codable opens it")
    func damagedJourneys() throws {
        let journey = try Self.smallFullJourney()
        // The corrections, a dictionary, are damaged too: an object of the JSON, its entries replaced, removed, and damaged within.
        #expect(journey["corrections"]?.objectValue?.isEmpty == false, "the journey has corrections to damage")
        let copies = ActReadingTests.damaged(journey)
        var refused = 0, read = 0
        for (index, (label, copy)) in copies.enumerated() {
            let data = CodablePathTests.bytes(.object(copy))
            let codable = Self.byCodable(data)
            #expect(Self.byHand(data) == codable, "\(label): by hand as by Codable")
            // The opening itself (the hand reading, then Codable's when it refuses) on one copy in four: the debug build is slow.
            if index % 4 == 0 { #expect((try? ParsedJSONData(data: data).read(Journey.self)) == codable, "\(label): opened as Codable opens it") }
            if codable == nil { refused += 1 } else { read += 1 }
        }
        #expect(refused > 1_000 && read > 300, "both refusals and readings are compared (\(refused), \(read))")
    }

    @Test("text the log's reader refuses (a fraction, a duplicate member) is opened by Codable, as before")
    func notOnTheTape() throws {
        let text = String(decoding: CodablePathTests.bytes(.object(try Self.smallFullJourney())), as: UTF8.self)
        let fraction = text.replacingOccurrences(of: #""voidedCount":"#, with: #""voidedCount":1.0,"x":"#)
        let duplicate = text.replacingOccurrences(of: #""voidedCount":"#, with: #""voidedCount":3,"voidedCount":"#)
        var readByCodable = 0
        for variant in [fraction, duplicate] {
            #expect(variant != text)
            let data = Data(variant.utf8)
            #expect(Self.byHand(data) == nil, "not on the tape")
            let codable = Self.byCodable(data)
            #expect((try? ParsedJSONData(data: data).read(Journey.self)) == codable, "opened as Codable opens it")
            if codable != nil { readByCodable += 1 }
        }
        #expect(readByCodable > 0, "JSONDecoder reads one of them, and so does the journey's opening")
    }
}
