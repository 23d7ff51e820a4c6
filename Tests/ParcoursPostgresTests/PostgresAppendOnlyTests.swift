import Testing
import ParcoursLog
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
