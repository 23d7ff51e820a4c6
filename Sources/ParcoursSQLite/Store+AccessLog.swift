import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

extension Store {
    /// Every record of the access log, in `seq` order.
    ///
    /// Access records are clear (LOG-FORMAT.md), so no key is needed to read them. A sealed or
    /// unparsable record means the store is damaged.
    public func accessRecords() throws -> [AccessLogEntry] { try logStore(master: nil).accessRecords() }
}

extension Store {
    /// The participant a record's clear payload names, as the index `access_event_participant`
    /// (migration v7) computes it: a query must spell it exactly so for SQLite to use the index.
    static let accessParticipant = """
        (CASE WHEN json_valid(CAST(line AS TEXT)) \
        THEN json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.participant') END)
        """

    /// Whether the access_event row `NEW` (the row a trigger is given, or a query's row so
    /// named) tells of an opening of a participant's record (`RecordOpening`'s rule: a read, but
    /// not the care team's own look at who opened it) and names the participant. Migration v13
    /// wrote it into its trigger: never edit it (a new migration would replace the trigger and
    /// the table); the schema's fixture holds it.
    static let isOpening = """
        (CASE WHEN json_valid(CAST(NEW.line AS TEXT)) \
        THEN json_extract(CAST(NEW.line AS TEXT), '$.envelope.type') = 'access.read' \
        AND (json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.view') IS NOT 'access-log' \
        OR json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.purpose') IS NOT 'care' \
        OR json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.outcome') IS NOT 'permitted') \
        AND json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.participant') IS NOT NULL END)
        """

    /// The access_opening row of the access_event row `NEW`, in the table's column order: the
    /// participant, the record's place and time, its clear payload without the justification.
    /// As `isOpening`, fixed by migration v13.
    static let openingRow = """
        \(openingParticipant), NEW.seq, NEW.recorded_at, \
        json_remove(json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear'), '$.justification')
        """

    /// The participant of the access_event row `NEW`, as `access_opening` keeps it.
    static let openingParticipant = "CAST(json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.participant') AS TEXT)"

    /// The access log's records about one participant, newest first: those below `before`
    /// (all when nil), at most `limit`. Read through the participant index, not the whole log.
    public func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) throws -> [AccessLogEntry] {
        guard limit > 0 else { return [] }
        return try readers.read { db in
            let lines = try Data.fetchAll(db.cachedStatement(sql: """
                SELECT line FROM access_event WHERE \(Self.accessParticipant) = ? AND seq < ? ORDER BY seq DESC LIMIT ?
                """), arguments: [participant.rawValue, Int64(clamping: before ?? UInt64(Int64.max)), limit])
            return try lines.map { try AccessLogEntry(storedLine: Array($0), seq: nil) }
        }
    }

    /// The openings of one participant's record, newest first, as `accessRecords(about:before:limit:)`
    /// pages records: from the table migration v13 keeps of them, a page or two for twenty. A
    /// store made before it and opened read-only (an older backup) has no such table: its
    /// openings are read from the records about the participant, as the table would hold them.
    public func openings(about participant: ParticipantID, before: UInt64?, limit: Int) throws -> [OpeningRow] {
        guard limit > 0 else { return [] }
        return try readers.read { db in
            let kept = try db.tableExists("access_opening")
            let rows = try Row.fetchCursor(db.cachedStatement(sql: kept ? """
                SELECT * FROM access_opening WHERE participant = ? AND seq < ? ORDER BY seq DESC LIMIT ?
                """ : """
                SELECT \(Self.openingRow) FROM access_event AS NEW
                WHERE \(Self.accessParticipant) = ? AND \(Self.isOpening) AND seq < ? ORDER BY seq DESC LIMIT ?
                """), arguments: [participant.rawValue, Int64(clamping: before ?? UInt64(Int64.max)), limit])
            var openings: [OpeningRow] = []
            // Each row read in place from the statement (a cursor's row is not copied); its
            // columns: participant, seq, recorded_at, payload.
            while let row = try rows.next() {
                let seq: Int64 = row[1]
                guard seq >= 0, let recordedAt = (row[2] as String?).flatMap(Timestamp.init),
                      let members = (row[3] as String?).flatMap({ try? JSONTape(Array($0.utf8)) })?.members(of: 0) else {
                    throw StoreError.storeDamaged("the access log's opening \(seq) cannot be read: verify the store")
                }
                openings.append(OpeningRow(seq: UInt64(seq), recordedAt: recordedAt, members: members))
            }
            return openings
        }
    }

    /// Verifies that the openings kept for the care team's panel are those the access log tells
    /// of, both ways, in one snapshot: each record read once, joined with the table on its key.
    /// A store made before migration v13 and opened read-only (an older backup) keeps none:
    /// there is nothing to compare; a store past it must keep the table.
    ///
    /// - Throws: `VerificationError.integrity` naming the access log and the first seq that differs.
    func verifyOpenings() throws(VerificationError) {
        let differing: Int64?
        do {
            differing = try readers.read { db in
                // Asked of the file itself, not of the connection's cached schema.
                let kept = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'access_opening'")
                guard kept == true else {
                    let migrated = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM grdb_migrations WHERE identifier = 'v13-access-opening-rows'")
                    return migrated == true ? -1 : nil
                }
                // Each way a lookup by key, never a temporary table: the store keeps SQLite's
                // temporary data in memory (`Store.configuration`), and a join of both ways at once
                // kept a row for each opening there. First each opening the log tells of, looked
                // up among those kept; then each kept, its record looked up by seq.
                let missing = try Int64.fetchOne(db, sql: """
                    WITH log (participant, seq, recorded_at, payload) AS (SELECT \(Self.openingRow) FROM access_event AS NEW WHERE \(Self.isOpening))
                    SELECT min(log.seq) FROM log LEFT JOIN access_opening AS kept ON kept.participant = log.participant AND kept.seq = log.seq
                    WHERE kept.seq IS NULL OR kept.recorded_at IS NOT log.recorded_at OR kept.payload IS NOT log.payload
                    """)
                let extra = try Int64.fetchOne(db, sql: """
                    SELECT min(kept.seq) FROM access_opening AS kept LEFT JOIN access_event AS NEW ON NEW.seq = kept.seq
                    WHERE NEW.seq IS NULL OR NOT coalesce(\(Self.isOpening), 0) OR \(Self.openingParticipant) IS NOT kept.participant
                    """)
                return [missing, extra].compactMap { $0 }.min()
            }
        } catch {
            throw .unreadable("the openings kept for the care team's panel cannot be read: \(error)")
        }
        if let differing {
            throw .integrity(log: "access", IntegrityFailure(seq: UInt64(max(differing, 0)), reason: differing < 0
                ? "the openings kept for the care team's panel are gone" : "the openings kept for the care team's panel differ from the record"))
        }
    }
}
