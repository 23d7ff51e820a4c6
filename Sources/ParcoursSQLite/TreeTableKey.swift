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

    /// The layout of the tree tables `db` holds.
    static func of(_ db: Database) throws -> TreeTableKey {
        try db.columns(in: "event_tree").contains { $0.name == "last_leaf" } ? .lastLeaf : .index
    }

    /// The column that holds a subtree's key beside its level.
    var column: String { self == .lastLeaf ? "last_leaf" : "idx" }

    /// A subtree's key, as the column holds it (leaves and indices are below 2^63).
    func key(_ subtree: Subtree) -> Int64 { Int64(bitPattern: self == .lastLeaf ? subtree.lastLeaf : subtree.index) }

    /// The subtree a row holds, from its key and level; nil when it names none (a damaged store).
    func subtree(key: Int64, level: Int64) -> Subtree? {
        guard key >= 0, (0..<64).contains(level) else { return nil }
        return self == .lastLeaf ? Subtree(level: Int(level), lastLeaf: UInt64(key)) : Subtree(level: Int(level), index: UInt64(key))
    }
}
