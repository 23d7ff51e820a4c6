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

    /// Whether the access_event row `record` (`NEW` in a trigger) tells of an opening of a
    /// participant's record (`RecordOpening.isOpening`: a read, but not the care team's own look
    /// at who opened it) and names the participant. What migration v13's trigger keeps: change
    /// it only with a migration that rewrites the trigger and the table.
    static func isOpening(_ record: String) -> String {
        let line = "CAST(\(record).line AS TEXT)", clear = "'$.envelope.payload.clear"
        return """
            (CASE WHEN json_valid(\(line)) \
            THEN json_extract(\(line), '$.envelope.type') = 'access.read' \
            AND (json_extract(\(line), \(clear).view') IS NOT 'access-log' \
            OR json_extract(\(line), \(clear).purpose') IS NOT 'care' \
            OR json_extract(\(line), \(clear).outcome') IS NOT 'permitted') \
            AND json_extract(\(line), \(clear).participant') IS NOT NULL END)
            """
    }

    /// The access_opening row of the access_event row `record`, in the table's column order:
    /// the participant, the record's place and time, and the members the panel shows (the
    /// categories joined by commas; whether `review` is true). As `isOpening`, fixed by v13.
    static func openingRow(_ record: String) -> String {
        let line = "CAST(\(record).line AS TEXT)", clear = "'$.envelope.payload.clear"
        // Each member as text (a number where a name belongs would otherwise compare unlike the
        // table's text when verified), nil when absent.
        func text(_ member: String) -> String { "CAST(json_extract(\(line), \(clear).\(member)') AS TEXT)" }
        let members = ["actor", "role", "organization", "view"].map(text)
            + ["(SELECT group_concat(CAST(value AS TEXT), ',') FROM json_each(\(line), \(clear).categories'))"]
            + ["purpose", "outcome", "reason"].map(text)
            + ["json_type(\(line), \(clear).review') IS 'true'"]
        return ([text("participant"), "\(record).seq", "\(record).recorded_at"] + members).joined(separator: ", ")
    }

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
                SELECT \(Self.openingRow("access_event")) FROM access_event
                WHERE \(Self.accessParticipant) = ? AND \(Self.isOpening("access_event")) AND seq < ? ORDER BY seq DESC LIMIT ?
                """), arguments: [participant.rawValue, Int64(clamping: before ?? UInt64(Int64.max)), limit])
            var openings: [OpeningRow] = []
            // Each row read in place from the statement (a cursor's row is not copied).
            while let row = try rows.next() {
                // The table's columns: participant, seq, recorded_at, actor, role, organization, view,
                // categories, purpose, outcome, reason, review.
                let seq: Int64 = row[1]
                guard seq >= 0, let recordedAt = (row[2] as String?).flatMap(Timestamp.init) else {
                    throw StoreError.storeDamaged("the access log's opening \(seq) has no time of record: verify the store")
                }
                let categories: String? = row[7]
                openings.append(OpeningRow(seq: UInt64(seq), recordedAt: recordedAt, actor: row[3], role: row[4], organization: row[5],
                                           view: row[6], categories: categories.map(Self.commaSeparated) ?? [],
                                           purpose: row[8], outcome: row[9], reason: row[10], review: row[11] as Bool))
            }
            return openings
        }
    }

    /// The names of a comma-separated list, read over its bytes.
    private static func commaSeparated(_ list: String) -> [String] {
        var list = list
        return list.withUTF8 { bytes in
            var names: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return names
        }
    }

    /// Verifies that the openings kept for the care team's panel are those the access log tells
    /// of: the table against the log, both ways, in one snapshot. A store made before migration
    /// v13 and opened read-only (an older backup) keeps none: there is nothing to compare.
    ///
    /// - Throws: `VerificationError.integrity` naming the access log and the first seq that differs.
    func verifyOpenings() throws(VerificationError) {
        let differing: Int64?
        do {
            differing = try readers.read { db in
                guard try db.tableExists("access_opening") else { return nil }
                return try Int64.fetchOne(db, sql: """
                    SELECT min(seq) FROM (
                        SELECT * FROM (SELECT \(Self.openingRow("access_event")) FROM access_event WHERE \(Self.isOpening("access_event"))
                                       EXCEPT SELECT * FROM access_opening)
                        UNION ALL
                        SELECT * FROM (SELECT * FROM access_opening
                                       EXCEPT SELECT \(Self.openingRow("access_event")) FROM access_event WHERE \(Self.isOpening("access_event"))))
                    """)
            }
        } catch {
            throw .unreadable("the openings kept for the care team's panel cannot be read: \(error)")
        }
        if let differing {
            throw .integrity(log: "access", IntegrityFailure(seq: UInt64(max(differing, 0)),
                                                             reason: "the openings kept for the care team's panel differ from the record"))
        }
    }
}
