import Foundation
import GRDB
import ParcoursLog
import Testing
@testable import ParcoursSQLite

/// The access log read by participant (who opened one record): through its index, newest
/// first, paged, the records as they were signed. Synthetic ids only.
@Suite("The access log by participant")
struct AccessByParticipantTests {
    @Test("a participant's access records come newest first, in pages, through the index; others' and records without a participant are left out")
    func byParticipant() throws {
        let test = try TestStore()
        for index in 0..<9 {
            var payload: [String: JSONValue] = ["actor": "clin-0001", "outcome": "permitted", "view": "journey"]
            if index % 3 != 2 { payload["participant"] = index % 3 == 0 ? "P-AAAA01" : "P-BBBB02" }
            _ = try test.store.recordAccess(type: "access.read", data: payload, master: test.master)
        }
        let all = try test.store.accessRecords()
        let expected = all.filter { $0.payload["participant"] == "P-AAAA01" }.reversed().map(\.seq)
        let participant = try #require(ParticipantID("P-AAAA01"))
        let first = try test.store.accessRecords(about: participant, before: nil, limit: 2)
        #expect(first.map(\.seq) == Array(expected.prefix(2)))
        let rest = try test.store.accessRecords(about: participant, before: first.last?.seq, limit: 10)
        #expect((first + rest).map(\.seq) == Array(expected) && expected.count == 3)
        #expect(first.first == all.first { $0.seq == first.first?.seq }, "the record as the whole log reads it")
        #expect(try test.store.accessRecords(about: ParticipantID("P-CCCC03")!, before: nil, limit: 10).isEmpty)

        let details = try DatabaseQueue(path: test.databasePath).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT line FROM access_event WHERE \(Store.accessParticipant) = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                             arguments: ["P-AAAA01", Int64.max, 10]).map { $0["detail"] as String }
        }
        #expect(details.contains { $0.contains("USING INDEX access_event_participant") }, "\(details)")
    }

    @Test("a participant's openings are kept, as each record is appended, in a table read by participant, without the care team's looks at them")
    func openingsKeptByParticipant() throws {
        let test = try TestStore()
        for view in ["journey", "access-log", "journey", "access-log"] {
            _ = try test.store.recordAccess(type: "access.read", data: ["actor": "clin-0001", "outcome": "permitted", "participant": "P-AAAA01",
                                                                       "purpose": "care", "view": .string(view)], master: test.master)
        }
        _ = try test.store.recordAccess(type: "access.read", data: ["actor": "clin-0001", "outcome": "permitted", "view": "caseload"], master: test.master)
        let participant = try #require(ParticipantID("P-AAAA01"))
        #expect(try test.store.openings(about: participant, before: nil, limit: 10).map(\.seq) == [2, 0])
        let (kept, details) = try DatabaseQueue(path: test.databasePath).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM access_opening"),
             try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM access_opening WHERE participant = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                              arguments: ["P-AAAA01", Int64.max, 10]).map { $0["detail"] as String })
        }
        #expect(kept == 2, "the table holds the two journeys' reads, not the looks at who opened them nor a read about no one")
        #expect(details.contains { $0.contains("USING PRIMARY KEY") }, "\(details)")
        #expect(throws: (any Error).self, "the openings follow the log: none is changed") {
            try DatabaseQueue(path: test.databasePath).write { try $0.execute(sql: "UPDATE access_opening SET actor = 'clin-autre'") }
        }
        #expect(throws: (any Error).self, "nor removed") {
            try DatabaseQueue(path: test.databasePath).write { try $0.execute(sql: "DELETE FROM access_opening") }
        }
    }

    @Test("the verifier finds an opening forged into the table, one with no record at all, one whose record says otherwise, and the table gone")
    func openingsVerified() throws {
        for tampering in ["forged", "recordless", "changed", "gone"] {
            let test = try TestStore()
            for view in ["journey", "timeline"] {
                _ = try test.store.recordAccess(type: "access.read", data: ["actor": "clin-0001", "outcome": "permitted", "participant": "P-AAAA01",
                                                                           "purpose": "care", "view": .string(view)], master: test.master)
            }
            #expect(throws: Never.self) { try test.store.verify() }
            let last = try test.store.size(.access) - 1
            try DatabaseQueue(path: test.databasePath).write { db in
                switch tampering {
                case "forged":
                    try db.execute(sql: "INSERT INTO access_opening SELECT 'P-BBBB02', seq, recorded_at, payload FROM access_opening WHERE seq = ?",
                                   arguments: [last])
                case "recordless":
                    try db.execute(sql: "INSERT INTO access_opening SELECT participant, seq + 100, recorded_at, payload FROM access_opening WHERE seq = ?",
                                   arguments: [last])
                case "changed":
                    // Rows cannot be updated: the trigger is dropped first, as someone with the file could.
                    try db.execute(sql: "DROP TRIGGER access_opening_immutable_update")
                    try db.execute(sql: "UPDATE access_opening SET payload = replace(payload, 'timeline', 'journey') WHERE seq = ?", arguments: [last])
                default:
                    try db.execute(sql: "DROP TABLE access_opening")
                }
            }
            #expect(throws: VerificationError.integrity(log: "access", IntegrityFailure(
                seq: tampering == "gone" ? 0 : tampering == "recordless" ? last + 100 : last,
                reason: tampering == "gone" ? "the openings kept for the care team's panel are gone" : "the openings kept for the care team's panel differ from the record"
            )), "\(tampering)") { try test.store.verify() }
        }
    }

    @Test("a store made before the openings were kept gets them from its access log, and an older backup read-only reads them from the records")
    func openingsOfAnOlderStore() throws {
        let test = try TestStore()
        for (index, view) in ["journey", "access-log", "timeline"].enumerated() {
            var data: [String: JSONValue] = ["actor": "clin-0001", "role": "clinician", "outcome": "permitted", "participant": "P-AAAA01",
                                             "purpose": "care", "view": .string(view), "categories": index == 0 ? ["identity", "stages"] : []]
            if index == 2 { (data["outcome"], data["reason"]) = ("denied", "not in the care team") }
            _ = try test.store.recordAccess(type: "access.read", data: data, master: test.master)
        }
        let participant = try #require(ParticipantID("P-AAAA01"))
        let expected = try test.store.openings(about: participant, before: nil, limit: 10)
        #expect(expected.map(\.seq) == [2, 0] && expected[0].payload["reason"] == "not in the care team" && expected[1].payload["categories"] == ["identity", "stages"])
        // As v12 left it: no table, no trigger, its partial index, the migration not yet applied.
        try DatabaseQueue(path: test.databasePath).write { db in
            try db.execute(sql: """
                DROP TRIGGER access_opening_kept; DROP TRIGGER access_opening_immutable_update; DROP TRIGGER access_opening_immutable_delete;
                DROP TABLE access_opening; DELETE FROM grdb_migrations WHERE identifier = 'v13-access-opening-rows';
                CREATE INDEX access_event_opening ON access_event (
                    (CASE WHEN json_valid(CAST(line AS TEXT))
                     THEN json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.participant') END), seq)
                WHERE (CASE WHEN json_valid(CAST(line AS TEXT))
                       THEN json_extract(CAST(line AS TEXT), '$.envelope.type') = 'access.read'
                            AND (json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.view') IS NOT 'access-log'
                                 OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.purpose') IS NOT 'care'
                                 OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.outcome') IS NOT 'permitted') END);
                """)
        }
        let older = try Store.open(at: test.directory, readOnly: true)
        #expect(try older.openings(about: participant, before: nil, limit: 10) == expected, "read from the records")
        #expect(throws: Never.self) { try older.verify() }
        let migrated = try Store.open(at: test.directory)
        #expect(try migrated.openings(about: participant, before: nil, limit: 10) == expected, "copied from the log by the migration")
        #expect(throws: Never.self) { try migrated.verify() }
    }

    @Test("an access line is read as strictly as the verifier reads it: one not in canonical form, too long, or sealed means a damaged store")
    func linesReadStrictly() throws {
        let test = try TestStore()
        _ = try test.appendSample(1)
        _ = try test.store.recordAccess(type: "access.read", data: ["actor": "clin-0001", "outcome": "permitted", "participant": "P-AAAA01"],
                                        master: test.master)
        let (access, sealed) = try DatabaseQueue(path: test.databasePath).read { db in
            (try Data.fetchOne(db, sql: "SELECT line FROM access_event ORDER BY seq DESC LIMIT 1")!,
             try Data.fetchOne(db, sql: "SELECT line FROM event ORDER BY seq DESC LIMIT 1")!)
        }
        let line = Array(access)
        #expect(String(decoding: sealed, as: UTF8.self).contains("\"sealed\":{"), "the sample's note is sealed")
        let read = try AccessLogEntry(storedLine: line, seq: 7)
        #expect(try read == test.store.accessRecords().last, "the record as the whole log reads it")
        func damaged(_ bytes: [UInt8]) -> Bool {
            do { _ = try AccessLogEntry(storedLine: bytes, seq: 7); return false } catch LogError.storeDamaged { return true } catch { return false }
        }
        #expect(damaged(Array("{ ".utf8) + line.dropFirst()), "whitespace: not the signed bytes")
        #expect(damaged(line + Array(" ".utf8)))
        #expect(damaged(Array(line.prefix(line.count / 2))))
        #expect(damaged(Array(repeating: UInt8(ascii: " "), count: LogRecord.maxLineLength + 1)))
        #expect(damaged(Array(sealed)), "the access log is clear")
    }
}
