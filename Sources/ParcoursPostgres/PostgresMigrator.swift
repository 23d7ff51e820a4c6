import Foundation
import PostgresNIO

/// The PostgreSQL schema's migrations: named, append-only, never edited once shipped, each
/// applied once and in order, recorded in `parcours_migration`.
///
/// `migrate` takes an advisory lock inside one transaction: servers (or `parcours migrate`)
/// running it at once apply each migration once, and a migration that fails leaves the
/// database as it was. A store refuses to open while a migration is pending
/// (`PostgresStoreError.migrationsPending`); creating a store applies them all.
public enum PostgresMigrator {
    /// One named step of the schema.
    struct Migration {
        let name: String
        let statements: [String]
    }

    /// Every migration, in the order they apply. Append only.
    static var migrations: [Migration] {
        [
            // The two logs (made by `PostgresLogStore` itself before migrations existed: idempotent).
            Migration(name: "v1-log", statements: PostgresLogSchema.statements),
            Migration(name: "v2-case-store", statements: PostgresCaseStoreSchema.statements),
            // Idempotent too: `PostgresLogStore` made them before migrations existed.
            Migration(name: "v3-projections", statements: PostgresProjectionSchema.statements),
            Migration(name: "v4-witnesses", statements: PostgresWitnessSchema.statements),
            Migration(name: "v5-access-openings", statements: PostgresCaseStoreSchema.openings),
            // Each act of a journey's timeline keeps its line in English: the journeys start over
            // (as SQLite's v14 does), so every row holds it and verify finds them equal to a fold.
            Migration(name: "v6-journey-english-summaries", statements: [
                "DELETE FROM journey",
                "UPDATE projection_position SET position = 0 WHERE name = 'journey'",
            ]),
            // Two French lines of the timeline space their semicolon: the journeys start over
            // (as SQLite's v16 does).
            Migration(name: "v7-journey-french-spacing", statements: [
                "DELETE FROM journey",
                "UPDATE projection_position SET position = 0 WHERE name = 'journey'",
            ]),
            // A journey is sealed in two parts, its earlier acts apart (`SealedJourney`): the
            // journeys start over in that form (as SQLite's v17 does).
            Migration(name: "v8-journey-earlier-acts", statements: [
                "ALTER TABLE journey ADD COLUMN IF NOT EXISTS earlier BYTEA",
                "DELETE FROM journey",
                "UPDATE projection_position SET position = 0 WHERE name = 'journey'",
            ]),
        ]
    }

    /// The names of every migration this program knows, in order.
    public static var names: [String] { migrations.map(\.name) }

    /// Applies the migrations the database lacks; returns their names, in the order applied.
    @discardableResult
    public static func migrate(url: PostgresDatabaseURL) throws -> [String] {
        try withSession(url) { session in
            try session.inTransaction("BEGIN") {
                try session.rows("SELECT pg_advisory_xact_lock(\(PostgresLogSchema.lockKey))")
                try session.rows("""
                    CREATE TABLE IF NOT EXISTS parcours_migration (
                        position INTEGER PRIMARY KEY,
                        name TEXT COLLATE "C" NOT NULL UNIQUE,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """)
                let applied = Set(try session.rows("SELECT name FROM parcours_migration").map { try $0.decode(String.self) })
                var ran: [String] = []
                for (position, migration) in migrations.enumerated() where !applied.contains(migration.name) {
                    for statement in migration.statements { try session.rows(PostgresQuery(unsafeSQL: statement)) }
                    try session.rows("INSERT INTO parcours_migration (position, name) VALUES (\(Int32(position)), \(migration.name))")
                    ran.append(migration.name)
                }
                return ran
            }
        }
    }

    /// The migrations the database lacks, in order (all of them for an empty database).
    public static func pending(url: PostgresDatabaseURL) throws -> [String] {
        try withSession(url) { session in
            guard try session.row("SELECT to_regclass('parcours_migration') IS NOT NULL")?.decode(Bool.self) == true else { return names }
            let applied = Set(try session.rows("SELECT name FROM parcours_migration").map { try $0.decode(String.self) })
            return names.filter { !applied.contains($0) }
        }
    }

    private static func withSession<T>(_ url: PostgresDatabaseURL, _ body: (PostgresSession) throws -> T) throws -> T {
        try PostgresConnections(url: url, limit: 1, logger: Logger(label: "parcours.postgres.migrate")).withConnection(body)
    }
}
