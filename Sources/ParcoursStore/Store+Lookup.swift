import GRDB
import ParcoursLog

extension Store {
    /// The stream and type of the event of the events log that `id` names, or nil when
    /// no event has that id. Reads only clear columns: no key is needed.
    public func streamAndType(ofEvent id: String) throws -> (stream: String, type: String)? {
        try pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT stream, type FROM \(LogTable.events.recordsTable) WHERE id = ?"),
                             arguments: [id])
                .map { (stream: $0["stream"], type: $0["type"]) }
        }
    }

    /// Whether a stream holds any event (its name is clear metadata: no key is needed).
    public func streamExists(_ stream: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(LogTable.events.recordsTable) WHERE stream = ?)"),
                              arguments: [stream]) ?? false
        }
    }
}
