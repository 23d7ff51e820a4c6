import Foundation
import ParcoursClinical
import ParcoursLog

/// Follows the event log into the projection tables, and rebuilds them from seq 0.
///
/// Each step writes its output and the position it reached in one transaction, so an
/// event is projected exactly once whatever stops the process. Appends do not wait
/// for projections; readers call `catchUp()` first, and so see their own writes.
public struct Projector: Sendable {
    let store: any ProjectionStore
    /// Events followed per transaction when catching up.
    let chunk: UInt64

    public init(store: any ProjectionStore, chunk: UInt64 = 10_000) {
        self.store = store
        self.chunk = max(chunk, 1)
    }

    /// Follows the log to its head; returns how many records were followed.
    @discardableResult
    public func catchUp() async throws -> UInt64 {
        // Most reads find nothing to follow: a read transaction says so without taking the writer's lock.
        let behind = try await store.read { source in
            let head = try source.head()
            return try source.positions().values.contains { $0 < head }
        }
        guard behind else { return 0 }
        var followed: UInt64 = 0
        while true {
            let step = try await store.write { [self] source -> Step in
                let positions = try source.positions()
                let head = try source.head()
                let lagging = Set(positions.filter { $0.value < head }.map(\.key))
                guard !lagging.isEmpty else { return Step(followed: 0, done: true) }
                let position = positions[lagging.first!]!
                guard lagging.allSatisfy({ positions[$0] == position }) else {
                    // Projections at different places (an interrupted upgrade): start the laggards over.
                    try rebuild(lagging, head: head, source)
                    return Step(followed: head, done: true)
                }
                let end = min(head, position + chunk)
                try follow(from: position, to: end, into: lagging, source)
                return Step(followed: end - position, done: end == head)
            }
            followed += step.followed
            if step.done { return followed }
        }
    }

    /// How far one transaction of a catch-up went.
    struct Step: Sendable {
        var followed: UInt64
        var done: Bool
    }

    /// Empties the named projections and rebuilds them from seq 0, in one transaction;
    /// the others are first brought to the same place.
    public func rebuild(_ names: Set<ProjectionName> = Set(ProjectionName.allCases)) async throws {
        try await store.write { [self] source in
            let positions = try source.positions()
            let head = try source.head()
            let others = Set(ProjectionName.allCases).subtracting(names)
            var rebuilt = names
            if let position = others.first.map({ positions[$0]! }), others.allSatisfy({ positions[$0] == position }) {
                if position < head { try follow(from: position, to: head, into: others, source) }
            } else {
                rebuilt = Set(ProjectionName.allCases)
            }
            try rebuild(rebuilt, head: head, source)
        }
    }

    /// Applies the records in `position..<end` to projections that are all at `position`.
    ///
    /// What the database holds is read in turn; each participant's journey is then opened,
    /// moved forward (or folded again), encoded and sealed on all cores; rows are written in turn.
    func follow(from position: UInt64, to end: UInt64, into names: Set<ProjectionName>, _ source: any ProjectionTransaction) throws {
        var order: [String] = []
        var byParticipant: [String: [ProjectedEvent]] = [:]
        for event in try source.events(from: position, limit: Int(end - position)) {
            if byParticipant[event.participant] == nil { order.append(event.participant) }
            byParticipant[event.participant, default: []].append(event)
        }
        var work: [FollowWork] = []
        for participant in order {
            let events = byParticipant[participant]!
            guard !events.contains(where: { $0.type == StreamRules.participantErased }),
                  let key = try source.dataKey(of: participant) else {
                try source.remove(participant, from: names)
                continue
            }
            // A correction or voiding changes earlier acts, and a projection without the journey has no state to move
            // forward: the stream is folded again.
            let moving = names.contains(.journey) && !events.contains { Journey.rewritesEarlierActs($0.type) }
            let sealed = moving ? try source.sealedJourneyAndRecord(of: participant).map { ($0.journey, $0.record) } : nil
            work.append(FollowWork(participant: participant, key: key, events: sealed == nil ? try source.stream(of: participant, before: end) : events,
                                   sealed: sealed))
        }
        let sealing = names.contains(.journey)
        let prepared = try work.parallelMap { item in
            var (journey, record): (Journey, ParticipantRecord)
            if let sealed = item.sealed {
                (journey, record) = try SealedProjection.open(sealed, of: item.participant, with: item.key)
                Self.advance(&journey, &record, by: item.events)
            } else {
                (journey, record) = Self.fold(item.participant, item.events)
            }
            return try SealedProjection(journey, record: record, key: item.key, sealing: sealing)
        }
        for participant in prepared { try source.write(participant, to: names) }
        try source.setPosition(end, of: names)
    }

    /// One participant to move forward: her or his new events and stored state, or whole stream.
    struct FollowWork: Sendable {
        var participant: String
        var key: DataKey
        var events: [ProjectedEvent]
        var sealed: (journey: SealedJourney, record: Data)?
    }

    /// Empties `names` and projects every stream below `head` into them.
    func rebuild(_ names: Set<ProjectionName>, head: UInt64, _ source: any ProjectionTransaction) throws {
        try source.clear(names)
        try project(names, before: head, source, into: source)
        try source.setPosition(head, of: names)
    }

    /// Writes into (empty) `tables` of `names` every stream below `head`: what a rebuild
    /// writes, and what `verify()` compares the projections with.
    ///
    /// Streams are read a few thousand events at a time and each batch is folded, encoded
    /// and sealed on all cores while the transaction's thread reads the next batch and
    /// writes the rows of the one before: the database's work, which only that thread may
    /// do, no longer leaves the other cores idle. Rows are written in the order the streams
    /// were read.
    func project(_ names: Set<ProjectionName>, before head: UInt64, _ source: any ProjectionTransaction, into tables: any ProjectionTables) throws {
        let sealing = names.contains(.journey)
        var pending: [StoredStream] = []
        var pendingEvents = 0
        var folding: FoldingBatch?
        func write(_ batch: FoldingBatch?) throws {
            guard let batch else { return }
            for participant in try batch.prepared() { try tables.write(participant, to: names) }
        }
        func flush() throws {
            let batch = FoldingBatch(pending, sealing: sealing)
            pending.removeAll(keepingCapacity: true)
            pendingEvents = 0
            try write(folding)
            folding = batch
        }
        try source.forEachStream(before: head) { stream in
            guard stream.key != nil else { return }
            pending.append(stream)
            pendingEvents += stream.count
            if pendingEvents >= 8_000 { try flush() }
        }
        try flush()
        try write(folding)
    }

    /// A batch of streams being folded, encoded and sealed on all cores, away from the
    /// thread that started it; `prepared()` waits for them.
    final class FoldingBatch: @unchecked Sendable {
        // Written once by the folding work before `done` is signalled, read only after.
        private var outcome: Result<[SealedProjection], any Error> = .success([])
        private let done = DispatchSemaphore(value: 0)

        init(_ streams: [StoredStream], sealing: Bool) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                outcome = Result {
                    try streams.parallelMap { stream -> SealedProjection? in
                        let events = try stream.events()
                        guard let key = stream.key, events.last?.type != StreamRules.participantErased else { return nil }
                        let (journey, record) = Projector.fold(stream.participant, events)
                        return try SealedProjection(journey, record: record, key: key, sealing: sealing)
                    }.compactMap { $0 }
                }
                done.signal()
            }
        }

        /// The batch's projections, in the order of its streams, once all are ready.
        func prepared() throws -> [SealedProjection] {
            done.wait()
            return try outcome.get()
        }
    }

    /// Moves a stored journey and the rules' record forward by the stream's next events.
    static func advance(_ journey: inout Journey, _ record: inout ParticipantRecord, by events: [ProjectedEvent]) {
        for event in events {
            let recorded = RecordedAct.decode(event)
            journey.apply(event, recorded)
            if event.payload != nil { record.apply(type: event.type, id: event.id, recorded: recorded) }
        }
    }

    static func fold(_ participant: String, _ events: [ProjectedEvent]) -> (Journey, ParticipantRecord) {
        var record = ParticipantRecord(participant: participant)
        let journey = Journey.fold(participant: participant, events: events, record: &record)
        return (journey, record)
    }
}
