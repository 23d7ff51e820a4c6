import GRDB
import Testing
@testable import ParcoursSQLite

@Suite("The store's schema")
struct StoreSchemaTests {
    /// `sqlite_master` of a freshly migrated database, in the fixture's form.
    static func migratedSchema() throws -> String {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map { row in
                "-- \(row[0] as String) \(row[1] as String) on \(row[2] as String)\n\((row[3] as String?) ?? "(automatic)")\n"
            }.joined(separator: "\n")
        }
    }

    @Test("the migrations, in literal SQL, give byte for byte the tables, indexes and triggers shipped stores have")
    func migrationsGiveTheShippedSchema() throws {
        let schema = try Self.migratedSchema()
        #expect(schema == SchemaFixture.migratedSchema + "\n")
        // The comparison is not vacuous: the fixture holds both logs, their trees and every trigger.
        for name in ["event", "access_event", "event_tree", "access_tree", "checkpoint", "data_key", "journey",
                     "event_immutable_update", "access_tree_immutable_delete", "checkpoint_immutable_delete", "data_key_delete_only_by_erasure"] {
            #expect(SchemaFixture.migratedSchema.contains(" \(name) on "), "\(name) is missing from the fixture")
        }
    }
}
