import Foundation
import GRDB
import ParcoursLog

extension Store {
    /// The categories an erasure may give; the event carries the category, never free text.
    public static let erasureReasons = ["participant-request", "retention-expired", "entered-in-error", "legal-order"]

    /// Crypto-shreds a participant: destroys the stream's data keys and appends a
    /// clear, signed `participant.erased` that closes the stream, in one transaction;
    /// then checkpoints the WAL so no copy of the wrapped key stays in the files.
    @discardableResult
    public func erase(participant: String, reason: String, by admin: UnlockedActor) throws -> AppendResult {
        guard Identifiers.isParticipantID(participant) else {
            throw StoreError.invalidInput(field: "participant", reason: "a participant id such as P-7Q4K2M")
        }
        guard Self.erasureReasons.contains(reason) else {
            throw StoreError.invalidInput(field: "reason", reason: "one of \(Self.erasureReasons.joined(separator: ", "))")
        }
        let directory = try currentDirectory()
        guard let actor = directory.actors[admin.id] else { throw StoreError.unknownActor(admin.id) }
        guard actor.holds(Directory.adminRole) else {
            throw StoreError.notPermitted(actor: admin.id, reason: "erase a participant: the admin role is needed")
        }
        let stream = Identifiers.participantStreamPrefix + participant
        let head = try logStore(master: nil).withReadTransaction(on: .events) { try $0.streamHead(stream) }
        guard head != nil else { throw StoreError.invalidInput(field: "participant", reason: "no record for \(participant)") }
        // The writer destroys the stream's data keys in the same transaction as the closing event.
        // Her or his rows leave the projections in the same transaction: no caseload or program
        // line outlives the erasure until the next reader catches up.
        let result = try write([EventDraft(type: StreamRules.participantErased, stream: stream, data: ["reason": .string(reason)])],
                               by: admin, master: nil, alsoInTransaction: { db in
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
            let key = try master.flatMap { try SQLiteLogTransaction(db: db, table: .events, master: $0).dataKey(forStream: stream, create: false) }
            var events: [StoredEvent] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, line FROM event WHERE stream = ? ORDER BY version", arguments: [stream])
            while let row = try rows.next() {
                let envelope: Envelope
                do { envelope = try ParsedRecord(line: Array(row["line"] as Data), checkSignature: false).record.envelope } catch {
                    throw StoreError.storeDamaged("record \(row["seq"] as Int64) does not parse")
                }
                switch envelope.payload {
                case .clear(let data): events.append(StoredEvent(envelope: envelope, content: .clear(data)))
                case .sealed(let sealed):
                    if let key, sealed.keyID == key.id {
                        events.append(StoredEvent(envelope: envelope, content: .opened(try sealed.open(with: key, envelope: envelope))))
                    } else if master == nil {
                        throw StoreError.masterKeyRequired
                    } else {
                        events.append(StoredEvent(envelope: envelope, content: .erased))
                    }
                }
            }
            return events
        }
    }
}
