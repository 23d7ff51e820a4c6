import Foundation
import GRDB
import ParcoursLog
import Testing

/// A store made before the journey's access facts were kept apart (migration v4) keeps
/// working: its journey projection starts over, and a write before any read is decided and
/// versioned from the log.
@Suite("Upgrading a store")
struct UpgradeTests {
    @Test("after migration v4, a write before any read takes the right version, and the journey reads whole")
    func accessFactsMigration() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        #expect(try cli.run(["journey", participant, "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled).status == 0)
        // The store as v3 left it: no access column, the migration not yet applied.
        let queue = try DatabaseQueue(path: cli.store.appendingPathComponent("parcours.sqlite").path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ALTER TABLE journey DROP COLUMN access")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-journey-access-facts'")
        }
        try queue.close()
        let stage = RecordTests.act("stage.assessed", participant: participant, at: "2026-11-22T10:00:00.000Z",
                                    ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 5, "confidence": 5])
        let recorded = try RecordTests.record(cli, stage)
        #expect(recorded.status == 0, "\(recorded)")
        let events = try cli.events("participant/\(participant)")
        #expect(events.map { $0["version"]?.intValue } == (0..<Int64(events.count)).map { $0 })
        let journey = try cli.run(["journey", participant, "--as", RecordTests.clinician, "--json"], env: AccessPolicyCLITests.asEnrolled)
        #expect(journey.status == 0, "\(journey)")
        #expect(try JSONParser.parse(journey.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["timeline"]?.arrayValue?.count == events.count)
        #expect(try cli.verify().status == 0)
    }

    @Test("after migration v5, the journey projection starts over in the record's new form: reads and verify agree")
    func recordFormMigration() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        #expect(try cli.run(["journey", participant, "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled).status == 0)
        let database = cli.store.appendingPathComponent("parcours.sqlite").path
        let queue = try DatabaseQueue(path: database)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-record-ids-by-type'")
        }
        try queue.close()
        #expect(try cli.verify().status == 0)
        let reopened = try DatabaseQueue(path: database)
        let (rows, position) = try reopened.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journey") ?? -1,
             try Int.fetchOne(db, sql: "SELECT position FROM projection_position WHERE name = 'journey'") ?? -1)
        }
        try reopened.close()
        #expect(rows == 0 && position == 0, "the journey projection started over")
        let journey = try cli.run(["journey", participant, "--as", RecordTests.clinician, "--json"], env: AccessPolicyCLITests.asEnrolled)
        #expect(journey.status == 0, "\(journey)")
        #expect(try cli.verify().status == 0)
    }
}
