import Foundation
import ParcoursApp
import ParcoursLog
import PostgresNIO

/// The case store kept in a PostgreSQL database: the two logs (`PostgresLogStore`), the
/// tables beside them (`PostgresCaseStoreSchema`), the projections — what `SQLiteCaseStore`
/// is for one file, shared here by every server on the database.
///
/// The rules, drafts and key sealing are the application's (`StoreRules`, `DirectoryChange`,
/// `SealedKeys`, `StoreFounding`), the log's writing and verification the log core's: this
/// type keeps only the SQL. Every operation runs on the storage threads (`StorageThreads`),
/// where the driver's futures are waited on, never on the cooperative pool.
public final class PostgresCaseStore: CaseStore {
    public let origin: String
    public let logPublicKey: PublicKey
    /// A PostgreSQL store is never a backup: its copies are the operator's (pg_dump, PITR).
    public var isBackup: Bool { false }
    /// The database's name, for messages (never its URL, which may hold a password).
    public let databaseName: String
    /// The two logs, without a master key (`log.with(master:)` gives one).
    let log: PostgresLogStore
    /// The log core's writer: it caches the directory and the tree's frontier between appends.
    let writer: LogWriter
    /// Concurrent access records gathered into one append, made at the first record.
    private let accessCommits = AccessGroupCommitSlot()

    private init(url: PostgresDatabaseURL, connections: Int) throws {
        log = try PostgresLogStore(url: url, master: nil, connections: connections)
        databaseName = url.database
        let info = try log.connections.withConnection { session in
            try Dictionary(session.rows("SELECT name, value FROM store_info").map { try $0.decode((String, String).self) },
                           uniquingKeysWith: { $1 })
        }
        guard let origin = info["origin"], let key = info["logPublicKey"].flatMap(PublicKey.init(base64:)) else {
            throw LogError.notAStore(path: "PostgreSQL database \(url.database)")
        }
        self.origin = origin
        logPublicKey = key
        writer = LogWriter(origin: origin)
    }

    /// Opens the store in the database at `url`. A database whose migrations are behind this
    /// program is refused (`PostgresStoreError.migrationsPending`): `parcours migrate` first.
    /// - Parameter connections: how many connections the store may hold open at once.
    public static func open(url: PostgresDatabaseURL, connections: Int = 16) async throws -> PostgresCaseStore {
        try await StorageThreads.run {
            let pending = try PostgresMigrator.pending(url: url)
            guard pending.isEmpty else { throw PostgresStoreError.migrationsPending(pending) }
            return try PostgresCaseStore(url: url, connections: connections)
        }
    }

    /// Creates a store in the database at `url` (applying every migration first): its master
    /// key sealed under `masterPassphrase`, its log key, the founding admin, whose `log.created`
    /// is seq 0. Refused when the database holds a store already. A `demo` store accepts synthetic journeys.
    public static func create(url: PostgresDatabaseURL, origin: String, adminID: String, adminName: String? = nil, adminPassphrase: String,
                              masterPassphrase: String, demo: Bool = false, connections: Int = 16) async throws -> PostgresCaseStore {
        let founding = try StoreFounding(origin: origin, adminID: adminID, adminName: adminName, adminPassphrase: adminPassphrase,
                                         masterPassphrase: masterPassphrase, demo: demo)
        return try await StorageThreads.run {
            _ = try PostgresMigrator.migrate(url: url)
            let log = try PostgresLogStore(url: url, master: nil, connections: 1)
            try log.connections.withConnection { session in
                try session.inTransaction("BEGIN") {
                    // Two creations at once: the second waits here, then finds the first's store.
                    try session.rows("LOCK TABLE store_info IN EXCLUSIVE MODE")
                    guard try session.rows("SELECT 1 FROM store_info LIMIT 1").isEmpty,
                          try session.rows("SELECT 1 FROM event LIMIT 1").isEmpty else {
                        throw LogError.alreadyExists(path: "PostgreSQL database \(url.database)")
                    }
                    for (name, value) in founding.info {
                        try session.rows("INSERT INTO store_info (name, value) VALUES (\(name), \(value))")
                    }
                    try session.rows("""
                        INSERT INTO sealed_secret (name, sealed)
                        VALUES ('master', \(ByteBuffer(bytes: founding.sealedMaster))), ('log', \(ByteBuffer(bytes: founding.wrappedLogKey)))
                        """)
                    try session.rows("""
                        INSERT INTO actor_key (public_key, actor, sealed, created_at)
                        VALUES (\(founding.admin.key.publicKey.base64), \(founding.admin.id), \(founding.sealedAdmin), \(founding.createdAt.description))
                        """)
                }
            }
            let store = try PostgresCaseStore(url: url, connections: connections)
            _ = try store.writer.append([founding.foundingDraft], by: founding.admin.author, signingKey: founding.admin.key,
                                        to: store.log.with(master: founding.master))
            return store
        }
    }

    /// Runs one operation of the store on the storage threads.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresCaseStore) throws -> T) async throws -> T {
        try await StorageThreads.run { [self] in try body(self) }
    }

    /// Runs statements on a connection of the store's, each committing alone.
    func sql<T>(_ body: (PostgresSession) throws -> T) throws -> T { try log.connections.withConnection(body) }

    /// Runs statements in one transaction.
    func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try sql { session in try session.inTransaction("BEGIN") { try body(session) } }
    }

    /// The directory as it stands now.
    func directory() throws -> Directory { try log.withReadTransaction(on: .events) { try writer.directory($0).0 } }

    /// A value of `store_info`.
    func info(_ name: String) throws -> String? {
        try sql { try $0.row("SELECT value FROM store_info WHERE name = \(name)")?.decode(String.self) }
    }

    /// A sealed secret's bytes.
    func sealedSecret(_ name: String, in session: PostgresSession) throws -> [UInt8]? {
        try session.row("SELECT sealed FROM sealed_secret WHERE name = \(name)").map { Array(try $0.decode(ByteBuffer.self).readableBytesView) }
    }

    /// The log key, unwrapped by the master key, for signing checkpoints and access records.
    func logSigningKey(master: MasterKey) throws -> SigningKey {
        try SealedKeys.openLogKey(sql { try sealedSecret("log", in: $0) }, master: master, logPublicKey: logPublicKey)
    }

    /// The access records' group commit: each batch one body of the access log's `PostgresGroupCommit`.
    func accessGroupCommit(master: MasterKey) throws -> AccessGroupCommit {
        try accessCommits.committer {
            let logKey = try logSigningKey(master: master)
            return AccessGroupCommit { [writer, log] records in try writer.appendAccess(records, logKey: logKey, to: log) }
        }
    }

    public func unlockMaster(passphrase: String) async throws -> MasterKey {
        try await run { store in try SealedKeys.openMaster(store.sql { try store.sealedSecret("master", in: $0) }, passphrase: passphrase) }
    }

    public func unlockActor(_ id: String, passphrase: String) async throws -> UnlockedActor {
        try await run { store in try store.unlockActorNow(id, passphrase: passphrase) }
    }

    /// Unlocks an actor's current key with her or his passphrase, on the caller's thread.
    func unlockActorNow(_ id: String, passphrase: String) throws -> UnlockedActor {
        let actor = try StoreRules.activeActor(id, in: directory())
        let sealed = try sql { session in
            try session.row("SELECT sealed FROM actor_key WHERE public_key = \(actor.key.base64) AND actor = \(id)")?.decode(String.self)
        }
        return try SealedKeys.openActor(id, sealed: sealed, passphrase: passphrase, directoryKey: actor.key)
    }

    public func researchKey(project: String, master: MasterKey) async throws -> [UInt8] {
        try await run { store in
            var secret = try store.transaction { session -> [UInt8] in
                if try store.sealedSecret(SealedKeys.researchSecretName, in: session) == nil {
                    // Made on first use; two servers at once keep the first one's.
                    var made = SealedKeys.newResearchSecret(master: master)
                    Sodium.zero(&made.secret)
                    try session.rows("""
                        INSERT INTO sealed_secret (name, sealed) VALUES (\(SealedKeys.researchSecretName), \(ByteBuffer(bytes: made.wrapped)))
                        ON CONFLICT DO NOTHING
                        """)
                }
                guard let wrapped = try store.sealedSecret(SealedKeys.researchSecretName, in: session) else {
                    throw LogError.storeDamaged("no research secret")
                }
                return try SealedKeys.openResearchSecret(wrapped, master: master)
            }
            return SealedKeys.researchKey(secret: &secret, project: project)
        }
    }

    public func foundingAdminName() async throws -> String? { try await run { try $0.info("adminName") } }

    public func isDemoStore() async throws -> Bool { try await run { try $0.info("purpose") } == "demo" }

    public func currentDirectory() async throws -> Directory { try await run { try $0.directory() } }
}
