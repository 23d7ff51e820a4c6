import ParcoursLog
import PostgresNIO

/// The two logs of a store kept in a PostgreSQL database, seen through the log core's
/// `LogStore`, with the master key its caller unlocked (nil: participant data keys cannot
/// be reached).
///
/// Several servers may share the database. An append transaction first locks its log's
/// head row (`log_head … FOR UPDATE`), so write transactions on a log never interleave,
/// in this process or another, and each takes the seqs that follow the last committed
/// one: gapless, in commit order. Reads run in a `REPEATABLE READ READ ONLY` transaction,
/// one snapshot of both logs. Appends that arrive together share one commit
/// (`PostgresGroupCommit`). Every transaction runs on its caller's thread and waits on
/// the driver there: the log core's transaction bodies are synchronous, so callers keep
/// them off the cooperative pool, as they do for SQLite. Each append to the event log
/// notifies the servers' listeners as it commits (`PostgresLogListener`).
public final class PostgresLogStore: LogStore {
    let connections: PostgresConnections
    let master: MasterKey?
    /// Each log's group commit; none when every append commits alone.
    let groups: [LogKind: PostgresGroupCommit]

    /// Opens the database at `url`, making the log tables if it lacks them.
    /// - Parameters:
    ///   - master: unwraps participants' data keys; nil for a store that reads no sealed content.
    ///   - connections: how many connections may be open at once (each transaction holds one).
    ///   - groupCommit: whether appends arriving together share one commit (false: one commit each).
    public init(url: PostgresDatabaseURL, master: MasterKey?, connections: Int = 16, groupCommit: Bool = true,
                logger: Logger = Logger(label: "parcours.postgres")) throws {
        precondition(connections > 0, "a store needs at least one connection")
        let pool = PostgresConnections(url: url, limit: connections, logger: logger)
        self.connections = pool
        self.master = master
        groups = groupCommit
            ? Dictionary(uniqueKeysWithValues: LogKind.allCases.map { ($0, PostgresGroupCommit(connections: pool, log: $0)) }) : [:]
        try self.connections.withConnection { try PostgresLogSchema.create(in: $0) }
    }

    /// The same database, connections and group commits, with another master key (a case
    /// store's operations each bring the key their caller unlocked).
    public func with(master: MasterKey?) -> PostgresLogStore { PostgresLogStore(sharing: self, master: master) }

    private init(sharing store: PostgresLogStore, master: MasterKey?) {
        connections = store.connections
        groups = store.groups
        self.master = master
    }

    public func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        if let group = groups[log] {
            return try group.run { session in try body(PostgresLogTransaction(session: session, log: log, writing: true, master: master)) }
        }
        return try connections.withConnection { session in
            // READ COMMITTED: once the head is locked, every statement sees the appends committed before.
            try session.inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED") {
                let transaction = PostgresLogTransaction(session: session, log: log, writing: true, master: master)
                _ = try transaction.size()
                let result = try body(transaction)
                if log == .events { try PostgresLogListener.notifyGrowth(in: session) }
                return result
            }
        }
    }

    public func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try connections.withConnection { session in
            try session.inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                try body(PostgresLogTransaction(session: session, log: log, writing: false, master: master))
            }
        }
    }
}
