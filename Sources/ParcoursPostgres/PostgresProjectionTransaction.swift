import Foundation
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// The event log and the projection tables inside one transaction on one connection.
final class PostgresProjectionTransaction: PostgresProjectionTables, ProjectionTransaction {
    private let master: MasterKey
    private var keys: [String: DataKey?] = [:]
    private let events = PostgresLogSchema.recordsTable(.events)

    init(session: PostgresSession, master: MasterKey) {
        self.master = master
        super.init(session: session)
    }

    // MARK: The event log

    /// The head row: within an append, it counts the batch's records already inserted.
    func head() throws -> UInt64 {
        try PostgresLogTransaction(session: session, log: .events, writing: false, master: master).size()
    }

    func events(from position: UInt64, limit: Int) throws -> [ProjectedEvent] {
        try session.rows("""
            SELECT seq, line FROM \(unescaped: events)
            WHERE seq >= \(Int64(position)) AND seq < \(Int64(position) + Int64(limit))
                AND stream >= 'participant/' AND stream < 'participant0' ORDER BY seq
            """).map(event)
    }

    func streamEvents(of participant: String, from start: UInt64, before end: UInt64) throws -> [ProjectedEvent] {
        // A stream's seqs grow with its versions: seq order is stream order.
        try session.rows("""
            SELECT seq, line FROM \(unescaped: events)
            WHERE stream = \(Identifiers.participantStreamPrefix + participant) AND seq >= \(Int64(start)) AND seq < \(Int64(min(end, UInt64(Int64.max))))
            ORDER BY seq
            """).map(event)
    }

    /// Read in the order of the (stream, version) index, a page at a time, so no stream is
    /// held longer than its turn and memory does not grow with the log.
    func forEachStream(before end: UInt64, _ body: (StoredStream) throws -> Void) throws {
        var current: StoredStream?
        var after: (stream: String, version: Int64) = ("participant/", -1)
        while true {
            let rows = try session.rows("""
                SELECT stream, version, seq, line FROM \(unescaped: events)
                WHERE (stream, version) > (\(after.stream), \(after.version)) AND stream < 'participant0' AND seq < \(Int64(end))
                ORDER BY stream, version LIMIT \(Self.page)
                """)
            for row in rows {
                let (stream, version, seq, line) = try row.decode((String, Int64, Int64, ByteBuffer).self)
                if current?.stream != stream {
                    if let finished = current { try body(finished) }
                    guard let participant = Identifiers.participant(ofStream: stream) else { throw LogError.storeDamaged("a stream name is not valid") }
                    current = StoredStream(stream: stream, participant: participant, key: try dataKey(of: participant, caching: false))
                }
                current!.records.append((seq, Data(line.readableBytesView)))
                after = (stream, version)
            }
            if rows.count < Self.page { break }
        }
        if let finished = current { try body(finished) }
    }

    func event(withID id: String) throws -> (stream: String, type: String, author: String)? {
        try session.row("SELECT stream, type, author FROM \(unescaped: events) WHERE id = \(id)").map { row in
            let (stream, type, author) = try row.decode((String, String, String).self)
            return (stream: stream, type: type, author: author)
        }
    }

    func streamHead(of participant: String) throws -> (version: UInt64, type: String, recordedAt: String)? {
        try session.row("""
            SELECT version, type, recorded_at FROM \(unescaped: events) WHERE stream = \(Identifiers.participantStreamPrefix + participant)
            ORDER BY version DESC LIMIT 1
            """).map { row in
            let (version, type, recordedAt) = try row.decode((Int64, String, String).self)
            return (version: UInt64(version), type: type, recordedAt: recordedAt)
        }
    }

    func dataKey(of participant: String) throws -> DataKey? { try dataKey(of: participant, caching: true) }

    private func dataKey(of participant: String, caching: Bool) throws -> DataKey? {
        if let cached = keys[participant] { return cached }
        let key = try PostgresLogTransaction(session: session, log: .events, writing: false, master: master)
            .dataKey(forStream: Identifiers.participantStreamPrefix + participant, create: false)
        if caching { keys[participant] = key }
        return key
    }

    private func event(_ row: PostgresRow) throws -> ProjectedEvent {
        let (seq, line) = try row.decode((Int64, ByteBuffer).self)
        return try ProjectedEvent.parse(seq: seq, line: Data(line.readableBytesView)) { try dataKey(of: $0) }
    }

    func participantsErased(since position: UInt64) throws -> Set<String> {
        Set(try session.rows("""
            SELECT stream FROM \(unescaped: events) WHERE type = \(StreamRules.participantErased) AND seq >= \(Int64(position))
            """).compactMap { Identifiers.participant(ofStream: try $0.decode(String.self)) })
    }

    /// Temporary copies of the projection tables (`pg_temp.scratch_…`), seen by this
    /// connection alone, dropped after the body and in any case at the transaction's end.
    func withScratchTables<T>(_ body: (any ProjectionTables) throws -> T) throws -> T {
        let scratch = PostgresProjectionTables(session: session, prefix: "pg_temp.scratch_")
        let names = ["projection_position"] + Self.tables(of: Set(ProjectionName.allCases))
        for name in names {
            try session.rows("CREATE TEMP TABLE \(unescaped: scratch.table(name)) (LIKE \(unescaped: name) INCLUDING ALL) ON COMMIT DROP")
        }
        let result = try body(scratch)
        try session.rows("DROP TABLE \(unescaped: names.map(scratch.table).joined(separator: ", "))")
        return result
    }
}
