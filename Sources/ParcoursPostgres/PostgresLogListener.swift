import ParcoursApp
import ParcoursLog
import PostgresNIO

/// Hears the event log grow, whichever server appended: its size after each append, from
/// PostgreSQL's `LISTEN`/`NOTIFY` on a connection of its own.
///
/// Every append transaction on the event log notifies `parcours_events` with the log's size
/// as it commits (PostgreSQL delivers a notification at commit, and only then). A server's
/// projections follow each size heard, so they are warm when its readers arrive; readers
/// still wait for the position they need (read-your-writes), so a notification lost changes
/// only when the work is done, not what is read.
///
/// When the connection drops, the listener connects again after a pause that doubles up to
/// `longestPause`, and gives the log's size once listening again: what it missed meanwhile
/// is caught up at once. Its log lines say only that the connection was lost, and the pause.
public struct PostgresLogListener: Sendable {
    /// The channel appends notify: the payload is the event log's size, in decimal.
    static let channel = "parcours_events"
    /// How an operator tells the listening connection apart in `pg_stat_activity`.
    static let applicationName = "parcours-listener"

    let url: PostgresDatabaseURL
    let logger: Logger
    let firstPause: Duration
    let longestPause: Duration

    /// - Parameters:
    ///   - url: the store's database.
    ///   - firstPause: the pause before the first reconnection; it doubles after each failure, up to `longestPause`.
    public init(url: PostgresDatabaseURL, logger: Logger = Logger(label: "parcours.postgres.listener"),
                firstPause: Duration = .milliseconds(100), longestPause: Duration = .seconds(10)) {
        (self.url, self.logger, self.firstPause, self.longestPause) = (url, logger, firstPause, longestPause)
    }

    /// The event log's size each time it grows, and once each time the listener (re)connects.
    /// Ends, and closes the connection, when its consumer stops iterating or is cancelled.
    public func sizes() -> AsyncStream<UInt64> {
        let (stream, continuation) = AsyncStream.makeStream(of: UInt64.self, bufferingPolicy: .bufferingNewest(16))
        // On the storage executor's threads: a cooperative pool whose few threads are all
        // blocked elsewhere never keeps the listener from hearing.
        let listening = Task(executorPreference: StorageExecutor.shared) { [self] in
            var pause = firstPause
            while !Task.isCancelled {
                do {
                    try await listen { size in
                        pause = firstPause
                        continuation.yield(size)
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("lost the connection that hears the event log grow; connecting again", metadata: ["pause": "\(pause)"])
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, longestPause)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in listening.cancel() }
        return stream
    }

    /// One connection: LISTEN, the size as it stands, then every size notified until the connection ends.
    private func listen(_ heard: (UInt64) -> Void) async throws {
        var configuration = url.configuration
        configuration.options.additionalStartupParameters.append(("application_name", Self.applicationName))
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            try await connection.listen(on: Self.channel) { notifications in
                for try await row in try await connection.query("SELECT size FROM log_head WHERE log = 'events'", logger: logger) {
                    heard(UInt64(try row.decode(Int64.self)))
                }
                for try await notification in notifications {
                    if let size = UInt64(notification.payload) { heard(size) }
                }
            }
        } catch {
            try? await connection.close()
            throw PostgresStoreError.from(error)
        }
        try? await connection.close()
    }

    /// Inside an append transaction on the event log, just before it commits: the listeners
    /// hear the size it leaves, once it is durable.
    static func notifyGrowth(in session: PostgresSession) throws {
        try session.rows("SELECT pg_notify(\(channel), size::text) FROM log_head WHERE log = 'events'")
    }
}
