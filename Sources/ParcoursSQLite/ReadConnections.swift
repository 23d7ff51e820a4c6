import Dispatch
import GRDB
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Read-only connections to a store's database, each lent to one read transaction at a time:
/// the reads every web request makes (its session, the directory, a journey, the panel of
/// openings) go through them.
///
/// GRDB's `DatabasePool` lends its readers through a pool guarded by dispatch barriers and a
/// read-write lock made of another; under thirty-two requests at once, taking a reader and giving
/// it back cost 2–2.7 % of a journey page's CPU for each of its four reads (issue 12). Here a
/// reader is taken from a list under a lock held for a pop or a push. At most `limit` reads run at
/// once (more wait); up to `limit` connections are kept open, opened when first needed.
///
/// The connections read the WAL like the pool's readers: each read is a transaction that sees
/// every commit made before it began.
final class ReadConnections: Sendable {
    static let limit = 16

    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])
    private let slots = DispatchSemaphore(value: limit)

    init(path: String, configuration: Configuration) {
        self.path = path
        var configuration = configuration
        configuration.readonly = true
        self.configuration = configuration
    }

    /// Runs `body` in a read transaction on a connection of its own. A read inside a read stops the
    /// program, as it does in GRDB's pool: sixteen reads each waiting for a slot for the read inside
    /// would wait for ever.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        precondition(pthread_getspecific(Self.reading) == nil, "a read inside a read of the store")
        pthread_setspecific(Self.reading, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(Self.reading, nil) }
        slots.wait()
        defer { slots.signal() }
        let connection = try idle.withLock { $0.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
        defer { idle.withLock { $0.append(connection) } }
        return try connection.inDatabase { db in try Self.transaction(in: db, body) }
    }

    /// One read transaction. Its `BEGIN` and `COMMIT` are prepared once a connection and kept:
    /// GRDB's `read` prepares both again at every read (two of a journey page's eighteen statement
    /// preparations). The connection is read-only (`SQLITE_OPEN_READONLY`): nothing in it writes.
    private static func transaction<T>(in db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
        do {
            let value = try body(db)
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return value
        } catch {
            try? db.rollback()
            throw error
        }
    }

    /// Set on a thread while it reads (any value but nil).
    private static let reading: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("no thread-specific key for the store's reads") }
        return key
    }()
}
