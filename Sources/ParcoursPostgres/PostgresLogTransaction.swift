import ParcoursLog
import PostgresNIO

/// One log of a `PostgresLogStore` inside a transaction on one connection.
final class PostgresLogTransaction: LogTransaction {
    let session: PostgresSession
    let log: LogKind
    /// In a write transaction every read of the head locks it (`FOR UPDATE`): the first
    /// read takes the lock until commit, the others find it held.
    let writing: Bool
    let master: MasterKey?
    let records: String
    let tree: String

    init(session: PostgresSession, log: LogKind, writing: Bool, master: MasterKey?) {
        self.session = session
        self.log = log
        self.writing = writing
        self.master = master
        records = PostgresLogSchema.recordsTable(log)
        tree = PostgresLogSchema.treeTable(log)
    }

    func size() throws -> UInt64 {
        let lock = writing ? " FOR UPDATE" : ""
        guard let row = try session.row("SELECT size FROM log_head WHERE log = \(log.rawValue)\(unescaped: lock)") else {
            throw LogError.storeDamaged("the \(log.rawValue) log has no head row")
        }
        return UInt64(try row.decode(Int64.self))
    }

    func leafHash(at seq: UInt64) throws -> Hash {
        guard let row = try session.row("SELECT leaf_hash FROM \(unescaped: records) WHERE seq = \(Int64(seq))"),
              let hash = Hash(bytes: try row.decode(ByteBuffer.self).readableBytesView)
        else { throw LogError.storeDamaged("leaf hash \(seq) of the \(log.rawValue) log is missing") }
        return hash
    }

    func line(at seq: UInt64) throws -> [UInt8]? {
        try session.row("SELECT line FROM \(unescaped: records) WHERE seq = \(Int64(seq))").map { Array(try $0.decode(ByteBuffer.self).readableBytesView) }
    }

    func subtreeHash(level: Int, index: UInt64) throws -> Hash {
        guard let row = try session.row("SELECT hash FROM \(unescaped: tree) WHERE level = \(Int32(level)) AND idx = \(Int64(index))"),
              let hash = Hash(bytes: try row.decode(ByteBuffer.self).readableBytesView)
        else { throw LogError.storeDamaged("tree hash \(level)/\(index) of the \(log.rawValue) log is missing") }
        return hash
    }

    func seq(ofID id: String) throws -> UInt64? {
        try session.row("SELECT seq FROM \(unescaped: records) WHERE id = \(id)").map { UInt64(try $0.decode(Int64.self)) }
    }

    func streamHead(_ stream: String) throws -> (version: UInt64, type: String)? {
        guard let row = try session.row("SELECT version, type FROM \(unescaped: records) WHERE stream = \(stream) ORDER BY version DESC LIMIT 1")
        else { return nil }
        let (version, type) = try row.decode((Int64, String).self)
        return (UInt64(version), type)
    }

    func directoryCount() throws -> Int64 {
        try session.row("SELECT COUNT(*) FROM \(unescaped: records) WHERE stream = 'directory'")?.decode(Int64.self) ?? 0
    }

    func directoryLines() throws -> [[UInt8]] {
        try session.rows("SELECT line FROM \(unescaped: records) WHERE stream = 'directory' ORDER BY seq").map {
            Array(try $0.decode(ByteBuffer.self).readableBytesView)
        }
    }

    func dataKey(forStream stream: String, create: Bool) throws -> DataKey? {
        guard let master else { throw LogError.masterKeyRequired }
        if let row = try session.row("SELECT id, wrapped FROM data_key WHERE stream = \(stream)") {
            let (id, wrapped) = try row.decode((String, ByteBuffer).self)
            return try master.openDataKey(id: id, wrapped: Array(wrapped.readableBytesView))
        }
        guard create, let (key, wrapped) = master.newDataKey(forStream: stream) else { return nil }
        try session.rows("""
            INSERT INTO data_key (id, stream, wrapped, created_at)
            VALUES (\(key.id), \(stream), \(ByteBuffer(bytes: wrapped)), \(Timestamp.now().description))
            """)
        return key
    }

    /// The deleted row stays in the table's pages until VACUUM reclaims them, and in the WAL
    /// and in backups until they are recycled: destroy those on the same schedule.
    func destroyDataKeys(forStream stream: String) throws {
        try session.rows("DELETE FROM data_key WHERE stream = \(stream)")
    }

    /// One statement, one round trip: the head moves on only if it stands at the record's seq,
    /// and the record and its completed tree nodes are inserted only if it did — they read the
    /// row `head` returns, never `log_head` itself, which within the statement still shows the
    /// old size. So a record out of place writes nothing, and throws.
    func insert(_ record: LogRecord, line: [UInt8], leafHash: Hash, completing nodes: [MerkleFrontier.Node]) throws {
        let envelope = record.envelope, seq = Int64(envelope.seq)
        let moved = try session.row("""
            WITH head AS (UPDATE log_head SET size = size + 1 WHERE log = \(log.rawValue) AND size = \(seq) RETURNING size),
            record AS (
                INSERT INTO \(unescaped: records) (seq, id, stream, version, type, author, recorded_at, leaf_hash, line)
                SELECT \(seq), \(envelope.id), \(envelope.stream), \(Int64(envelope.version)), \(envelope.type), \(envelope.author.actor),
                       \(envelope.recordedAt.description), \(ByteBuffer(bytes: leafHash.bytes)), \(ByteBuffer(bytes: line))
                FROM head),
            nodes AS (
                INSERT INTO \(unescaped: tree) (level, idx, hash)
                SELECT * FROM unnest(\(nodes.map { Int32($0.level) })::integer[], \(nodes.map { Int64($0.index) })::bigint[],
                                     \(nodes.map { ByteBuffer(bytes: $0.hash.bytes) })::bytea[])
                WHERE EXISTS (SELECT 1 FROM head))
            SELECT count(*) FROM head
            """)?.decode(Int64.self)
        guard moved == 1 else { throw LogError.storeDamaged("insert out of place at seq \(envelope.seq)") }
    }

    func onLog(_ kind: LogKind) -> any LogTransaction {
        PostgresLogTransaction(session: session, log: kind, writing: writing, master: master)
    }
}
