import Dispatch
import NIOPosix
import PostgresNIO
import Synchronization

/// The connections a store holds to one database, lent to one transaction at a time.
///
/// The log core's transactions are synchronous (`LogStore`): a transaction takes a
/// connection, waits on the driver's futures from its own thread (never the event loop's),
/// and gives the connection back. At most `limit` connections are open; a transaction
/// beyond them waits for one. A connection that failed is closed, not lent again.
final class PostgresConnections: Sendable {
    let url: PostgresDatabaseURL
    let logger: Logger
    private let available: DispatchSemaphore
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(0)

    init(url: PostgresDatabaseURL, limit: Int, logger: Logger) {
        self.url = url
        self.logger = logger
        available = DispatchSemaphore(value: limit)
    }

    deinit {
        for connection in idle.withLock({ $0 }) { Self.close(connection) }
    }

    /// Runs `body` with a connection of its own; waits while `limit` are lent.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = try lend()
        do {
            let result = try body(session)
            giveBack(session)
            return result
        } catch {
            giveBack(session)
            throw error
        }
    }

    /// A connection for the caller alone until `giveBack`; waits while `limit` are lent.
    ///
    /// Never called on an event loop: a transaction blocks its thread on the driver's futures,
    /// and `parcours serve` makes NIO's loops Swift Concurrency's global executor, so a loop
    /// blocked here would stall every connection it serves (or wait on itself). Callers run
    /// on the storage threads (`StorageThreads`); a debug build stops at the first that does not.
    func lend() throws -> PostgresSession {
        assert(MultiThreadedEventLoopGroup.currentEventLoop == nil, "a PostgreSQL transaction was started on an event loop")
        available.wait()
        do {
            let connection = try idle.withLock { $0.popLast() } ?? open()
            return PostgresSession(connection: connection, logger: logger)
        } catch {
            available.signal()
            throw error
        }
    }

    /// Takes back a lent connection: kept for the next transaction, or closed if it failed.
    func giveBack(_ session: PostgresSession) {
        if session.isUsable { idle.withLock { $0.append(session.connection) } } else { Self.close(session.connection) }
        available.signal()
    }

    /// Closes without waiting: nothing is left to commit on it. The connection is kept
    /// alive until it is closed (the driver asserts that none is dropped open).
    private static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func open() throws -> PostgresConnection {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        do {
            return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: url.configuration,
                                                  id: id, logger: logger).wait()
        } catch {
            throw PostgresStoreError.from(error)
        }
    }
}
