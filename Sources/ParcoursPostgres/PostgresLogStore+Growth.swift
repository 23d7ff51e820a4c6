import ParcoursLog

extension PostgresLogStore {
    /// The event log's size each time any server appends to it (see `PostgresLogListener`).
    public func logGrowth() -> AsyncStream<UInt64> {
        PostgresLogListener(url: connections.url, logger: connections.logger).sizes()
    }
}
