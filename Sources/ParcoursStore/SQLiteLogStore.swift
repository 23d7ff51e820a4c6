import Foundation
import GRDB
import ParcoursLog

/// The store seen through the log core's `LogStore` protocol, with the master
/// key its caller unlocked (nil: participant data keys cannot be reached).
public struct SQLiteLogStore: LogStore {
    let store: Store
    let master: MasterKey?

    public func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try store.pool.writeWithoutTransaction { db in
            var result: T?
            // IMMEDIATE: take the write lock first, so two processes never interleave appends.
            try db.inTransaction(.immediate) {
                result = try body(SQLiteLogTransaction(db: db, table: log, master: master))
                return .commit
            }
            return result!
        }
    }

    public func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try store.pool.read { db in try body(SQLiteLogTransaction(db: db, table: log, master: master)) }
    }
}

/// One log of the store inside a GRDB transaction.
final class SQLiteLogTransaction: LogTransaction {
    let db: Database
    let table: LogTable
    let master: MasterKey?

    init(db: Database, table: LogTable, master: MasterKey?) {
        self.db = db
        self.table = table
        self.master = master
    }

    func size() throws -> UInt64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM \(table.recordsTable) ORDER BY seq DESC LIMIT 1")).map { UInt64($0) + 1 } ?? 0
    }

    func leafHash(at seq: UInt64) throws -> Hash {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT leaf_hash FROM \(table.recordsTable) WHERE seq = ?"),
                                           arguments: [Int64(seq)]),
              let hash = Hash(bytes: data)
        else { throw LogError.storeDamaged("leaf hash \(seq) of the \(table.rawValue) log is missing") }
        return hash
    }

    func line(at seq: UInt64) throws -> [UInt8]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT line FROM \(table.recordsTable) WHERE seq = ?"), arguments: [Int64(seq)]).map { Array($0) }
    }

    func subtreeHash(level: Int, index: UInt64) throws -> Hash {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM \(table.treeTable) WHERE level = ? AND idx = ?"),
                                           arguments: [level, Int64(index)]),
              let hash = Hash(bytes: data)
        else { throw LogError.storeDamaged("tree hash \(level)/\(index) of the \(table.rawValue) log is missing") }
        return hash
    }

    func seq(ofID id: String) throws -> UInt64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM \(table.recordsTable) WHERE id = ?"), arguments: [id]).map { UInt64($0) }
    }

    func streamHead(_ stream: String) throws -> (version: UInt64, type: String)? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT version, type FROM \(table.recordsTable) WHERE stream = ? ORDER BY version DESC LIMIT 1"),
            arguments: [stream])
        else { return nil }
        return (UInt64(row["version"] as Int64), row["type"])
    }

    func directoryCount() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM \(table.recordsTable) WHERE stream = 'directory'")) ?? 0
    }

    func directoryLines() throws -> [[UInt8]] {
        try Data.fetchAll(db, sql: "SELECT line FROM \(table.recordsTable) WHERE stream = 'directory' ORDER BY seq").map { Array($0) }
    }

    func dataKey(forStream stream: String, create: Bool) throws -> DataKey? {
        guard let master else { throw LogError.masterKeyRequired }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, wrapped FROM data_key WHERE stream = ?"), arguments: [stream]) {
            let id: String = row["id"]
            var bytes = try master.unwrap(Array(row["wrapped"] as Data), purpose: MasterKey.dataKeyPurpose(id))
            return try DataKey(id: id, bytes: &bytes)
        }
        guard create, let participant = Identifiers.participant(ofStream: stream) else { return nil }
        let key = DataKey.generate(id: "dk-\(participant)-1")
        var raw = key.rawBytes()
        let wrapped = master.wrap(raw, purpose: MasterKey.dataKeyPurpose(key.id))
        Sodium.zero(&raw)
        try db.execute(sql: "INSERT INTO data_key (id, stream, wrapped, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key.id, stream, Data(wrapped), Timestamp.now().description])
        return key
    }

    func destroyDataKeys(forStream stream: String) throws {
        // secure_delete is on for every connection: the deleted cells are overwritten with zeros.
        try db.execute(sql: "DELETE FROM data_key WHERE stream = ?", arguments: [stream])
    }

    func insert(_ record: LogRecord, line: [UInt8], leafHash: Hash, completing nodes: [MerkleFrontier.Node]) throws {
        let envelope = record.envelope
        try db.cachedStatement(sql: """
            INSERT INTO \(table.recordsTable) (seq, id, stream, version, type, author, recorded_at, leaf_hash, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                Int64(envelope.seq), envelope.id, envelope.stream, Int64(envelope.version), envelope.type, envelope.author.actor,
                envelope.recordedAt.description, Data(leafHash.bytes), Data(line),
            ])
        let insertNode = try db.cachedStatement(sql: "INSERT INTO \(table.treeTable) (level, idx, hash) VALUES (?, ?, ?)")
        for node in nodes {
            try insertNode.execute(arguments: [node.level, Int64(node.index), Data(node.hash.bytes)])
        }
    }
}
