import Foundation
import GRDB
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

    /// Whether a record tells of an opening of a participant's record (`RecordOpening.isOpening`:
    /// a read, but not the care team's own look at who opened it), as the partial index
    /// `access_event_opening` (migration v12) spells it: a query must spell it exactly so.
    static let accessOpening = """
        (CASE WHEN json_valid(CAST(line AS TEXT)) \
        THEN json_extract(CAST(line AS TEXT), '$.envelope.type') = 'access.read' \
        AND (json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.view') IS NOT 'access-log' \
        OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.purpose') IS NOT 'care' \
        OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.outcome') IS NOT 'permitted') END)
        """

    /// The access log's records about one participant, newest first: those below `before`
    /// (all when nil), at most `limit`. Read through the participant index, not the whole log.
    public func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) throws -> [AccessLogEntry] {
        try accessRecords(about: participant, where: "", before: before, limit: limit)
    }

    /// The records about one participant that tell of an opening of her record, newest first,
    /// as `accessRecords(about:before:limit:)` pages them. Read through the openings' index.
    public func openingRecords(about participant: ParticipantID, before: UInt64?, limit: Int) throws -> [AccessLogEntry] {
        try accessRecords(about: participant, where: " AND \(Self.accessOpening)", before: before, limit: limit)
    }

    private func accessRecords(about participant: ParticipantID, where condition: String, before: UInt64?, limit: Int) throws -> [AccessLogEntry] {
        guard limit > 0 else { return [] }
        return try readers.read { db in
            let lines = try Data.fetchAll(db.cachedStatement(sql: """
                SELECT line FROM access_event WHERE \(Self.accessParticipant) = ?\(condition) AND seq < ? ORDER BY seq DESC LIMIT ?
                """), arguments: [participant.rawValue, Int64(clamping: before ?? UInt64(Int64.max)), limit])
            return try lines.map { try AccessLogEntry(storedLine: Array($0), seq: nil) }
        }
    }
}
