import Foundation
import GRDB
import ParcoursApp
import ParcoursLog
import ParcoursFiles

/// A Parcours store: the event log and the access log in one SQLite database
/// (WAL, synchronous FULL), the sealed keys, and the stored tree hashes.
///
/// Appends are durable when they return. The log core's rules (authority,
/// chain, versions) are checked before anything is written, so a refused
/// request leaves the store exactly as it was.
public final class Store: Sendable {
    /// The SQLite database file.
    public let databasePath: String
    /// The log's origin name, e.g. `spheres.example/parcours`.
    public let origin: String
    /// The public half of the log key that signs checkpoints and access records.
    public let logPublicKey: PublicKey
    /// A backup (a file given for the store, or a database marked as one): opened read-only, never written to.
    public let isBackup: Bool
    let pool: DatabasePool
    /// Opened read-only: never migrated by this process (a backup, or a store verified beside the server).
    let isReadOnly: Bool
    /// Read-only connections for the reads every web request makes (`ReadConnections`).
    let readers: ReadConnections
    /// The log core's writer: it caches the directory and the tree's frontier between appends.
    let writer: LogWriter

    /// The file name of the database inside a store directory.
    public static let databaseFileName = "parcours.sqlite"

    private init(databasePath: String, pool: DatabasePool, isBackup: Bool = false, isReadOnly: Bool = false) throws {
        self.databasePath = databasePath
        self.pool = pool
        readers = ReadConnections(path: databasePath, configuration: Self.configuration(readOnly: true))
        self.isBackup = isBackup
        self.isReadOnly = isReadOnly
        let info = try pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, value FROM store_info").map {
                (($0["name"] as String), ($0["value"] as String))
            })
        }
        guard let origin = info["origin"], let key = info["logPublicKey"].flatMap(PublicKey.init(base64:)) else {
            throw StoreError.storeDamaged("store_info lacks the origin or the log key")
        }
        self.origin = origin
        logPublicKey = key
        writer = LogWriter(origin: origin)
    }

    /// The database file for a store path: `DIR/parcours.sqlite`, or the file itself (a backup).
    public static func databasePath(for path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { return path }
        return (path as NSString).appendingPathComponent(databaseFileName)
    }

    static func configuration(readOnly: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        configuration.label = "parcours"
        configuration.prepareDatabase { db in
            // FULL: a commit in WAL mode is on disk before it returns.
            // secure_delete: erased data keys are overwritten, not merely unlinked.
            // temp_store: SQLite's temporary files stay in memory. With files, a write of several
            // records spilled its statement journal — copies of the store's pages, access records
            // in clear among them — into /var/tmp, outside the store's private directory and out
            // of reach of secure_delete, once for every group commit of the access log; sorts
            // without an index spilled the same way. In memory, such a sort grows with what it
            // sorts: the store's queries read through their indexes instead (verification's
            // comparison of the openings too); what still sorts is an index built by an old
            // migration (v8: some 60 bytes an access record) or a table whose index was dropped.
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY")
        }
        return configuration
    }

    /// Opens the database, durable on commit.
    ///
    /// GRDB's `DatabasePool` sets `synchronous = NORMAL` on its writer when it turns WAL
    /// on, after `prepareDatabase` ran; NORMAL loses the last commits on power failure,
    /// so FULL is set again here on the writer connection. The writer also gets a
    /// 32 MiB page cache: appends touch random places of the id index, and the
    /// default 2 MiB made large batches slow down as the store grew. Readers keep the
    /// default page cache, so verifying stays small in memory.
    ///
    /// The writer also bounds the WAL file (`walSizeLimit`). A WAL grows past its usual few
    /// MiB while a long read (an export, a verification) holds an old snapshot during writes;
    /// without a limit SQLite reuses the file from its start but never shrinks it, so one
    /// busy hour left hundreds of MiB on disk for good, stale copies of the store's pages
    /// among them.
    static func openPool(_ file: String, readOnly: Bool) throws -> DatabasePool {
        let pool = try DatabasePool(path: file, configuration: configuration(readOnly: readOnly))
        if !readOnly {
            try pool.writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768; PRAGMA journal_size_limit = \(walSizeLimit)")
            }
        }
        return pool
    }

    /// The size, in bytes, the WAL file is brought back to once its frames are all checkpointed
    /// (64 MiB: several times what a busy server's WAL holds between two checkpoints).
    static let walSizeLimit = 64 << 20

    /// Opens an existing store (a directory, or a backup file).
    ///
    /// A backup opens read-only: written to, it would fork the log (the log key would sign
    /// two checkpoints of one size with different roots). A backup is a file given for the
    /// store, or a database marked as one by `backup(to:)`; `restore` puts one back in service.
    public static func open(at path: String, readOnly: Bool = false) throws -> Store {
        let file = databasePath(for: path)
        guard FileManager.default.fileExists(atPath: file) else { throw StoreError.notAStore(path: path) }
        let pool: DatabasePool
        let backup: Bool
        do {
            // Looked at read-only first: opening for writing would already change the file (WAL mode).
            if !readOnly, try file == path || isMarkedBackup(file: file) { throw StoreError.backupOpensReadOnly(path: path) }
            pool = try openPool(file, readOnly: readOnly)
            backup = try file == path || pool.read { try isMarkedBackup($0) }
            if !readOnly { try StoreSchema.migrator.migrate(pool) }
        } catch let error as DatabaseError {
            throw StoreError.notAStore(path: path + " (\(error.resultCode))")
        }
        return try Store(databasePath: file, pool: pool, isBackup: backup, isReadOnly: readOnly)
    }

    /// The `store_info` entry that marks a database as a backup, not a store in service.
    static let backupMarker = "backupTakenAt"

    static func isMarkedBackup(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE name = ?", arguments: [backupMarker]) != nil
    }

    private static func isMarkedBackup(file: String) throws -> Bool {
        let probe = try DatabaseQueue(path: file, configuration: configuration(readOnly: true))
        defer { try? probe.close() }
        return try probe.read { try isMarkedBackup($0) }
    }

    /// Creates a store in directory `path`: the master key, the log key and the
    /// founding admin, whose `log.created` is seq 0. A `demo` store accepts synthetic
    /// journeys (`demo generate`); no other store does.
    public static func create(at path: String, origin: String, adminID: String, adminName: String? = nil,
                              adminPassphrase: String, masterPassphrase: String, demo: Bool = false) throws -> Store {
        let founding = try StoreFounding(origin: origin, adminID: adminID, adminName: adminName, adminPassphrase: adminPassphrase,
                                         masterPassphrase: masterPassphrase, demo: demo)
        let file = (path as NSString).appendingPathComponent(databaseFileName)
        guard !FileManager.default.fileExists(atPath: file) else { throw StoreError.alreadyExists(path: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // An existing directory is narrowed too: the store is private to its owner.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)

        // The database file is private to its owner; SQLite gives the WAL and shm files the same mode.
        try PrivateFile.create(file, field: "store").close()
        // Records are about 2 KB: 8 KiB pages hold several, where 4 KiB pages would waste half of each.
        let fresh = try DatabaseQueue(path: file, configuration: configuration())
        try fresh.writeWithoutTransaction { try $0.execute(sql: "PRAGMA page_size = 8192") }
        try StoreSchema.migrator.migrate(fresh)
        try fresh.close()
        let pool = try openPool(file, readOnly: false)
        try pool.write { db in
            for (name, value) in founding.info {
                try db.execute(sql: "INSERT INTO store_info (name, value) VALUES (?, ?)", arguments: [name, value])
            }
            try db.execute(sql: "INSERT INTO sealed_secret (name, sealed) VALUES ('master', ?), ('log', ?)",
                           arguments: [Data(founding.sealedMaster), Data(founding.wrappedLogKey)])
            try db.execute(sql: "INSERT INTO actor_key (public_key, actor, sealed, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [founding.admin.key.publicKey.base64, adminID, founding.sealedAdmin, founding.createdAt.description])
        }
        let store = try Store(databasePath: file, pool: pool)
        _ = try store.write([founding.foundingDraft], by: founding.admin, master: founding.master)
        return store
    }

    /// Unlocks the master key with the master passphrase.
    public func unlockMaster(passphrase: String) throws -> MasterKey {
        let sealed = try pool.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM sealed_secret WHERE name = 'master'") }
        return try SealedKeys.openMaster(sealed.map(Array.init), passphrase: passphrase)
    }

    /// The log key, unwrapped by the master key, for signing checkpoints and access records.
    func logSigningKey(master: MasterKey) throws -> SigningKey {
        let wrapped = try pool.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM sealed_secret WHERE name = 'log'") }
        return try SealedKeys.openLogKey(wrapped.map(Array.init), master: master, logPublicKey: logPublicKey)
    }

    /// Unlocks an actor's current private key with her or his passphrase.
    public func unlockActor(_ id: String, passphrase: String) throws -> UnlockedActor {
        let actor = try StoreRules.activeActor(id, in: try currentDirectory())
        let sealed = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT sealed FROM actor_key WHERE public_key = ? AND actor = ?",
                                arguments: [actor.key.base64, id])
        }
        return try SealedKeys.openActor(id, sealed: sealed, passphrase: passphrase, directoryKey: actor.key)
    }
}
