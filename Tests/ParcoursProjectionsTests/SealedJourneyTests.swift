import Foundation
import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
import Testing

/// A journey is sealed in two parts, its latest acts with the rest of it and its earlier acts
/// apart (`SealedJourney`): opened whole it is the journey folded; opened for a page it is
/// what the whole journey cut to the reader's window says, and the earlier part is opened
/// only when the page needs acts from it. Synthetic journeys only.
@Suite("Journeys sealed in two parts")
struct SealedJourneyTests {
    static let key = DataKey.generate(id: "P-SPLIT")

    /// Generated journeys, the one with every member, and that one with a long timeline (the
    /// acts repeated, each kind of act before and after the split).
    static func journeys() throws -> [Journey] {
        let (folded, full) = try CodablePathTests.journeysWithEveryMember()
        var long = full
        long.timeline = (0..<4).flatMap { round in
            full.timeline.enumerated().map { index, act in
                var act = act
                act.id = "\(act.id)-\(round)"
                act.seq = UInt64(round * 1_000 + index)
                return act
            }
        }
        return folded.map(\.0) + [full, long]
    }

    static let windows = [TimelineWindow(latest: SealedJourney.recentActs, categories: Set(InformationCategory.allCases)),
                          TimelineWindow(latest: SealedJourney.recentActs + 5, categories: Set(InformationCategory.allCases)),
                          TimelineWindow(latest: 3, categories: Set(InformationCategory.allCases)),
                          TimelineWindow(latest: 1_000, categories: Set(InformationCategory.allCases)),
                          TimelineWindow(latest: 2, categories: [.stages, .relapses]),
                          TimelineWindow(latest: SealedJourney.recentActs, categories: [.plans, .referrals]),
                          TimelineWindow(latest: 5, categories: [])]

    @Test("opened whole, a sealed journey is the journey folded; its earlier acts are sealed apart only when it has more than the latest")
    func wholeJourney() throws {
        var split = 0
        for journey in try Self.journeys() {
            let sealed = try SealedJourney.seal(journey, with: Self.key)
            #expect(try sealed.open(of: journey.participant, with: Self.key) == journey, "\(journey.participant): opened as folded")
            #expect((sealed.earlier != nil) == (journey.timeline.count > SealedJourney.recentActs), "\(journey.participant): an earlier part only when needed")
            #expect(try SealedJourney.seal(journey, with: Self.key) == sealed, "sealed again, the same bytes (digests compare them)")
            if sealed.earlier != nil { split += 1 }
        }
        #expect(split > 3, "some journeys are split (\(split))")
    }

    @Test("opened for a page, a sealed journey keeps the latest acts the reader may see and counts them all, as the whole journey cut to the window says")
    func pageOfASplitJourney() throws {
        var partly = 0
        for journey in try Self.journeys() {
            let sealed = try SealedJourney.seal(journey, with: Self.key)
            for window in Self.windows {
                var given: Journey?
                let read = try sealed.open(of: journey.participant, with: Self.key) { journey in given = journey; return window }
                let expected = journey.cut(to: window)
                let categories = window.categories.count
                #expect(read.journey == expected.journey && read.acts == expected.acts, "\(journey.participant), \(categories) categories")
                // Cases that take some of the earlier acts, not all: only `latest` less those kept among the latest.
                let recent = journey.timeline.suffix(SealedJourney.recentActs).filter { window.keeps(type: $0.type) }.count
                if recent < window.latest, expected.acts > window.latest { partly += 1 }
                let asked = try #require(given)
                #expect(asked.timeline.count <= SealedJourney.recentActs && asked.careTeam == journey.careTeam,
                        "the window is asked with the rest of the journey read")
            }
        }
        #expect(partly > 3, "some pages take part of the earlier acts (\(partly))")
    }

    @Test("a page whose latest acts hold what it shows never opens the earlier acts; one that needs them, and the whole journey, do")
    func earlierActsLeftSealed() throws {
        let long = try #require(try Self.journeys().last)
        var sealed = try SealedJourney.seal(long, with: Self.key)
        #expect(sealed.earlier != nil)
        // The earlier part damaged: what does not open it still reads.
        sealed.earlier = Data(repeating: 7, count: sealed.earlier!.count)
        let page = try sealed.open(of: long.participant, with: Self.key) { _ in Self.windows[0] }
        #expect(page.journey.timeline == Array(long.timeline.suffix(SealedJourney.recentActs)) && page.acts == long.timeline.count)
        #expect(throws: ProjectionError.self) { try sealed.open(of: long.participant, with: Self.key) }
        let narrow = TimelineWindow(latest: SealedJourney.recentActs, categories: [.plans, .referrals])
        #expect(long.cut(to: narrow).acts > long.timeline.suffix(SealedJourney.recentActs).filter { narrow.keeps(type: $0.type) }.count,
                "the narrow view has acts among the earlier ones")
        #expect(throws: ProjectionError.self) { try sealed.open(of: long.participant, with: Self.key) { _ in narrow } }
        // Each part is bound to its participant and its kind: the earlier acts of another's journey, or in the head's place, do not open.
        let other = try SealedJourney.seal(long, with: DataKey.generate(id: "P-OTHER"))
        let swapped = SealedJourney(recent: try SealedJourney.seal(long, with: Self.key).recent, earlier: other.earlier)
        #expect(throws: ProjectionError.self) { try swapped.open(of: long.participant, with: Self.key) }
        let misplaced = SealedJourney(recent: try SealedJourney.seal(long, with: Self.key).earlier!, earlier: nil)
        #expect(throws: ProjectionError.self) { try misplaced.open(of: long.participant, with: Self.key) }
    }

    @Test("parts that do not agree — counts without the earlier acts, earlier acts the head does not count — are told as damage, never read as a shorter journey")
    func partsThatDisagree() throws {
        let long = try #require(try Self.journeys().last)
        let sealed = try SealedJourney.seal(long, with: Self.key)
        let headAlone = SealedJourney(recent: sealed.recent, earlier: nil)
        #expect(throws: ProjectionError.self) { try headAlone.open(of: long.participant, with: Self.key) }
        let narrow = TimelineWindow(latest: SealedJourney.recentActs, categories: [.plans, .referrals])
        #expect(throws: ProjectionError.self) { try headAlone.open(of: long.participant, with: Self.key) { _ in narrow } }
        var shorter = long
        shorter.timeline.removeFirst()
        let older = SealedJourney(recent: sealed.recent, earlier: try SealedJourney.seal(shorter, with: Self.key).earlier)
        #expect(throws: ProjectionError.self) { try older.open(of: long.participant, with: Self.key) }
        let short = try #require(try Self.journeys().first { $0.timeline.count <= SealedJourney.recentActs && !$0.timeline.isEmpty })
        let extra = SealedJourney(recent: try SealedJourney.seal(short, with: Self.key).recent, earlier: sealed.earlier)
        #expect(throws: ProjectionError.self) { try extra.open(of: long.participant, with: Self.key) }
    }

    @Test("a head the hand reading refuses is read by Codable and cut to the window, as the hand reads a sound one")
    func headThroughCodable() throws {
        let long = try #require(try Self.journeys().last)
        var head = JourneyHead(earlier: JourneyHead.counts(of: long.timeline.dropLast(SealedJourney.recentActs)), journey: long)
        head.journey.timeline = Array(long.timeline.suffix(SealedJourney.recentActs))
        let sound = Data(try ProjectionJSONEncoder().encode(head))
        // A member written twice, the same both times: the log's reader refuses it, JSONDecoder reads it.
        func twice(_ data: Data, _ member: String) -> Data {
            let text = String(decoding: data, as: UTF8.self)
            let pattern = "\"\(member)\":(true|false|[0-9]+)"
            return Data(text.replacingOccurrences(of: pattern, with: "\"\(member)\":$1,\"\(member)\":$1", options: .regularExpression).utf8)
        }
        let damaged = twice(sound, "voidedCount")
        #expect(ParsedJSONData(data: damaged).fields == nil, "not on the tape")
        for window in Self.windows {
            let byHand = try ParsedJSONData(data: sound).read(JourneyHead.self) { _ in window }
            let byCodable = try ParsedJSONData(data: damaged).read(JourneyHead.self) { _ in window }
            #expect(byCodable.journey == byHand.journey && byCodable.keptRecent == byHand.keptRecent && byCodable.keptEarlier == byHand.keptEarlier)
        }
        let earlier = Data(try ProjectionJSONEncoder().encode(EarlierActs(timeline: Array(long.timeline.dropLast(SealedJourney.recentActs)))))
        let damagedEarlier = twice(earlier, "corrected")
        #expect(ParsedJSONData(data: damagedEarlier).fields == nil, "not on the tape")
        let window = Self.windows[3]
        #expect(try ParsedJSONData(data: damagedEarlier).read(EarlierActs.self, window: window, latest: 4) ==
                (try ParsedJSONData(data: earlier).read(EarlierActs.self, window: window, latest: 4)), "the earlier acts too")
    }

    @Test("a journey sealed whole, as before the split (a store opened read-only before its migration), opens whole and for a page")
    func journeySealedWhole() throws {
        let long = try #require(try Self.journeys().last)
        let whole = SealedJourney(recent: try SealedProjection.seal(long, as: "journey", of: long.participant, with: Self.key), earlier: nil)
        #expect(try whole.open(of: long.participant, with: Self.key) == long)
        for window in Self.windows {
            let read = try whole.open(of: long.participant, with: Self.key) { _ in window }
            let expected = long.cut(to: window)
            #expect(read.journey == expected.journey && read.acts == expected.acts)
        }
    }

    @Test("the head of a split journey reads by hand as Codable reads it")
    func headByHand() throws {
        for journey in try Self.journeys() {
            var head = JourneyHead(earlier: [:], journey: journey)
            head.journey.timeline = Array(journey.timeline.suffix(SealedJourney.recentActs))
            for act in journey.timeline.dropLast(SealedJourney.recentActs) { head.earlier[act.type, default: 0] += 1 }
            let data = Data(try ProjectionJSONEncoder().encode(head))
            let fields = try #require(ParsedJSONData(data: data).fields)
            let hand = try JourneyHead(ActReading(fields: fields), at: 0)
            let codable = try JSONDecoder().decode(JourneyHead.self, from: data)
            #expect(hand == head && hand == codable)
            let foundation = try ProjectionJSONEncoder.foundation.encode(head)
            #expect(data == foundation, "written as JSONEncoder writes it")
        }
    }
}
