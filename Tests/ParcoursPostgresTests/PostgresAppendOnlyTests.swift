import Testing
@testable import ParcoursLog
import ParcoursLogTesting
import PostgresNIO
@testable import ParcoursPostgres

/// The schema itself refuses to change what was appended, whoever connects: an operator
/// at `psql` as much as the store.
@Suite("PostgreSQL append-only tables")
struct PostgresAppendOnlyTests {
    /// A database whose two logs, trees and checkpoints each hold something.
    private func filledDatabase() throws -> (PostgresTestDatabase, ConformanceLog) {
        let database = try PostgresTestDatabase()
        let log = try ConformanceLog.founded(database.store())
        try log.append([log.note(), log.note(), log.note("participant/P-CONF02")])
        _ = try log.writer.appendAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted"], logKey: log.logKey, to: log.store)
        _ = try log.writer.appendAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted"], logKey: log.logKey, to: log.store)
        try log.store.withWriteTransaction(on: .events) { try $0.keep(checkpoint: "a signed note", size: 1) }
        return (database, log)
    }

    /// The SQLSTATE of the refusal, or nil when the statement was accepted.
    private func refusal(_ database: PostgresTestDatabase, _ statement: String) -> String? {
        do {
            _ = try database.execute(PostgresQuery(unsafeSQL: statement))
            return nil
        } catch PostgresStoreError.refused(let sqlState, _) {
            return sqlState
        } catch {
            return "\(error)"
        }
    }

    @Test("UPDATE, DELETE and TRUNCATE on the logs, their tree hashes and the checkpoints are refused")
    func logTablesRefuseChanges() throws {
        let (database, log) = try filledDatabase()
        let before = try log.lines(.events) + log.lines(.access)
        let integrityConstraintViolation = "23000"
        for table in ["event", "access_event"] {
            #expect(refusal(database, "UPDATE \(table) SET type = 'tampered' WHERE seq = 1") == integrityConstraintViolation, "UPDATE \(table)")
            #expect(refusal(database, "DELETE FROM \(table) WHERE seq = 1") == integrityConstraintViolation, "DELETE \(table)")
            #expect(refusal(database, "TRUNCATE \(table) CASCADE") == integrityConstraintViolation, "TRUNCATE \(table)")
        }
        for table in ["event_tree", "access_tree"] {
            #expect(refusal(database, "UPDATE \(table) SET hash = '\\x00' WHERE level = 0") == integrityConstraintViolation, "UPDATE \(table)")
            #expect(refusal(database, "DELETE FROM \(table)") == integrityConstraintViolation, "DELETE \(table)")
        }
        #expect(refusal(database, "UPDATE checkpoint SET note = 'forged'") == integrityConstraintViolation)
        #expect(refusal(database, "DELETE FROM checkpoint") == integrityConstraintViolation)
        #expect(try log.lines(.events) + log.lines(.access) == before)
        #expect(try log.store.withReadTransaction(on: .events) { try $0.latestCheckpoint() } == "a signed note")
    }

    @Test("a record signed for a seq past the head is refused and writes nothing: no gap, no tree hash, the head unmoved")
    func noGap() throws {
        let (database, log) = try filledDatabase()
        let before = try log.lines(.events)
        let treeRows = try database.execute("SELECT count(*) FROM event_tree")[0].decode(Int64.self)
        var envelope = try ParsedRecord(line: before[1], checkSignature: false).record.envelope
        envelope.seq = UInt64(before.count) + 1
        envelope.version = 9
        envelope.id = "00000000-0000-4000-8000-0000000ca901"
        let record = LogRecord(signing: envelope, with: log.admin)
        let line = record.line
        let completed = [MerkleFrontier.Node(level: 1, index: 2, hash: LogRecord.leafHash(line: line))]
        #expect(throws: LogError.storeDamaged("insert out of place at seq \(envelope.seq)")) {
            try log.store.withWriteTransaction(on: .events) { transaction in
                try transaction.insert(record, line: line, leafHash: LogRecord.leafHash(line: line), completing: completed)
            }
        }
        #expect(try log.lines(.events) == before)
        #expect(try database.execute("SELECT count(*) FROM event_tree")[0].decode(Int64.self) == treeRows)
        #expect(try log.store.withReadTransaction(on: .events) { try $0.size() } == UInt64(before.count))
        #expect(try log.append([log.note()])[0].seq == UInt64(before.count), "the next append takes the head's seq")
    }

    @Test("a data key is neither updated nor deleted outside an erasure, nor made for an erased stream")
    func dataKeysOnlyErased() throws {
        let (database, log) = try filledDatabase()
        let integrityConstraintViolation = "23000"
        #expect(refusal(database, "UPDATE data_key SET wrapped = '\\x00'") == integrityConstraintViolation)
        #expect(refusal(database, "DELETE FROM data_key WHERE stream = 'participant/P-CONF01'") == integrityConstraintViolation)
        try log.append([EventDraft(type: "participant.erased", stream: "participant/P-CONF01", data: ["reason": "entered-in-error"])])
        #expect(refusal(database, "INSERT INTO data_key VALUES ('dk-again', 'participant/P-CONF01', '\\x00', 'now')") == integrityConstraintViolation)
        let keys = try database.execute("SELECT stream FROM data_key ORDER BY stream").map { try $0.decode(String.self) }
        #expect(keys == ["participant/P-CONF02"])
    }
}
