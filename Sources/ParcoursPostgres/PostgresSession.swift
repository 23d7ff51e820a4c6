import PostgresNIO

/// One lent connection, with statements run to completion from the calling thread.
///
/// Waiting on a future is allowed here because no caller is on the connection's event
/// loop: the store's transactions run on their callers' threads.
final class PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// False once a statement failed otherwise than by the server refusing it, or a
    /// rollback failed: the connection is then closed rather than lent again.
    private(set) var isUsable = true

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Says the connection is not to be lent again (its state is unknown).
    func markUnusable() { isUsable = false }

    /// Runs one statement and returns every row.
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            let mapped = PostgresStoreError.from(error)
            if case PostgresStoreError.refused = mapped {} else { isUsable = false }
            throw mapped
        }
    }

    /// Runs one statement and returns its first row, if any.
    func row(_ query: PostgresQuery) throws -> PostgresRow? { try rows(query).first }

    /// Runs `body` between BEGIN and COMMIT (ROLLBACK when it throws).
    func inTransaction<T>(_ begin: PostgresQuery, _ body: () throws -> T) throws -> T {
        try rows(begin)
        let result: T
        do {
            result = try body()
        } catch {
            do { try rows("ROLLBACK") } catch { isUsable = false }
            throw error
        }
        do {
            try rows("COMMIT")
        } catch {
            // Whether the commit happened is unknown to us: never lend this connection again.
            isUsable = false
            throw error
        }
        return result
    }
}
