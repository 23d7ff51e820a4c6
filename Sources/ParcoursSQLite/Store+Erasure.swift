import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

extension Store {
    /// Crypto-shreds a participant: destroys the stream's data keys and appends a
    /// clear, signed `participant.erased` that closes the stream, in one transaction;
    /// then checkpoints the WAL so no copy of the wrapped key stays in the files.
    @discardableResult
    public func erase(participant: String, reason: String, by admin: UnlockedActor) throws -> AppendResult {
        let erasure = try StoreRules.erasure(of: participant, reason: reason, directory: currentDirectory(), by: admin)
        let head = try logStore(master: nil).withReadTransaction(on: .events) { try $0.streamHead(erasure.stream) }
        guard head != nil else { throw StoreRules.noRecord(participant) }
        // The writer destroys the stream's data keys in the same transaction as the closing event.
        // Her or his rows leave the projections in the same transaction: no caseload or program
        // line outlives the erasure until the next reader catches up.
        let result = try write([erasure], by: admin, master: nil, alsoInTransaction: { db in
            for table in StoreSchema.projectionTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE participant = ?", arguments: [participant])
            }
        })
        try truncateWAL()
        return result[0]
    }

    /// Copies the WAL into the database and truncates it to zero bytes.
    func truncateWAL() throws {
        for attempt in 0..<50 {
            do {
                let frames = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
                if frames.walFrameCount == frames.checkpointedFrameCount { return }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                // A reader still needs the WAL; wait for it.
            }
            usleep(useconds_t(20_000 * (attempt + 1)))
        }
        throw StoreError.ruleBroken("erasure is recorded, but readers kept the WAL from being truncated; erase again once they are gone")
    }

    /// Every event of a stream, with its content opened where its key still exists.
    public func events(inStream stream: String, master: MasterKey?) throws -> [StoredEvent] {
        try pool.read { db in
            let key = try master.flatMap { try SQLiteLogTransaction(db: db, table: .events, master: $0, trees: try treeTableKey(db)).dataKey(forStream: stream, create: false) }
            var events: [StoredEvent] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, line FROM event WHERE stream = ? ORDER BY version", arguments: [stream])
            while let row = try rows.next() {
                events.append(try StoredEvent(storedLine: Array(row["line"] as Data), seq: row["seq"], key: key, masterGiven: master != nil))
            }
            return events
        }
    }
}
