import Foundation
import GRDB
import ParcoursApp
import ParcoursLog
import ParcoursProjections

/// The store's projections, with the master key its caller unlocked.
struct SQLiteProjectionStore: ProjectionStore {
    let store: Store
    let master: MasterKey

    func read<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T {
        try await SQLiteThreads.run { [store, master] in
            try store.readers.read { db in try body(SQLiteProjectionTransaction(db: db, master: master)) }
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any ProjectionTransaction) throws -> T) async throws -> T {
        try await SQLiteThreads.run { [store, master] in
            try store.pool.write { db in try body(SQLiteProjectionTransaction(db: db, master: master)) }
        }
    }

    /// The log core's writer draws the batch up inside its transaction, on the same
    /// connection the projections are read from.
    func append(preparing prepare: @escaping @Sendable (any ProjectionTransaction) throws -> PreparedBatch,
                by author: UnlockedActor) async throws -> [AppendResult] {
        try await SQLiteThreads.run { [store, master] in try Self.append(preparing: prepare, by: author, to: store, master: master) }
    }

    private static func append(preparing prepare: (any ProjectionTransaction) throws -> PreparedBatch, by author: UnlockedActor,
                               to store: Store, master: MasterKey) throws -> [AppendResult] {
        let logKey = try store.logSigningKey(master: master)
        var access: [(type: String, data: [String: JSONValue])] = []
        return try store.writer.append(preparing: { transaction in
            let prepared = try prepare(SQLiteProjectionTransaction(db: (transaction as! SQLiteLogTransaction).db, master: master))
            try StoreRules.checkWritable(prepared.drafts)
            access = prepared.access
            return prepared.drafts
        }, by: author.author, signingKey: author.key, to: store.logStore(master: master), alsoInTransaction: { transaction in
            guard !access.isEmpty else { return }
            _ = try store.writer.appendAccess(access, logKey: logKey, in: transaction.onLog(.access))
        })
    }
}

extension Store {
    /// The store's projections, opened with `master`.
    public func projections(master: MasterKey) -> any ProjectionStore { SQLiteProjectionStore(store: self, master: master) }
}
