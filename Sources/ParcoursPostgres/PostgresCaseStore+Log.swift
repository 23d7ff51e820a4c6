import Foundation
import ParcoursApp
import ParcoursFiles
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// Appends, access records, erasure and the reads of the logs: the log core's writer and
/// readers over `PostgresLogStore`, with the SQL only PostgreSQL needs.
extension PostgresCaseStore {
    public func append(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?) async throws -> [AppendResult] {
        try await run { store in
            try StoreRules.checkWritable(drafts)
            return try store.writer.append(drafts, by: author.author, signingKey: author.key, to: store.log.with(master: master))
        }
    }

    /// Gathered with the records of other requests into one append (`AccessGroupCommit`), and
    /// waited for on threads kept for waiting (`StorageThreads.wait`), off those the server's
    /// requests run on.
    public func recordAccess(_ records: [(type: String, data: [String: JSONValue])], master: MasterKey) async throws -> [AppendResult] {
        try await StorageThreads.wait { [self] in try accessGroupCommit(master: master).record(records) }
    }

    /// Crypto-shreds a participant: the stream's data keys destroyed and a clear, signed
    /// `participant.erased` that closes it, in one transaction with her or his rows leaving the
    /// projections. The deleted key stays in the table's pages until VACUUM, and in the WAL
    /// and backups until recycled: the operator destroys those on the same schedule.
    public func erase(participant: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult {
        try await run { store in
            let erasure = try StoreRules.erasure(of: participant, reason: reason, directory: store.directory(), by: admin)
            guard try store.log.withReadTransaction(on: .events, { try $0.streamHead(erasure.stream) }) != nil else {
                throw StoreRules.noRecord(participant)
            }
            return try store.writer.append([erasure], by: admin.author, signingKey: admin.key, to: store.log, alsoInTransaction: { transaction in
                try store.forgetProjections(of: participant, in: (transaction as! PostgresLogTransaction).session)
            })[0]
        }
    }

    public func size(_ log: LogKind) async throws -> UInt64 {
        try await run { store in try store.log.size(of: log) }
    }

    public func accessRecords() async throws -> [AccessLogEntry] {
        try await run { store in try store.log.accessRecords() }
    }

    /// Read through the index on the records' participant (`parcours_access_participant`), not the whole log.
    public func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [AccessLogEntry] {
        try await accessRecords(about: participant, openingsOnly: false, before: before, limit: limit)
    }

    /// Read from the records, through the partial index of openings (`parcours_access_opening`).
    public func openings(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [OpeningRow] {
        try await accessRecords(about: participant, openingsOnly: true, before: before, limit: limit).map(OpeningRow.init)
    }

    private func accessRecords(about participant: ParticipantID, openingsOnly: Bool, before: UInt64?, limit: Int) async throws -> [AccessLogEntry] {
        guard limit > 0 else { return [] }
        let before = Int64(clamping: before ?? UInt64(Int64.max)), limit = Int64(limit)
        // Spelled out, so the planner sees the partial index's predicate in the query itself.
        let query: PostgresQuery = openingsOnly ? """
            SELECT line FROM access_event WHERE parcours_access_participant(line) = \(participant.rawValue)
            AND parcours_access_opening(line) AND seq < \(before) ORDER BY seq DESC LIMIT \(limit)
            """ : """
            SELECT line FROM access_event WHERE parcours_access_participant(line) = \(participant.rawValue)
            AND seq < \(before) ORDER BY seq DESC LIMIT \(limit)
            """
        return try await run { store in
            try store.sql { session in
                try session.rows(query).map { try AccessLogEntry(storedLine: Array(try $0.decode(ByteBuffer.self).readableBytesView), seq: nil) }
            }
        }
    }

    public func events(inStream stream: String, master: MasterKey?) async throws -> [StoredEvent] {
        try await run { store in
            try store.log.with(master: master).withReadTransaction(on: .events) { transaction in
                let key = try master.flatMap { _ in try transaction.dataKey(forStream: stream, create: false) }
                let session = (transaction as! PostgresLogTransaction).session
                return try session.rows("SELECT seq, line FROM event WHERE stream = \(stream) ORDER BY version").map { row in
                    let (seq, line) = try row.decode((Int64, ByteBuffer).self)
                    return try StoredEvent(storedLine: Array(line.readableBytesView), seq: seq, key: key, masterGiven: master != nil)
                }
            }
        }
    }

    /// Writes the export of LOG-FORMAT.md into `directory`: the same files, byte for byte, as
    /// the SQLite store gives for the same records (the log core writes both).
    public func exportLog(to directory: String, master: MasterKey) async throws -> (events: UInt64, access: UInt64) {
        try await run { store in
            let logKey = try store.logSigningKey(master: master)
            try PrivateFile.prepareDirectory(directory)
            return try LogExport.export(from: store.log, origin: store.origin, logKey: logKey, to: PrivateExportDirectory(path: directory),
                                        cosignatures: { log, size in try store.sql { try Self.cosignatureLines(log, size: size, in: $0) } })
        }
    }

    /// Refused: a PostgreSQL store is backed up by its operator, with the database's own tools.
    public func backup(to path: String) async throws {
        throw LogError.invalidInput(field: "store", reason: """
            a PostgreSQL store is backed up by its operator with PostgreSQL's own tools (pg_dump, or continuous archiving \
            for point-in-time recovery); `parcours backup` copies SQLite stores only. A restored copy verifies with `parcours verify --database`
            """)
    }
}
