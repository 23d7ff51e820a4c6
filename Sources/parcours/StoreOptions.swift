import ArgumentParser
import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursPostgres
import ParcoursSQLite

/// `--store DIR` or `--database postgres://…`, shared by every command: the one place the
/// command line chooses its storage. A SQLite store in a directory (`PARCOURS_STORE`, or
/// `./parcours-data`), or a PostgreSQL database (`PARCOURS_DATABASE`), whose URL is never
/// printed (it may hold a password): reports name the database alone.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (or a backup file). Default: $PARCOURS_STORE or ./parcours-data.")
    var storePath: String?
    @Option(name: .customLong("database"),
            help: "A PostgreSQL database instead of a store directory: postgres://user@host:port/name. Default: $PARCOURS_DATABASE.")
    var databaseURL: String?

    var path: String {
        storePath ?? ProcessInfo.processInfo.environment["PARCOURS_STORE"] ?? "./parcours-data"
    }

    /// The PostgreSQL database chosen (`--database`, or `PARCOURS_DATABASE` when no `--store` is given), if any.
    var database: String? {
        if let databaseURL { return databaseURL }
        guard storePath == nil, let text = ProcessInfo.processInfo.environment["PARCOURS_DATABASE"], !text.isEmpty else { return nil }
        return text
    }

    /// The store's directory (or backup file) when the store is a SQLite one; nil for a database.
    var directory: String? { database == nil ? path : nil }

    /// Where the store is, for reports: its directory, or its database's name (never the URL).
    var location: String { database.map(Self.location(ofDatabase:)) ?? path }

    /// A database's name for reports, never its URL (which may hold a password).
    static func location(ofDatabase url: String) -> String {
        (try? PostgresDatabaseURL(url)).map { "postgres database \($0.database)" } ?? "postgres database"
    }

    func validate() throws {
        if storePath != nil, databaseURL != nil { throw ValidationError("--store and --database: one store at a time, give one of them") }
    }

    /// The case record kept at `--store` or `--database`, unlocked with the master passphrase. A
    /// backup opens read-only (writing to one would fork the log), so what writes there is refused
    /// with the way to `restore`.
    func caseRecord() async throws -> CaseRecord {
        if let database { return try await CaseRecord.open(database: PostgresDatabaseURL(database), masterPassphrase: try Secrets.master()) }
        return try await CaseRecord.open(at: path, masterPassphrase: try Secrets.master())
    }

    /// The logs kept at `--store` (opened read-only) or `--database`, for proofs, checkpoints and verification.
    func verifiableLog() async throws -> VerifiableLog {
        if let database { return try await VerifiableLog.open(database: PostgresDatabaseURL(database)) }
        return try VerifiableLog.open(at: path)
    }

    /// Creates a store at `--store`, or in the database of `--database` (its migrations applied first).
    func create(origin: String, admin: String, adminName: String?, adminPassphrase: String, masterPassphrase: String,
                demo: Bool) async throws -> CaseRecord.Created {
        if let database {
            return try await CaseRecord.create(database: PostgresDatabaseURL(database), origin: origin, admin: admin, adminName: adminName,
                                               adminPassphrase: adminPassphrase, masterPassphrase: masterPassphrase, demo: demo)
        }
        return try CaseRecord.create(at: path, origin: origin, admin: admin, adminName: adminName, adminPassphrase: adminPassphrase,
                                     masterPassphrase: masterPassphrase, demo: demo)
    }

    /// Puts a backup file in service as the store at `--store` (a database's backups are its operator's).
    func restore(backupAt backup: String, masterPassphrase: String, by identity: Identity) async throws -> Restoration {
        guard database == nil else {
            throw AppError.invalidInput(field: "database", reason: "a PostgreSQL store is restored by its operator (pg_restore, point-in-time recovery); restore takes --store")
        }
        return try await CaseRecord.restore(backupAt: backup, masterPassphrase: masterPassphrase, into: path, by: identity)
    }

    /// Copies the SQLite store at `directory` (stopped: no server writing to it) into the empty
    /// PostgreSQL database at `url`: every record as signed, the checkpoints, the sealed keys.
    static func copy(from directory: String, to url: String) async throws -> (events: UInt64, access: UInt64) {
        let store = try Store.open(at: directory, readOnly: true)
        return try await PostgresCaseStore.copy(logs: store.logStore(master: nil), contents: store.contents(), into: PostgresDatabaseURL(url))
    }

    /// Applies the database's pending migrations; their names, in order (none: it was up to date).
    func migrate() throws -> [String] {
        guard let database else { throw AppError.invalidInput(field: "database", reason: "a PostgreSQL URL (--database or PARCOURS_DATABASE)") }
        return try PostgresMigrator.migrate(url: PostgresDatabaseURL(database))
    }
}

/// `--as ACTOR`: who signs, unlocked by her or his passphrase.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: "The actor who signs (unlocked with PARCOURS_PASSPHRASE or a prompt).")
    var actor: String

    /// The actor of `--as`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    var identity: Identity { Self.identity(of: actor) }

    /// `actor`, proven by her or his passphrase (`PARCOURS_PASSPHRASE` or a prompt).
    static func identity(of actor: String) -> Identity {
        Identity(actor: actor, signer: PassphraseSigner {
            try Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(actor) : ")
        })
    }
}
