import Foundation
import GRDB
import ParcoursLog

/// Where a log stands inside a write transaction: its size, last leaf and frontier.
struct WriteState {
    var size: UInt64
    var previous: Hash
    var frontier: MerkleFrontier
}

extension Store {
    /// Reads the head of a log and its frontier (from the cache when still current).
    func loadWriteState(_ db: Database, table: LogTable) throws -> WriteState {
        let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, leaf_hash FROM \(table.events) ORDER BY seq DESC LIMIT 1"))
        let size = head.map { UInt64($0["seq"] as Int64) + 1 } ?? 0
        let previous = head.flatMap { Hash(bytes: $0["leaf_hash"] as Data) } ?? .zero
        if let cached = cache.withLock({ $0.frontiers[table] }), cached.size == size {
            return WriteState(size: size, previous: previous, frontier: cached)
        }
        let frontier = try MerkleFrontier(size: size, reader: hashReader(db, table: table))
        return WriteState(size: size, previous: previous, frontier: frontier)
    }

    /// Reads stored complete-subtree hashes of a log.
    func hashReader(_ db: Database, table: LogTable) -> MerkleTree.HashReader {
        { level, index in
            guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM \(table.tree) WHERE level = ? AND idx = ?"),
                                               arguments: [level, Int64(index)]),
                  let hash = Hash(bytes: data)
            else { throw StoreError.storeDamaged("tree hash \(level)/\(index) of the \(table.rawValue) log is missing") }
            return hash
        }
    }

    /// Inserts a signed record at the head of a log, with the subtree hashes it completes.
    func insert(_ record: LogRecord, into table: LogTable, state: inout WriteState, db: Database) throws -> AppendResult {
        let envelope = record.envelope
        precondition(envelope.seq == state.size && envelope.prev == state.previous)
        let line = record.line
        let leaf = LogRecord.leafHash(line: line)
        try db.cachedStatement(sql: """
            INSERT INTO \(table.events) (seq, id, stream, version, type, author, recorded_at, leaf_hash, line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                Int64(envelope.seq), envelope.id, envelope.stream, Int64(envelope.version), envelope.type, envelope.author.actor,
                envelope.recordedAt.description, Data(leaf.bytes), Data(line),
            ])
        let insertNode = try db.cachedStatement(sql: "INSERT INTO \(table.tree) (level, idx, hash) VALUES (?, ?, ?)")
        for node in state.frontier.append(leaf) {
            try insertNode.execute(arguments: [node.level, Int64(node.index), Data(node.hash.bytes)])
        }
        state.size += 1
        state.previous = leaf
        return AppendResult(seq: envelope.seq, id: envelope.id, stream: envelope.stream, version: envelope.version, leafHash: leaf,
                            existing: false)
    }

    /// The directory as of the store's current head (replayed only when it changed).
    func directoryState(_ db: Database) throws -> (directory: Directory, count: Int64) {
        let count = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM event WHERE stream = 'directory'")) ?? 0
        if let cached = cache.withLock({ $0.directoryCount == count && count > 0 ? $0.directory : nil }) {
            return (cached, count)
        }
        var directory = Directory()
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, line FROM event WHERE stream = 'directory' ORDER BY seq")
        while let row = try rows.next() {
            let record: LogRecord
            do { record = try ParsedRecord(line: Array(row["line"] as Data), checkSignature: false).record } catch {
                throw StoreError.storeDamaged("directory record \(row["seq"] as Int64) does not parse")
            }
            do { try directory.admit(record.envelope) } catch {
                throw StoreError.storeDamaged("directory record \(row["seq"] as Int64): \(error.reason)")
            }
        }
        cache.withLock {
            $0.directory = directory
            $0.directoryCount = count
        }
        return (directory, count)
    }

    /// The directory as it stands now.
    public func currentDirectory() throws -> Directory {
        try pool.read { db in try directoryState(db).directory }
    }
}
