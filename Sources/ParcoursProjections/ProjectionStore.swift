import Foundation
import ParcoursLog

/// Where a backend keeps the projections, beside the log they follow.
///
/// The projector, the readers and the consent-aware writer know storage only through this
/// protocol. Entry points are async: the caller suspends while the backend runs the body
/// on its own threads, in one transaction. Bodies are synchronous so that no transaction
/// is held open across a suspension (a SQLite writer's lock, a PostgreSQL connection): a
/// backend whose driver is asynchronous runs the body on a thread of its own and waits
/// there. A store value holds the master key its caller unlocked (to open data keys).
public protocol ProjectionStore: Sendable {
    /// Runs `body` on one consistent snapshot of the log and the projections.
    func read<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T

    /// Runs `body` in one write transaction: a projection writes its output and its
    /// position together, or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T

    /// Appends to the event log, signed by `author`, the batch `prepare` draws up inside the
    /// log's write transaction, reading the log and the projections as they stand once the
    /// writer's lock is taken (two writers never decide from the same state). `prepare` may
    /// give access records: they go to the access log in the same transaction, so acts and
    /// their access records are durable together or not at all. Nothing is written if
    /// `prepare` throws.
    func append(preparing prepare: @escaping @Sendable (any ProjectionTransaction) throws -> PreparedBatch,
                by author: UnlockedActor) async throws -> [AppendResult]
}

/// What a writer draws up inside the log's write transaction.
public struct PreparedBatch: Sendable {
    public var drafts: [EventDraft]
    public var access: [(type: String, data: [String: JSONValue])]

    public init(drafts: [EventDraft], access: [(type: String, data: [String: JSONValue])]) {
        (self.drafts, self.access) = (drafts, access)
    }
}

/// The log as projections read it, and the projection tables, inside one transaction.
/// Valid only inside the body that received it; the data keys it unwrapped go with it.
public protocol ProjectionTransaction: AnyObject, ProjectionTables {
    // MARK: The event log

    /// The number of records in the event log: the position a projection reaches once it has followed all of it.
    func head() throws -> UInt64
    /// Participant events with `seq` in `position..<position+limit`, in `seq` order.
    func events(from position: UInt64, limit: Int) throws -> [ProjectedEvent]
    /// One participant's events with `seq` in `start..<end`, in stream order.
    func streamEvents(of participant: String, from start: UInt64, before end: UInt64) throws -> [ProjectedEvent]
    /// Every participant's whole stream (events below `end`), one stream at a time, as stored:
    /// `StoredStream.events()` parses and opens them, on any thread.
    func forEachStream(before end: UInt64, _ body: (StoredStream) throws -> Void) throws
    /// The stream, type and author of the event `id` names, or nil when no event has that id.
    func event(withID id: String) throws -> (stream: String, type: String, author: String)?
    /// The last event of a participant's stream (clear columns), or nil when there is no such stream.
    func streamHead(of participant: String) throws -> (version: UInt64, type: String, recordedAt: String)?
    /// The participant's data key, or nil once erased.
    func dataKey(of participant: String) throws -> DataKey?
    /// The participants erased by a record at or after `position`.
    func participantsErased(since position: UInt64) throws -> Set<String>

    /// Runs `body` over empty projection tables that are not the store's (a scratch copy,
    /// discarded after): verification folds the log into them and compares.
    func withScratchTables<T>(_ body: (any ProjectionTables) throws -> T) throws -> T
}

extension ProjectionTransaction {
    /// One participant's events with `seq` in `start..<end`, in stream order.
    public func stream(of participant: String, from start: UInt64 = 0, before end: UInt64 = UInt64(Int64.max)) throws -> [ProjectedEvent] {
        try streamEvents(of: participant, from: start, before: end)
    }
}

/// The projections' own tables inside a transaction: positions, the sealed journeys, and
/// the rows each projection derives from a journey.
public protocol ProjectionTables: AnyObject {
    /// Each projection's position: the number of event records it has followed.
    func positions() throws -> [ProjectionName: UInt64]
    func setPosition(_ position: UInt64, of names: Set<ProjectionName>) throws
    /// Empties the projections' tables before a rebuild writes them again.
    func clear(_ names: Set<ProjectionName>) throws
    /// Removes a participant from the projections.
    func remove(_ participant: String, from names: Set<ProjectionName>) throws
    /// Writes a participant's rows in each projection, replacing what was there.
    func write(_ prepared: SealedProjection, to names: Set<ProjectionName>) throws

    /// A participant's sealed access facts and record, without the journey (the largest blob
    /// by far), and the seq the row follows the stream up to (exclusive): one row, read in
    /// one statement, so what it holds and how far it goes agree whatever a projector commits
    /// meanwhile. Nil when there is no row, or its facts are not kept apart.
    func sealedAccess(of participant: String) throws -> (access: Data, record: Data, throughSeq: UInt64)?
    /// A participant's sealed journey (both parts) and record, and the seq the row follows the stream up to (exclusive).
    func sealedJourneyAndRecord(of participant: String) throws -> (journey: SealedJourney, record: Data, throughSeq: UInt64)?
    /// A participant's sealed journey, both parts.
    func sealedJourney(of participant: String) throws -> SealedJourney?
    /// The first part alone of a participant's sealed journey (`SealedJourney.recent`): what a page reads.
    func sealedJourneyRecent(of participant: String) throws -> Data?
    /// The second part of a participant's sealed journey (`SealedJourney.earlier`), nil without one.
    func sealedJourneyEarlier(of participant: String) throws -> Data?
    /// Every sealed journey, by participant id.
    func forEachSealedJourney(_ body: (_ participant: String, _ sealed: SealedJourney) throws -> Void) throws

    /// The caseload rows of a clinician: open follow-ups first, the longest without contact first.
    func caseload(of clinician: String) throws -> [CaseloadEntry]
    /// The program projection's figures for a period (inclusive days).
    func programFigures(from: String, to: String) throws -> ProgramFigures

    /// A digest of each of a projection's tables, rows in key order, leaving out `participants`:
    /// equal contents, equal digests.
    func digests(of name: ProjectionName, leavingOut participants: Set<String>) throws -> [ProjectionDigest]
}

/// A digest of one table of a projection.
public struct ProjectionDigest: Sendable, Equatable {
    public var table: String
    public var rows: Int
    public var hash: Hash

    public init(table: String, rows: Int, hash: Hash) {
        (self.table, self.rows, self.hash) = (table, rows, hash)
    }
}
