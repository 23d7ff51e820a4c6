import Foundation
import GRDB
import ParcoursLog
import ParcoursProjections

/// The log and the projection tables inside one GRDB transaction of the store.
final class SQLiteProjectionTransaction: SQLiteProjectionTables, ProjectionTransaction {
    private let master: MasterKey
    private var keys: [String: DataKey?] = [:]

    init(db: Database, master: MasterKey) {
        self.master = master
        super.init(db: db)
    }

    // MARK: The event log

    func head() throws -> UInt64 {
        UInt64(try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM event")) ?? 0)
    }

    func events(from position: UInt64, limit: Int) throws -> [ProjectedEvent] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, line FROM event
            WHERE seq >= ? AND seq < ? AND stream >= 'participant/' AND stream < 'participant0' ORDER BY seq
            """), arguments: [Int64(position), Int64(position) + Int64(limit)])
        var events: [ProjectedEvent] = []
        while let row = try rows.next() { events.append(try event(seq: row[0], line: row[1])) }
        return events
    }

    func streamEvents(of participant: String, from start: UInt64, before end: UInt64) throws -> [ProjectedEvent] {
        // The seqs come from the (stream, version) index alone, which holds them; only the records
        // in range are read (a stream's seqs grow with its versions, so seq order is stream order).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, line FROM event WHERE seq IN (SELECT seq FROM event WHERE stream = ? AND seq >= ? AND seq < ?) ORDER BY seq
            """), arguments: [Identifiers.participantStreamPrefix + participant, Int64(start), Int64(min(end, UInt64(Int64.max)))])
        var events: [ProjectedEvent] = []
        while let row = try rows.next() { events.append(try event(seq: row[0], line: row[1])) }
        return events
    }

    /// Read in the order of the (stream, version) index, so no stream is held longer than its turn.
    func forEachStream(before end: UInt64, _ body: (StoredStream) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT stream, seq, line FROM event
            WHERE stream >= 'participant/' AND stream < 'participant0' AND seq < ? ORDER BY stream, version
            """, arguments: [Int64(end)])
        var current: StoredStream?
        while let row = try rows.next() {
            let stream: String = row[0]
            if current?.stream != stream {
                if let finished = current { try body(finished) }
                guard let participant = Identifiers.participant(ofStream: stream) else { throw LogError.storeDamaged("a stream name is not valid") }
                current = StoredStream(stream: stream, participant: participant, key: try dataKey(of: participant, caching: false))
            }
            current!.records.append((row[1], row[2]))
        }
        if let finished = current { try body(finished) }
    }

    func event(withID id: String) throws -> (stream: String, type: String, author: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT stream, type, author FROM event WHERE id = ?"), arguments: [id])
            .map { (stream: $0["stream"], type: $0["type"], author: $0["author"]) }
    }

    func streamHead(of participant: String) throws -> (version: UInt64, type: String, recordedAt: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT version, type, recorded_at FROM event WHERE stream = ? ORDER BY version DESC LIMIT 1"),
                         arguments: [Identifiers.participantStreamPrefix + participant])
            .map { (version: UInt64($0["version"] as Int64), type: $0["type"], recordedAt: $0["recorded_at"]) }
    }

    func dataKey(of participant: String) throws -> DataKey? { try dataKey(of: participant, caching: true) }

    private func dataKey(of participant: String, caching: Bool) throws -> DataKey? {
        if let cached = keys[participant] { return cached }
        // Only the data key is read through it, never a tree: the tree tables' key does not matter.
        let key = try SQLiteLogTransaction(db: db, table: .events, master: master, trees: .lastLeaf)
            .dataKey(forStream: Identifiers.participantStreamPrefix + participant, create: false)
        if caching { keys[participant] = key }
        return key
    }

    private func event(seq: Int64, line: Data) throws -> ProjectedEvent {
        try ProjectedEvent.parse(seq: seq, line: line) { try dataKey(of: $0) }
    }

    func participantsErased(since position: UInt64) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT stream FROM event WHERE type = ? AND seq >= ?",
                                arguments: [StreamRules.participantErased, Int64(position)])
            .compactMap(Identifiers.participant(ofStream:)))
    }

    func withScratchTables<T>(_ body: (any ProjectionTables) throws -> T) throws -> T {
        // In memory, its temporary files too (`Store.configuration`).
        let scratch = try DatabaseQueue(configuration: Store.configuration())
        try StoreSchema.migrator.migrate(scratch)
        return try scratch.write { db in try body(SQLiteProjectionTables(db: db)) }
    }
}
