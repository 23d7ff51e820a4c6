import Foundation
import GRDB
import ParcoursLog
@testable import ParcoursSQLite
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
        // The store as v3 left it: no access column, the migration not yet applied (nor v11, which
        // keeps the table's columns in its own order, nor v17, which adds the column of earlier acts).
        let queue = try DatabaseQueue(path: cli.store.appendingPathComponent("parcours.sqlite").path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ALTER TABLE journey DROP COLUMN access; ALTER TABLE journey DROP COLUMN earlier")
            try db.execute(sql: """
                DELETE FROM grdb_migrations WHERE identifier IN ('v4-journey-access-facts', 'v11-journey-by-rowid', 'v17-journey-earlier-acts')
                """)
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
        let verified = try cli.verify()
        #expect(verified.status == 0, "\(verified)")
    }

    /// A followed store as it was before `migration`, which empties the journey projection: once migrated (by `verify`,
    /// which opens the store to sign its checkpoint), the journeys and their position start over, and a read refolds them.
    /// Returns the journey read after it, as JSON. `undoing` puts back what the migration changed in the tables' shape.
    static func journeyAfterStartingOver(_ migration: String, undoing shape: String = "") throws -> String {
        let (cli, participant) = try ProjectionCLITests.followed()
        #expect(try cli.run(["journey", participant, "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled).status == 0)
        let database = cli.store.appendingPathComponent("parcours.sqlite").path
        let queue = try DatabaseQueue(path: database)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
            if !shape.isEmpty { try db.execute(sql: shape) }
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
        return journey.stdout
    }

    @Test("after migration v5, the journey projection starts over in the record's new form: reads and verify agree")
    func recordFormMigration() throws {
        _ = try Self.journeyAfterStartingOver("v5-record-ids-by-type")
    }

    @Test("after migration v14, the journeys start over and every act of the timeline says itself in English too; verify agrees")
    func englishSummariesMigration() throws {
        let journey = try Self.journeyAfterStartingOver("v14-journey-english-summaries")
        let timeline = try #require((try JSONSerialization.jsonObject(with: Data(journey.utf8)) as? [String: Any])?["timeline"] as? [[String: Any]])
        #expect(!timeline.isEmpty && timeline.allSatisfy { ($0["englishSummary"] as? String)?.isEmpty == false })
    }

    @Test("after migration v16, the journeys start over and their French lines space each semicolon; verify agrees")
    func frenchSpacingMigration() throws {
        _ = try Self.journeyAfterStartingOver("v16-journey-french-spacing")
    }

    @Test("after migration v17, the journeys start over sealed in two parts, their earlier acts apart; reads and verify agree")
    func earlierActsMigration() throws {
        _ = try Self.journeyAfterStartingOver("v17-journey-earlier-acts", undoing: "ALTER TABLE journey DROP COLUMN earlier")
    }

    @Test("after migration v11, journeys kept by rowid: the same rows, read the same, nothing rebuilt, verify agrees")
    func journeyByRowidMigration() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let read = { try cli.run(["journey", participant, "--as", RecordTests.clinician, "--json"], env: AccessPolicyCLITests.asEnrolled) }
        let before = try read()
        #expect(before.status == 0, "\(before)")
        // The store as v10 left it: the journey WITHOUT ROWID, its columns in their old order.
        let database = cli.store.appendingPathComponent("parcours.sqlite").path
        let queue = try DatabaseQueue(path: database)
        let (rows, position) = try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                ALTER TABLE journey RENAME TO journey_v11;
                CREATE TABLE journey (
                    participant TEXT PRIMARY KEY NOT NULL,
                    through_seq INTEGER NOT NULL,
                    journey BLOB NOT NULL,
                    record BLOB NOT NULL, access BLOB) WITHOUT ROWID;
                INSERT INTO journey SELECT participant, through_seq, journey, record, access FROM journey_v11;
                DROP TABLE journey_v11;
                DELETE FROM grdb_migrations WHERE identifier = 'v11-journey-by-rowid';
                """)
            return (try Row.fetchAll(db, sql: "SELECT participant, through_seq, access, record, journey FROM journey ORDER BY participant"),
                    try Int.fetchOne(db, sql: "SELECT position FROM projection_position WHERE name = 'journey'") ?? -1)
        }
        try queue.close()
        #expect(!rows.isEmpty && position > 0)
        // Verified before anything opens it for writing (as a backup is): read-only, still in v10's
        // form, compared with a fold made in a database migrated to the end.
        let unmigrated = try cli.verify()
        #expect(unmigrated.status == 0, "\(unmigrated)")
        // The migration alone, as a writable open runs it: every row copied as it was, nothing rebuilt.
        let migrating = try DatabaseQueue(path: database)
        try StoreSchema.migrator.migrate(migrating)
        let (migrated, table, positionAfter) = try migrating.read { db in
            (try Row.fetchAll(db, sql: "SELECT participant, through_seq, access, record, journey FROM journey ORDER BY participant"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'journey'") ?? "",
             try Int.fetchOne(db, sql: "SELECT position FROM projection_position WHERE name = 'journey'") ?? -1)
        }
        try migrating.close()
        #expect(migrated == rows, "every row copied as it was")
        #expect(!table.contains("WITHOUT ROWID") && positionAfter == position, "kept by rowid, not rebuilt")
        let after = try read()
        #expect(after.status == 0 && after.stdout == before.stdout, "the journey reads as before")
        let verified = try cli.verify()
        #expect(verified.status == 0, "\(verified)")
    }

    /// A followed store put back as it was before migration v15: its tree tables keyed by level and index, the
    /// rows they held then (a row's index computed back from its last leaf), `damage` applied to them. Returns the
    /// CLI, its participant, the database's path, and the rows as migration v15 must give them back.
    static func treesByLevel(damage: String? = nil) throws -> (CLI, String, String, [Row]) {
        let (cli, participant) = try ProjectionCLITests.followed()
        #expect(try cli.run(["journey", participant, "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled).status == 0)
        let database = cli.store.appendingPathComponent("parcours.sqlite").path
        let queue = try DatabaseQueue(path: database)
        let rows = try queue.writeWithoutTransaction { db in
            var rows: [Row] = []
            for tree in ["event_tree", "access_tree"] {
                rows += try Row.fetchAll(db, sql: "SELECT '\(tree)', last_leaf, level, hash FROM \(tree) ORDER BY last_leaf, level")
                try db.execute(sql: """
                    ALTER TABLE \(tree) RENAME TO \(tree)_v15;
                    CREATE TABLE \(tree) (
                        level INTEGER NOT NULL,
                        idx INTEGER NOT NULL,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (level, idx)) WITHOUT ROWID;
                    INSERT INTO \(tree) SELECT level, last_leaf >> level, hash FROM \(tree)_v15;
                    DROP TABLE \(tree)_v15;
                    """)
            }
            if let damage { try db.execute(sql: damage) }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v15-trees-by-last-leaf'")
            return rows
        }
        try queue.close()
        #expect(rows.count > 10)
        return (cli, participant, database, rows)
    }

    @Test("after migration v15, each tree keyed by last leaf: the same subtrees; a backup made before it verifies read-only, unmigrated; verify agrees after it")
    func treesByLastLeafMigration() throws {
        let (cli, participant, database, rows) = try Self.treesByLevel()
        // Verified before anything opens it for writing, as a backup is: read by level and index.
        let unmigrated = try cli.verify()
        #expect(unmigrated.status == 0, "\(unmigrated)")
        let migrating = try DatabaseQueue(path: database)
        try StoreSchema.migrator.migrate(migrating)
        let migrated = try migrating.read { db in
            try ["event_tree", "access_tree"].flatMap { tree in
                try Row.fetchAll(db, sql: "SELECT '\(tree)', last_leaf, level, hash FROM \(tree) ORDER BY last_leaf, level")
            }
        }
        #expect(throws: DatabaseError.self, "the migrated tree is append-only") {
            try migrating.write { try $0.execute(sql: "DELETE FROM access_tree WHERE last_leaf = 0") }
        }
        try migrating.close()
        #expect(migrated == rows, "every subtree kept, by its last leaf")
        // Appended to after it: each record's subtrees beside the last.
        let stage = RecordTests.act("stage.assessed", participant: participant, at: "2026-11-22T10:00:00.000Z",
                                    ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 5, "confidence": 5])
        let recorded = try RecordTests.record(cli, stage)
        #expect(recorded.status == 0, "\(recorded)")
        let verified = try cli.verify()
        #expect(verified.status == 0, "\(verified)")
    }

    @Test("a store opened read-only before the server migrates it to v15 (verify beside the server) reads its trees by the key they have at each read")
    func readOnlyStoreMigratedBeneathIt() throws {
        let (cli, _, database, _) = try Self.treesByLevel()
        let watching = try Store.open(at: cli.store.path, readOnly: true)
        #expect(throws: Never.self) { _ = try watching.verify() }
        let migrating = try DatabaseQueue(path: database)
        try StoreSchema.migrator.migrate(migrating)
        try migrating.close()
        #expect(throws: Never.self, "the same open store, now keyed by last leaf") { _ = try watching.verify() }
    }

    @Test("a tree row damaged before migration v15 is found missing before it and after it, at the leaf completing it", arguments: [
        // Its index moved off the integers.
        ("UPDATE event_tree SET idx = idx + 0.5 WHERE level = 1 AND idx = 1", 1),
        // Its index moved by 2^62: shifted by its level, it would wrap onto its own last leaf, 3.
        ("UPDATE event_tree SET idx = idx + 4611686018427387904 WHERE level = 2 AND idx = 0", 2),
    ])
    func damagedTreeRowMigrated(damage: String, level: Int) throws {
        let (cli, _, database, _) = try Self.treesByLevel(damage: damage)
        let unmigrated = try cli.verify()
        #expect(unmigrated.status != 0 && unmigrated.stdout.contains("at seq 3: stored tree hash at level \(level)"), "\(unmigrated)")
        let migrating = try DatabaseQueue(path: database)
        try StoreSchema.migrator.migrate(migrating)
        try migrating.close()
        let verified = try cli.verify()
        #expect(verified.status != 0 && verified.stdout.contains("at seq 3: stored tree hash at level \(level)"), "\(verified)")
    }
}
