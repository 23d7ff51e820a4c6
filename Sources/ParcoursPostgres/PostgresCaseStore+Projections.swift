import ParcoursApp
import ParcoursLog
import ParcoursProjections
import PostgresNIO

/// The projections of a PostgreSQL store, and the log's growth that keeps them warm.
extension PostgresCaseStore {
    public func projections(master: MasterKey) -> any ProjectionStore {
        PostgresProjectionStore(log: log.with(master: master), master: master, writer: writer) { [self] in try logSigningKey(master: master) }
    }

    /// The event log's size each time any server appends (LISTEN/NOTIFY): several servers share the database.
    public func logGrowth() -> AsyncStream<UInt64>? { log.logGrowth() }

    /// Her or his rows leave the projections in the erasure's transaction: no caseload or
    /// program line outlives the erasure until the next reader catches up.
    func forgetProjections(of participant: String, in session: PostgresSession) throws {
        // No projector writes her or his rows again behind the erasure: it commits before, or follows it.
        try PostgresProjectionStore.holdProjections(in: session)
        for table in PostgresProjectionTables.tables(of: Set(ProjectionName.allCases)) {
            try session.rows("DELETE FROM \(unescaped: table) WHERE participant = \(participant)")
        }
    }
}
