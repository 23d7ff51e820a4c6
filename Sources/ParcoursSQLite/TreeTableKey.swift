import GRDB
import ParcoursLog

/// How a store's tree tables key their subtrees: by last leaf and level since migration v15,
/// by level and index before it. A store opened for writing is migrated; a backup opens
/// read-only and is never migrated, so one made earlier is read by its own key (its log
/// verifies, its proofs and roots are made) — the SQL is the same but for the key's column.
enum TreeTableKey: Sendable {
    /// `PRIMARY KEY (last_leaf, level)`: an append's subtrees side by side, a run's in one range.
    case lastLeaf
    /// `PRIMARY KEY (level, idx)`: each level apart (a store made before migration v15).
    case index

    /// The layout of the tree tables `db` holds, read from the schema itself (no cache: another
    /// process may migrate a store a read-only one looks at).
    static func of(_ db: Database) throws -> TreeTableKey {
        try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM pragma_table_info('event_tree') WHERE name = 'last_leaf'") == true ? .lastLeaf : .index
    }

    /// The column that holds a subtree's key beside its level.
    var column: String { self == .lastLeaf ? "last_leaf" : "idx" }

    /// A subtree's key, as the column holds it; nil for a subtree beyond any log (a key past 2^63 - 1,
    /// which the column cannot hold, or a level beyond 63).
    func key(_ subtree: Subtree) -> Int64? {
        guard (0..<64).contains(subtree.level), subtree.index <= UInt64(Int64.max) >> subtree.level else { return nil }
        return Int64(self == .lastLeaf ? subtree.lastLeaf : subtree.index)
    }

    /// The subtree a row holds, from its key and level; nil when it names none (a damaged store).
    func subtree(key: Int64, level: Int64) -> Subtree? {
        guard key >= 0, (0..<64).contains(level) else { return nil }
        return self == .lastLeaf ? Subtree(level: Int(level), lastLeaf: UInt64(key)) : Subtree(level: Int(level), index: UInt64(key))
    }
}

extension Store {
    /// How the tree tables key their subtrees, for a transaction on `db`. A store opened for
    /// writing was migrated at its opening; a read-only one is looked at in each transaction,
    /// since a backup made before migration v15 keeps the older key, and a store in service may
    /// be migrated by the server while it is open (its next transaction sees the new tables).
    func treeTableKey(_ db: Database) throws -> TreeTableKey { isReadOnly ? try TreeTableKey.of(db) : .lastLeaf }
}
