import Foundation
import GRDB
import GRDBSQLite
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
                result = try body(SQLiteLogTransaction(db: db, table: log, master: master, trees: try store.treeTableKey(db)))
                return .commit
            }
            return result!
        }
    }

    public func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try store.readers.read { db in try body(SQLiteLogTransaction(db: db, table: log, master: master, trees: try store.treeTableKey(db))) }
    }
}

/// One log of the store inside a GRDB transaction.
final class SQLiteLogTransaction: LogTransaction {
    let db: Database
    let table: LogTable
    let master: MasterKey?
    /// How the tree tables key their subtrees: by last leaf, but in a backup made before migration
    /// v15 (opened read-only, never migrated). Only a store's own layout is written to.
    let trees: TreeTableKey

    init(db: Database, table: LogTable, master: MasterKey?, trees: TreeTableKey) {
        self.db = db
        self.table = table
        self.master = master
        self.trees = trees
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

    /// Prepared once per transaction: verification reads about two stored hashes a record.
    private var subtreeStatement: Statement?

    func subtreeHash(level: Int, index: UInt64) throws -> Hash {
        let statement = try subtreeStatement ?? db.makeStatement(sql: "SELECT hash FROM \(table.treeTable) WHERE \(trees.column) = ? AND level = ?")
        subtreeStatement = statement
        guard let key = trees.key(Subtree(level: level, index: index)), let data = try Data.fetchOne(statement, arguments: [key, level]),
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
            return try master.openDataKey(id: row["id"], wrapped: Array(row["wrapped"] as Data))
        }
        guard create, let (key, wrapped) = master.newDataKey(forStream: stream) else { return nil }
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
        let insertNode = try db.cachedStatement(sql: "INSERT INTO \(table.treeTable) (\(trees.column), level, hash) VALUES (?, ?, ?)")
        for node in nodes {
            guard let key = trees.key(Subtree(level: node.level, index: node.index)) else {
                throw LogError.storeDamaged("the \(table.rawValue) log cannot grow past 2^63 - 1 records")
            }
            try insertNode.execute(arguments: [key, node.level, Data(node.hash.bytes)])
        }
    }

    /// The subtree a tree table's row holds, from its key and level (the columns at `first` and
    /// `first + 1`); nil when either is not an integer (the columns have no STRICT type: a REAL
    /// such as 3000.5 would read as 3000) or names no subtree (a damaged store).
    func subtree(_ statement: SQLiteStatement, first: Int32) -> Subtree? {
        guard sqlite3_column_type(statement, first) == SQLITE_INTEGER, sqlite3_column_type(statement, first + 1) == SQLITE_INTEGER else { return nil }
        return trees.subtree(key: sqlite3_column_int64(statement, first), level: sqlite3_column_int64(statement, first + 1))
    }
}

/// Reads for proofs, checkpoints, export and verification.
extension SQLiteLogTransaction {
    func onLog(_ kind: LogKind) -> any LogTransaction { SQLiteLogTransaction(db: db, table: kind, master: master, trees: trees) }

    func lines(from start: UInt64, to end: UInt64, chunk: Int, _ body: ([[UInt8]]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT line FROM \(table.recordsTable) WHERE seq >= ? AND seq < ? ORDER BY seq",
                                       arguments: [Int64(start), Int64(end)])
        var lines: [[UInt8]] = []
        while let row = try rows.next() {
            lines.append(Array(row[0] as Data))
            if lines.count == chunk {
                try body(lines)
                lines.removeAll(keepingCapacity: true)
            }
        }
        if !lines.isEmpty { try body(lines) }
    }

    func storedRecords(chunk: Int, _ body: ([StoredRecord]) throws -> Void) throws {
        let statement = try db.makeStatement(sql: """
            SELECT seq, id, stream, version, type, author, recorded_at, leaf_hash, line FROM \(table.recordsTable) ORDER BY seq
            """)
        let rows = try Row.fetchCursor(statement)
        // Each row's columns read straight from SQLite, each copied once: through GRDB's rows, every blob
        // became a `Data` first and every column a checked conversion (3 % of a verification's time).
        // Each column's type is checked first: SQLite would read a NULL as 0 or empty and convert a
        // blob or a real, so a column stored as another type than the store writes is named as differing.
        let columns = statement.sqliteStatement
        let types: [(name: String, type: Int32)] = [("seq", SQLITE_INTEGER), ("id", SQLITE_TEXT), ("stream", SQLITE_TEXT),
                                                   ("version", SQLITE_INTEGER), ("type", SQLITE_TEXT), ("author", SQLITE_TEXT),
                                                   ("recorded_at", SQLITE_TEXT), ("leaf_hash", SQLITE_BLOB), ("line", SQLITE_BLOB)]
        func mistyped() -> String? {
            types.indices.first { sqlite3_column_type(columns, Int32($0)) != types[$0].type }.map { types[$0].name }
        }
        func text(_ index: Int32) -> String {
            guard let bytes = sqlite3_column_text(columns, index) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(columns, index))), as: UTF8.self)
        }
        var records: [StoredRecord] = []
        records.reserveCapacity(chunk)
        while try rows.next() != nil {
            let mistypedColumn = mistyped()  // before reading: a conversion changes what SQLite says a column's type is
            records.append(StoredRecord(seq: sqlite3_column_int64(columns, 0), id: text(1), stream: text(2), version: sqlite3_column_int64(columns, 3),
                                        type: text(4), author: text(5), recordedAt: text(6), leafHash: Hash(bytes: columnBytes(columns, 7)), line: Array(columnBytes(columns, 8)),
                                        mistypedColumn: mistypedColumn))
            if records.count == chunk {
                try body(records)
                records.removeAll(keepingCapacity: true)
            }
        }
        if !records.isEmpty { try body(records) }
    }

    /// One query: the subtrees asked, joined to the tree table by its primary key (a search
    /// each, where `(key, level) IN (VALUES …)` would scan the table).
    func subtreeHashes(_ subtrees: [Subtree]) throws -> [Hash] {
        // Each subtree asked with its key, once; one beyond what a key can hold is found missing.
        let wanted = Dictionary(subtrees.compactMap { subtree in trees.key(subtree).map { (subtree, $0) } }, uniquingKeysWith: { key, _ in key })
        var found: [Subtree: Hash] = [:]
        if !wanted.isEmpty {
            let rows = try Row.fetchAll(db, sql: """
                SELECT tree.\(trees.column), tree.level, tree.hash
                FROM (VALUES \(Array(repeating: "(?, ?)", count: wanted.count).joined(separator: ", "))) AS wanted
                CROSS JOIN \(table.treeTable) AS tree ON tree.\(trees.column) = wanted.column1 AND tree.level = wanted.column2
                """, arguments: StatementArguments(wanted.flatMap { [$0.value, $0.key.level] as [any DatabaseValueConvertible] }))
            for row in rows {
                // Only integers name a subtree (the columns have no STRICT type).
                guard case .int64(let key) = (row[0] as DatabaseValue).storage, case .int64(let level) = (row[1] as DatabaseValue).storage,
                      let subtree = trees.subtree(key: key, level: level), let hash = try row.hash(atIndex: 2) else { continue }
                found[subtree] = hash
            }
        }
        return try subtrees.map { subtree in
            guard let hash = found[subtree] else {
                throw LogError.storeDamaged("tree hash \(subtree.level)/\(subtree.index) of the \(table.rawValue) log is missing")
            }
            return hash
        }
    }

    /// One range of the table's key and the level: keyed by last leaf, the level's subtrees lie
    /// among the others of their leaves, whose rows are passed over (verification reads a run's
    /// subtrees of every level in one range instead: `subtreeHashes(completedBy:)`).
    func subtreeHashes(level: Int, indices: Range<UInt64>) throws -> [Hash?] {
        var hashes = [Hash?](repeating: nil, count: indices.count)
        guard !indices.isEmpty, let lower = trees.key(Subtree(level: level, index: indices.lowerBound)) else { return hashes }
        // Indices past the last a key can hold name subtrees beyond any log: nil.
        let upper = trees.key(Subtree(level: level, index: indices.upperBound - 1)) ?? trees.key(Subtree(level: level, index: UInt64(Int64.max) >> level))!
        try read(keys: lower...upper, level: level) { subtree, hash in
            if subtree.level == level, indices.contains(subtree.index) { hashes[Int(subtree.index - indices.lowerBound)] = hash }
        }
        return hashes
    }

    /// Keyed by last leaf, one range of the table's key: the subtrees whose last leaf is one of
    /// `leaves`. Keyed by level and index (an older backup), a range for each level.
    func subtreeHashes(completedBy leaves: Range<UInt64>) throws -> [[Hash?]] {
        guard trees == .lastLeaf else { return try subtreeHashesLevelByLevel(completedBy: leaves) }
        let levels = Subtree.levels(completedBy: leaves)
        var hashes = levels.map { [Hash?](repeating: nil, count: $0.count) }
        guard !leaves.isEmpty else { return hashes }
        try read(keys: Int64(clamping: leaves.lowerBound)...Int64(clamping: leaves.upperBound - 1), level: nil) { subtree, hash in
            guard subtree.level < levels.count, levels[subtree.level].contains(subtree.index) else { return }
            hashes[subtree.level][Int(subtree.index - levels[subtree.level].lowerBound)] = hash
        }
        return hashes
    }

    /// Calls `body` with each subtree whose key is in `keys` (of `level` only, when given), and
    /// its hash, read in place (as GRDB's `withUnsafeData` reads it, a NULL is no bytes) without
    /// the `Data` GRDB wraps each in; nil when it is not 32 bytes. A row that names no subtree is
    /// left out, so the subtree it stands for is found missing, as the exact match of
    /// `subtreeHashes(_:)` finds it.
    private func read(keys: ClosedRange<Int64>, level: Int?, _ body: (Subtree, Hash?) -> Void) throws {
        let select = "SELECT \(trees.column), level, hash FROM \(table.treeTable) WHERE \(trees.column) >= ? AND \(trees.column) <= ?"
        let statement = try db.cachedStatement(sql: level == nil ? select : select + " AND level = ?")
        var arguments: StatementArguments = [keys.lowerBound, keys.upperBound]
        if let level { arguments += [level] }
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let columns = statement.sqliteStatement
        while try rows.next() != nil {
            if let subtree = subtree(columns, first: 0) { body(subtree, Hash(bytes: columnBytes(columns, 2))) }
        }
    }

    func subtreeHashCount() throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.treeTable)") ?? 0)
    }

    /// Reads the ids in order — from the unique index when it is there, through SQLite's sorter
    /// (in memory, as all of the store's temporary data) when someone dropped it — and compares each with the one before:
    /// no copy of each id, where `GROUP BY id` made two (a third of a second at a million records,
    /// before any record could be checked). Ids stored as another type than text are grouped by
    /// SQLite itself, as it compares them.
    func firstRepeatedID() throws -> UInt64? {
        // BINARY whatever collation a rebuilt table declares: equal ids must come out side by side.
        let statement = try db.makeStatement(sql: "SELECT id FROM \(table.recordsTable) ORDER BY id COLLATE BINARY")
        let column = statement.sqliteStatement
        let rows = try Row.fetchCursor(statement)
        var previous: [UInt8] = []
        var isFirst = true
        var repeated: [String] = []
        while try rows.next() != nil {
            guard sqlite3_column_type(column, 0) == SQLITE_TEXT else { return try firstRepeatedIDGrouped() }
            let id = columnBytes(column, 0)
            if !isFirst, id.elementsEqual(previous) {
                let text = String(decoding: id, as: UTF8.self)
                if repeated.last != text { repeated.append(text) }
            }
            isFirst = false
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: id)
        }
        return try firstRepeat(of: repeated)
    }

    /// `firstRepeatedID` by SQLite's own grouping, for ids of any type.
    private func firstRepeatedIDGrouped() throws -> UInt64? {
        try firstRepeat(of: String.fetchAll(db, sql: "SELECT id FROM \(table.recordsTable) GROUP BY id HAVING COUNT(*) > 1"))
    }

    /// The first seq at which one of `ids` is found a second time.
    private func firstRepeat(of ids: [String]) throws -> UInt64? {
        try ids.compactMap { id in
            try Int64.fetchOne(db, sql: "SELECT seq FROM \(table.recordsTable) WHERE id = ? ORDER BY seq LIMIT 1 OFFSET 1", arguments: [id])
        }.min().map { UInt64($0) }
    }

    /// The name this log's checkpoints are kept under: the origin, or `<origin>/access`.
    private func checkpointName() throws -> String {
        guard let origin = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM store_info WHERE name = 'origin'")) else {
            throw LogError.storeDamaged("store_info lacks the origin")
        }
        return table == .events ? origin : origin + "/access"
    }

    func checkpoints() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT note FROM checkpoint WHERE log = ? ORDER BY size", arguments: [checkpointName()])
    }

    func checkpoint(size: UInt64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? AND size = ?", arguments: [checkpointName(), Int64(size)])
    }

    func latestCheckpoint() throws -> String? {
        try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? ORDER BY size DESC LIMIT 1", arguments: [checkpointName()])
    }

    func keep(checkpoint note: String, size: UInt64) throws {
        try db.execute(sql: "INSERT INTO checkpoint (log, size, note) VALUES (?, ?, ?)", arguments: [checkpointName(), Int64(size), note])
    }

    /// A few searches of the (stream, version) index per stream: the next stream name, then its
    /// first and last records by version, which a verified log numbers in seq order. (A GROUP BY
    /// read every entry of the index: a sixth of a second at a million records, after the rest of
    /// verification was done.)
    func participantStreams(_ body: (ParticipantStreamSpan) throws -> Void) throws {
        // Without the index (a rebuilt table), each search would read the whole table: one GROUP BY then, sorted once.
        guard try hasStreamIndex() else { return try participantStreamsGrouped(body) }
        // One bound each: given both `>= 'participant/'` and `> ?`, SQLite searched from the first,
        // reading again every entry before the stream it was asked past.
        let firstStream = try db.cachedStatement(sql: """
            SELECT stream FROM \(table.recordsTable) WHERE stream >= 'participant/' AND stream < 'participant0' ORDER BY stream LIMIT 1
            """)
        let nextStream = try db.cachedStatement(sql: """
            SELECT stream FROM \(table.recordsTable) WHERE stream > ? AND stream < 'participant0' ORDER BY stream LIMIT 1
            """)
        let first = try db.cachedStatement(sql: "SELECT seq FROM \(table.recordsTable) WHERE stream = ? ORDER BY version LIMIT 1")
        let last = try db.cachedStatement(sql: "SELECT seq, type FROM \(table.recordsTable) WHERE stream = ? ORDER BY version DESC LIMIT 1")
        var next = try String.fetchOne(firstStream)
        while let stream = next {
            next = try String.fetchOne(nextStream, arguments: [stream])
            guard let firstSeq = try Int64.fetchOne(first, arguments: [stream]), let end = try Row.fetchOne(last, arguments: [stream]),
                  let lastType = try end.decode(String?.self, atIndex: 1) else { continue }
            try body(ParticipantStreamSpan(stream: stream, firstSeq: UInt64(firstSeq), lastSeq: UInt64(try end.decode(Int64.self, atIndex: 0)),
                                           lastType: lastType))
        }
    }

    /// The spans by one GROUP BY, for a table without its (stream, version) index.
    private func participantStreamsGrouped(_ body: (ParticipantStreamSpan) throws -> Void) throws {
        let spans = try Row.fetchAll(db, sql: """
            SELECT stream, MIN(seq), MAX(seq) FROM \(table.recordsTable)
            WHERE stream >= 'participant/' AND stream < 'participant0' GROUP BY stream ORDER BY stream
            """)
        let type = try db.makeStatement(sql: "SELECT type FROM \(table.recordsTable) WHERE seq = ?")
        for span in spans {
            let last: Int64 = try span.decode(atIndex: 2)
            guard let lastType = try String.fetchOne(type, arguments: [last]) else { continue }
            try body(ParticipantStreamSpan(stream: try span.decode(atIndex: 0), firstSeq: UInt64(try span.decode(Int64.self, atIndex: 1)),
                                           lastSeq: UInt64(last), lastType: lastType))
        }
    }

    /// Whether the records table has its unique index on (stream, version).
    private func hasStreamIndex() throws -> Bool {
        try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1", arguments: [table.recordsTable]).contains { index in
            let name: String = index["name"]
            return try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name]) == ["stream", "version"]
        }
    }

    func dataKeyIDs(forStream stream: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM data_key WHERE stream = ?"), arguments: [stream])
    }

    func orphanDataKeyStream() throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT stream FROM data_key WHERE NOT EXISTS (SELECT 1 FROM event WHERE event.stream = data_key.stream) LIMIT 1
            """)
    }
}

private extension Row {
    /// The digest a column holds, read in place; nil unless it is exactly 32 bytes.
    func hash(atIndex index: Int) throws -> Hash? {
        try withUnsafeData(atIndex: index) { $0?.withUnsafeBytes { Hash(bytes: $0) } }
    }
}

/// A column of the current row as SQLite holds it, without a copy (a NULL is no bytes).
private func columnBytes(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, index), count: Int(sqlite3_column_bytes(statement, index)))
}
