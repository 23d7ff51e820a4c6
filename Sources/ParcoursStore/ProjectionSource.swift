import Foundation
import GRDB
import ParcoursLog

/// One event of a participant's stream, as projections read it: the envelope's
/// metadata and the plaintext of its payload.
public struct ProjectedEvent: Sendable {
    public var seq: UInt64
    public var id: String
    public var participant: String
    public var version: UInt64
    public var type: String
    public var schema: Int64
    public var author: String
    public var recordedAt: String
    /// The canonical JSON of the payload's data; nil when its key was destroyed (erased).
    public var payload: Data?

    public init(seq: UInt64, id: String, participant: String, version: UInt64, type: String, schema: Int64, author: String,
                recordedAt: String, payload: Data?) {
        (self.seq, self.id, self.participant, self.version, self.type) = (seq, id, participant, version, type)
        (self.schema, self.author, self.recordedAt, self.payload) = (schema, author, recordedAt, payload)
    }
}

/// The log as projections read it, inside one transaction: participant events in
/// `seq` order or stream by stream, opened with data keys unwrapped once each.
///
/// It lives only as long as the transaction it was given; the unwrapped keys go with it.
public final class ProjectionSource {
    /// The transaction's connection, for the projection's own tables.
    public let db: Database
    private let master: MasterKey
    private var keys: [String: DataKey?] = [:]

    init(db: Database, master: MasterKey) {
        self.db = db
        self.master = master
    }

    /// The number of records in the event log: the position a projection reaches once it has followed all of it.
    public func head() throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM event") ?? 0)
    }

    /// Participant events with `seq` in `position..<position+limit`, in `seq` order.
    public func events(from position: UInt64, limit: Int) throws -> [ProjectedEvent] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, line FROM event
            WHERE seq >= ? AND seq < ? AND stream >= 'participant/' AND stream < 'participant0' ORDER BY seq
            """), arguments: [Int64(position), Int64(position) + Int64(limit)])
        var events: [ProjectedEvent] = []
        while let row = try rows.next() { events.append(try event(seq: row[0], line: row[1])) }
        return events
    }

    /// One participant's events with `seq` in `start..<end`, in stream order.
    public func stream(of participant: String, from start: UInt64 = 0, before end: UInt64 = UInt64(Int64.max)) throws -> [ProjectedEvent] {
        // The seqs come from the (stream, version) index alone, which holds them; only the records
        // in range are read (a stream's seqs grow with its versions, so seq order is stream order).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, line FROM event WHERE seq IN (SELECT seq FROM event WHERE stream = ? AND seq >= ? AND seq < ?) ORDER BY seq
            """), arguments: [Identifiers.participantStreamPrefix + participant, Int64(start), Int64(end)])
        var events: [ProjectedEvent] = []
        while let row = try rows.next() { events.append(try event(seq: row[0], line: row[1])) }
        return events
    }

    /// Every participant's whole stream (events below `end`), one stream at a time, read
    /// in the order of the (stream, version) index so no stream is held longer than its
    /// turn. The records come as stored: `StoredStream.events()` parses and opens them,
    /// on any thread.
    public func forEachStream(before end: UInt64, _ body: (StoredStream) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT stream, seq, line FROM event
            WHERE stream >= 'participant/' AND stream < 'participant0' AND seq < ? ORDER BY stream, version
            """, arguments: [Int64(end)])
        var current: StoredStream?
        while let row = try rows.next() {
            let stream: String = row[0]
            if current?.stream != stream {
                if let finished = current { try body(finished) }
                guard let participant = Identifiers.participant(ofStream: stream) else { throw StoreError.storeDamaged("a stream name is not valid") }
                current = StoredStream(stream: stream, participant: participant, key: try dataKey(of: participant, caching: false))
            }
            current!.records.append((row[1], row[2]))
        }
        if let finished = current { try body(finished) }
    }

    /// The id of every participant with a stream.
    public func forEachStreamName(_ body: (String) throws -> Void) throws {
        let streams = try String.fetchCursor(db, sql: "SELECT DISTINCT stream FROM event WHERE stream >= 'participant/' AND stream < 'participant0'")
        while let stream = try streams.next() {
            if let participant = Identifiers.participant(ofStream: stream) { try body(participant) }
        }
    }

    /// The stream, type and author of the event `id` names, or nil when no event has that id
    /// (clear columns: no key is needed).
    public func event(withID id: String) throws -> (stream: String, type: String, author: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT stream, type, author FROM event WHERE id = ?"), arguments: [id])
            .map { (stream: $0["stream"], type: $0["type"], author: $0["author"]) }
    }

    /// The last event of a participant's stream: its version and type (clear columns), or nil
    /// when there is no such stream.
    public func streamHead(of participant: String) throws -> (version: UInt64, type: String, recordedAt: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT version, type, recorded_at FROM event WHERE stream = ? ORDER BY version DESC LIMIT 1"),
                         arguments: [Identifiers.participantStreamPrefix + participant])
            .map { (version: UInt64($0["version"] as Int64), type: $0["type"], recordedAt: $0["recorded_at"]) }
    }

    /// The participant's data key, or nil once erased.
    public func dataKey(of participant: String) throws -> DataKey? { try dataKey(of: participant, caching: true) }

    private func dataKey(of participant: String, caching: Bool) throws -> DataKey? {
        if let cached = keys[participant] { return cached }
        let key = try SQLiteLogTransaction(db: db, table: .events, master: master)
            .dataKey(forStream: Identifiers.participantStreamPrefix + participant, create: false)
        if caching { keys[participant] = key }
        return key
    }

    private func event(seq: Int64, line: Data) throws -> ProjectedEvent {
        try Self.event(seq: seq, line: line) { try dataKey(of: $0) }
    }

    /// Parses a stored record and opens its payload with the key `key(participant)` gives.
    static func event(seq: Int64, line: Data, key: (String) throws -> DataKey?) throws -> ProjectedEvent {
        let envelope: Envelope
        do {
            let json = try line.withUnsafeBytes { try JSONParser.parse(Array($0.bindMemory(to: UInt8.self))) }
            guard let object = json.objectValue, let envelopeJSON = object["envelope"] else { throw LogFormatError("no envelope") }
            envelope = try Envelope(json: envelopeJSON)
        } catch {
            throw StoreError.storeDamaged("record \(seq) does not parse")
        }
        guard let participant = Identifiers.participant(ofStream: envelope.stream) else {
            throw StoreError.storeDamaged("record \(seq) is not in a participant stream")
        }
        var payload: Data?
        switch envelope.payload {
        case .clear(let data): payload = Data(CanonicalJSON.encode(.object(data)))
        case .sealed(let sealed):
            if let key = try key(participant), key.id == sealed.keyID {
                do {
                    var plaintext = try sealed.plaintext(with: key, envelope: envelope)
                    payload = Data(plaintext)
                    Sodium.zero(&plaintext)
                } catch {
                    throw StoreError.storeDamaged("record \(seq) does not open with its data key")
                }
            }
        }
        return ProjectedEvent(seq: envelope.seq, id: envelope.id, participant: participant, version: envelope.version,
                              type: envelope.type, schema: envelope.schema, author: envelope.author.actor,
                              recordedAt: envelope.recordedAt.description, payload: payload)
    }
}

extension Store {
    /// Runs `body` in one write transaction with the log open for projecting: a
    /// projection writes its output and its position here, together or not at all.
    public func projectionWrite<T>(master: MasterKey, _ body: (ProjectionSource) throws -> T) throws -> T {
        try pool.write { db in try body(ProjectionSource(db: db, master: master)) }
    }

    /// An empty in-memory database with the store's tables, for folding the log into
    /// projections without touching the store (verification compares the two).
    public static func scratchProjectionDatabase() throws -> DatabaseQueue {
        let scratch = try DatabaseQueue()
        try StoreSchema.migrator.migrate(scratch)
        return scratch
    }

    /// Runs `body` in one read transaction (a consistent snapshot of log and projections).
    public func projectionRead<T>(master: MasterKey, _ body: (ProjectionSource) throws -> T) throws -> T {
        try pool.read { db in try body(ProjectionSource(db: db, master: master)) }
    }
}

/// One participant's stream as stored, with the data key that opens it (nil once erased).
public struct StoredStream: Sendable {
    public let stream: String
    public let participant: String
    public let key: DataKey?
    var records: [(seq: Int64, line: Data)] = []

    init(stream: String, participant: String, key: DataKey?) {
        self.stream = stream
        self.participant = participant
        self.key = key
    }

    /// The number of records.
    public var count: Int { records.count }

    /// The records parsed and opened, in stream order; safe to call on any thread.
    public func events() throws -> [ProjectedEvent] {
        try records.map { record in
            try ProjectionSource.event(seq: record.seq, line: record.line) { owner in
                guard owner == participant else { throw StoreError.storeDamaged("record \(record.seq) is not in its stream") }
                return key
            }
        }
    }
}
