import ParcoursApp
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// The projections of a PostgreSQL store, beside its logs, with the master key its caller
/// unlocked.
///
/// Several servers share the tables. Exactly one projector writes at a time, whichever
/// server it runs on: a write transaction first takes a transaction-scoped advisory lock
/// of the projections, under READ COMMITTED, so its body sees the positions the last
/// writer committed and an event is never projected twice. Reads run in one REPEATABLE
/// READ snapshot of the log and the projections. Appends draw up their batch inside the
/// log's write transaction, on its connection, once its head row is locked.
///
/// Bodies are synchronous and wait on the driver: they run on the storage executor's
/// threads, never on the cooperative pool.
public struct PostgresProjectionStore: ProjectionStore {
    let log: PostgresLogStore
    let master: MasterKey
    let writer: LogWriter
    let logSigningKey: @Sendable () throws -> SigningKey

    /// The advisory lock a projection writer holds until its commit (any constant of ours,
    /// other than the schema's).
    static let projectorLock: Int64 = 0x7061_7263_7072_6f6a // "parcproj"

    /// - Parameters:
    ///   - log: the store's logs (opened with the same master key).
    ///   - master: unwraps the participants' data keys.
    ///   - writer: the store's one log writer.
    ///   - logSigningKey: unwraps the access log's key, for the access records written with acts.
    public init(log: PostgresLogStore, master: MasterKey, writer: LogWriter, logSigningKey: @escaping @Sendable () throws -> SigningKey) {
        (self.log, self.master, self.writer, self.logSigningKey) = (log, master, writer, logSigningKey)
    }

    /// Not READ ONLY: verification folds the log into temporary tables, which a read-only
    /// transaction refuses. Nothing else a read does writes.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T {
        try await Self.blocking { [log, master] in
            try log.connections.withConnection { session in
                try session.inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ") {
                    try body(PostgresProjectionTransaction(session: session, master: master))
                }
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T {
        try await Self.blocking { [log, master] in
            try log.connections.withConnection { session in
                try session.inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED") {
                    try Self.lockProjections(in: session)
                    return try body(PostgresProjectionTransaction(session: session, master: master))
                }
            }
        }
    }

    /// Waits, inside the session's transaction, until no other transaction writes the
    /// projections; holds them until it ends. Every statement after sees what the last
    /// writer committed (READ COMMITTED).
    static func lockProjections(in session: PostgresSession) throws {
        try session.rows("SELECT pg_advisory_xact_lock(\(projectorLock))")
    }

    /// Keeps every projector from committing until the session's transaction ends (the
    /// projectors' lock, shared): an erasure removes a participant's rows, and no projector
    /// that began before it writes them again behind it. Appends take no such lock: under
    /// READ COMMITTED a batch reads each participant's row with the seq it follows the stream
    /// to, in one statement (`Projector.current`), and projectors run beside them.
    static func holdProjections(in session: PostgresSession) throws {
        try session.rows("SELECT pg_advisory_xact_lock_shared(\(projectorLock))")
    }

    /// The batch is drawn up on the connection of the log's write transaction, reading the
    /// projections there; its access records go to the access log in that transaction.
    public func append(preparing prepare: @escaping @Sendable (any ProjectionTransaction) throws -> PreparedBatch,
                       by author: UnlockedActor) async throws -> [AppendResult] {
        try await Self.blocking { [log, master, writer, logSigningKey] in
            let logKey = try logSigningKey()
            var access: [(type: String, data: [String: JSONValue])] = []
            return try writer.append(preparing: { transaction in
                let prepared = try prepare(PostgresProjectionTransaction(session: try Self.session(of: transaction), master: master))
                access = prepared.access
                return prepared.drafts
            }, by: author.author, signingKey: author.key, to: log, alsoInTransaction: { transaction in
                guard !access.isEmpty else { return }
                _ = try writer.appendAccess(access, logKey: logKey, in: transaction.onLog(.access))
            })
        }
    }

    /// The connection of a transaction of this store's log.
    private static func session(of transaction: any LogTransaction) throws -> PostgresSession {
        guard let transaction = transaction as? PostgresLogTransaction else {
            throw LogError.storeDamaged("an append of the PostgreSQL projections ran on another store's log")
        }
        return transaction.session
    }

    /// Runs a blocking body on the storage executor's threads; the caller suspends meanwhile.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withTaskExecutorPreference(StorageExecutor.shared) { try body() }
    }
}
