import ParcoursApp
import ParcoursLog
import ParcoursProjections

/// The projections of a PostgreSQL store (placeholder until `PostgresProjectionStore` is merged).
extension PostgresCaseStore {
    public func projections(master: MasterKey) -> any ProjectionStore {
        fatalError("the PostgreSQL projections arrive with PostgresProjectionStore")
    }

    /// Her or his rows leave the projections in the erasure's transaction.
    func forgetProjections(of participant: String, in session: PostgresSession) throws {}
}
