import Foundation
import ParcoursClinical
import ParcoursLog

/// A participant's journey as the journey projection keeps it: sealed under her or his data
/// key in two parts. `recent` holds the journey with only its latest acts (`recentActs`) in
/// its timeline, and how many acts of each type come before them; `earlier` holds those
/// acts, sealed apart (nil when there are none).
///
/// A participant's page shows the latest acts the reader may see. It opens `recent` alone
/// unless the reader's categories leave fewer there than the page shows and some earlier act
/// is of them: the earlier acts, most of a long journey, are neither decrypted nor parsed to
/// be left unshown (issue 12: the timeline was six tenths of the bytes a page opened).
/// Whatever reads the whole journey (the timeline's page, the API, a catch-up, an export)
/// opens both and gets the journey as it was folded.
public struct SealedJourney: Sendable, Equatable {
    /// How many of the latest acts `recent` holds: the acts a participant's page shows.
    public static let recentActs = 20

    public var recent: Data
    public var earlier: Data?

    public init(recent: Data, earlier: Data?) {
        (self.recent, self.earlier) = (recent, earlier)
    }

    /// `journey` sealed under `key`, deterministically (equal journeys, equal bytes).
    static func seal(_ journey: Journey, with key: DataKey) throws -> SealedJourney {
        let split = max(0, journey.timeline.count - recentActs)
        var head = JourneyHead(earlier: JourneyHead.counts(of: journey.timeline[..<split]), journey: journey)
        head.journey.timeline = Array(journey.timeline[split...])
        let recent = try SealedProjection.seal(head, as: "journey", of: journey.participant, with: key)
        guard split > 0 else { return SealedJourney(recent: recent, earlier: nil) }
        return SealedJourney(recent: recent, earlier: try SealedProjection.seal(EarlierActs(timeline: Array(journey.timeline[..<split])),
                                                                               as: "timeline", of: journey.participant, with: key))
    }

    /// The whole journey: the earlier acts, then the latest. The earlier acts must be those the
    /// head counts, type by type: a part lost or left from an older row is told as damage, never
    /// read as a shorter journey (which a catch-up would seal again).
    func open(of participant: String, with key: DataKey) throws -> Journey {
        let head = try SealedProjection.open(JourneyHead.self, recent, as: "journey", of: participant, with: key)
        let acts = try earlier.map { try SealedProjection.open(EarlierActs.self, $0, as: "timeline", of: participant, with: key).timeline } ?? []
        guard JourneyHead.counts(of: acts) == head.earlier else {
            throw ProjectionError.damaged("the journey projection of a participant does not hold the earlier acts it counts; rebuilding the projections repairs it")
        }
        var journey = head.journey
        journey.timeline = acts + journey.timeline
        return journey
    }

    /// A journey's facts for the access policy, from its `recent` part alone (they are not in
    /// the timeline): the earlier acts are neither read from the store nor opened.
    static func accessFacts(_ recent: Data, of participant: String, with key: DataKey) throws -> Journey.AccessFacts {
        try SealedProjection.open(JourneyHead.self, recent, as: "journey", of: participant, with: key).journey.accessFacts
    }

    /// The journey with only the latest acts of its timeline that `window` keeps, `window`
    /// being asked once the rest is read, and how many acts it keeps in all. `earlier` is
    /// opened only when `recent` holds fewer kept acts than the window shows and some earlier
    /// act is kept; of the acts not shown, only the type is read.
    func open(of participant: String, with key: DataKey, window: (Journey) -> TimelineWindow) throws -> (journey: Journey, acts: Int) {
        try Self.open(recent, earlier: { earlier }, of: participant, with: key, window: window)
    }

    /// As `open(of:with:window:)`, the earlier part read from the store (`fetchEarlier`) only
    /// when it is opened: a page that shows the latest acts does not read its bytes at all.
    static func open(_ recent: Data, earlier fetchEarlier: () throws -> Data?, of participant: String, with key: DataKey,
                     window: (Journey) -> TimelineWindow) throws -> (journey: Journey, acts: Int) {
        let head = try SealedProjection.open(recent, as: "journey", of: participant, with: key) { try $0.read(JourneyHead.self, window: window) }
        guard head.keptRecent < head.window.latest, head.keptEarlier > 0 else { return (head.journey, head.keptRecent + head.keptEarlier) }
        guard let earlier = try fetchEarlier() else {
            throw ProjectionError.damaged("the journey projection of a participant does not hold the earlier acts it counts; rebuilding the projections repairs it")
        }
        let acts = try SealedProjection.open(earlier, as: "timeline", of: participant, with: key) {
            try $0.read(EarlierActs.self, window: head.window, latest: head.window.latest - head.keptRecent)
        }
        var journey = head.journey
        journey.timeline = acts.entries + journey.timeline
        return (journey, acts.kept + head.keptRecent)
    }
}

/// What a sealed journey's `recent` part holds: the journey, its timeline cut to the latest
/// acts, and how many acts of each type come before them.
///
/// A row sealed before journeys were split (a read-only store not yet migrated) holds the
/// journey whole: it reads as the journey, nothing before it.
struct JourneyHead: Codable, Equatable {
    var earlier: [String: Int]
    var journey: Journey

    init(earlier: [String: Int], journey: Journey) {
        (self.earlier, self.journey) = (earlier, journey)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.journey) else {
            (earlier, journey) = ([:], try Journey(from: decoder))
            return
        }
        earlier = try container.decode([String: Int].self, forKey: .earlier)
        journey = try container.decode(Journey.self, forKey: .journey)
    }

    /// A head read for a page: the journey with the latest acts `window` keeps (those of the
    /// head), the window it was given, and how many acts the window keeps here and before.
    struct Cut {
        var journey: Journey
        var window: TimelineWindow
        var keptRecent: Int
        var keptEarlier: Int
    }

    /// How many of `acts` there are of each type.
    static func counts(of acts: some Sequence<Journey.TimelineEntry>) -> [String: Int] {
        acts.reduce(into: [:]) { $0[$1.type, default: 0] += 1 }
    }

    /// How many acts before the head's `window` keeps.
    static func kept(_ earlier: [String: Int], by window: TimelineWindow) -> Int {
        earlier.reduce(0) { window.keeps(type: $1.key) ? $0 + $1.value : $0 }
    }

    /// This head cut for a page (what `read(_:at:window:)` gives, for a head already read whole).
    func cut(_ window: (Journey) -> TimelineWindow) -> Cut {
        let chosen = window(journey)
        let (cut, kept) = journey.cut(to: chosen)
        return Cut(journey: cut, window: chosen, keptRecent: kept, keptEarlier: Self.kept(earlier, by: chosen))
    }
}

extension JourneyHead: ActReading.Readable {
    init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        guard let journey = reading.fields.member("journey", of: object) else {
            (earlier, self.journey) = ([:], try Journey(reading, at: object))
            return
        }
        earlier = try Self.counts(reading, at: object)
        self.journey = try Journey(reading, at: journey)
    }

    /// The head of a page (`Cut`), the acts of the timeline `window` does not keep never made into values.
    static func read(_ reading: ActReading, at object: Int, window: (Journey) -> TimelineWindow) throws(ActReading.Unreadable) -> Cut {
        let journey = reading.fields.member("journey", of: object) ?? object
        let earlier = journey == object ? [:] : try counts(reading, at: object)
        let (read, chosen, kept) = try Journey.read(reading, at: journey, window: window)
        return Cut(journey: read, window: chosen, keptRecent: kept, keptEarlier: Self.kept(earlier, by: chosen))
    }

    private static func counts(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) -> [String: Int] {
        try reading.dictionary("earlier", of: object) { position throws(ActReading.Unreadable) in
            guard reading.fields.kind(at: position) == .integer else { throw ActReading.Unreadable() }
            return Int(reading.fields.integer(at: position))
        }
    }
}

/// What a sealed journey's `earlier` part holds: the acts before the head's, in order.
struct EarlierActs: Codable, Equatable {
    var timeline: [Journey.TimelineEntry]
}

extension EarlierActs: ActReading.Readable {
    init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        timeline = try reading.objects("timeline", of: object)
    }
}

extension ParsedJSONData {
    /// A sealed journey's head for a page: read by hand when nothing is out of the ordinary,
    /// whole through `decode` and cut otherwise (the same either way, or the same refusal).
    func read(_ type: JourneyHead.Type, window: (Journey) -> TimelineWindow) throws -> JourneyHead.Cut {
        if let fields, let cut = try? JourneyHead.read(ActReading(fields: fields), at: 0, window: window) { return cut }
        return try decode(type).cut(window)
    }

    /// The latest `latest` of the earlier acts `window` keeps, and how many it keeps in all.
    func read(_ type: EarlierActs.Type, window: TimelineWindow, latest: Int) throws -> (entries: [Journey.TimelineEntry], kept: Int) {
        if let fields {
            let reading = ActReading(fields: fields)
            if let array = try? reading.required("timeline", of: 0, .array),
               let read = try? Journey.entries(reading, array: array, keptBy: window, latest: latest) { return read }
        }
        let kept = try decode(type).timeline.filter { window.keeps(type: $0.type) }
        return (Array(kept.suffix(latest)), kept.count)
    }
}
