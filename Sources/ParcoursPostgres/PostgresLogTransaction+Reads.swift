import ParcoursLog
import PostgresNIO

/// Reads for proofs, checkpoints, export and verification: each long read goes by pages of
/// `chunk` rows on the seq index, within the transaction's one snapshot, so memory does not
/// grow with the log.
extension PostgresLogTransaction {
    func lines(from start: UInt64, to end: UInt64, chunk: Int, _ body: ([[UInt8]]) throws -> Void) throws {
        var next = Int64(start)
        while next < Int64(end) {
            let rows = try session.rows("""
                SELECT seq, line FROM \(unescaped: records) WHERE seq >= \(next) AND seq < \(Int64(end)) ORDER BY seq LIMIT \(Int64(chunk))
                """)
            guard let last = rows.last else { return }
            try body(try rows.map { Array(try $0.decode((Int64, ByteBuffer).self).1.readableBytesView) })
            next = try last.decode((Int64, ByteBuffer).self).0 + 1
        }
    }

    func storedRecords(chunk: Int, _ body: ([StoredRecord]) throws -> Void) throws {
        var next: Int64 = 0
        while true {
            let rows = try session.rows("""
                SELECT seq, id, stream, version, type, author, recorded_at, leaf_hash, line FROM \(unescaped: records)
                WHERE seq >= \(next) ORDER BY seq LIMIT \(Int64(chunk))
                """)
            guard !rows.isEmpty else { return }
            let page = try rows.map { row in
                let (seq, id, stream, version, type, author, recordedAt, leafHash, line) =
                    try row.decode((Int64, String, String, Int64, String, String, String, ByteBuffer, ByteBuffer).self)
                return StoredRecord(seq: seq, id: id, stream: stream, version: version, type: type, author: author, recordedAt: recordedAt,
                                    leafHash: Hash(bytes: leafHash.readableBytesView), line: Array(line.readableBytesView))
            }
            try body(page)
            next = page[page.count - 1].seq + 1
        }
    }

    /// One query: the subtrees asked, joined to the tree table by its primary key.
    func subtreeHashes(_ subtrees: [Subtree]) throws -> [Hash] {
        let wanted = Array(Set(subtrees))
        guard !wanted.isEmpty else { return [] }
        let rows = try session.rows("""
            SELECT tree.level, tree.idx, tree.hash
            FROM unnest(\(wanted.map { Int32($0.level) })::integer[], \(wanted.map { Int64($0.index) })::bigint[]) AS wanted (level, idx)
            JOIN \(unescaped: tree) AS tree ON tree.level = wanted.level AND tree.idx = wanted.idx
            """)
        var found: [Subtree: Hash] = [:]
        for row in rows {
            let (level, index, bytes) = try row.decode((Int32, Int64, ByteBuffer).self)
            if let hash = Hash(bytes: bytes.readableBytesView) { found[Subtree(level: Int(level), index: UInt64(index))] = hash }
        }
        return try subtrees.map { subtree in
            guard let hash = found[subtree] else {
                throw LogError.storeDamaged("tree hash \(subtree.level)/\(subtree.index) of the \(log.rawValue) log is missing")
            }
            return hash
        }
    }

    func subtreeHashes(level: Int, indices: Range<UInt64>) throws -> [Hash?] {
        var hashes = [Hash?](repeating: nil, count: indices.count)
        guard !indices.isEmpty else { return hashes }
        let rows = try session.rows("""
            SELECT idx, hash FROM \(unescaped: tree)
            WHERE level = \(Int32(level)) AND idx >= \(Int64(indices.lowerBound)) AND idx < \(Int64(indices.upperBound))
            """)
        for row in rows {
            let (index, bytes) = try row.decode((Int64, ByteBuffer).self)
            hashes[Int(UInt64(index) - indices.lowerBound)] = Hash(bytes: bytes.readableBytesView)
        }
        return hashes
    }

    func subtreeHashCount() throws -> UInt64 {
        UInt64(try session.row("SELECT COUNT(*) FROM \(unescaped: tree)")?.decode(Int64.self) ?? 0)
    }

    /// Answers from the unique index on ids when it is there, by grouping when someone dropped it.
    func firstRepeatedID() throws -> UInt64? {
        try session.row("""
            SELECT MIN(seq) FROM (
                SELECT seq, ROW_NUMBER() OVER (PARTITION BY id ORDER BY seq) AS occurrence FROM \(unescaped: records)
                WHERE id IN (SELECT id FROM \(unescaped: records) GROUP BY id HAVING COUNT(*) > 1)) AS repeated
            WHERE occurrence > 1
            """)?.decode(Int64?.self).map { UInt64($0) }
    }

    func checkpoints() throws -> [String] {
        try session.rows("SELECT note FROM checkpoint WHERE log = \(log.rawValue) ORDER BY size").map { try $0.decode(String.self) }
    }

    func checkpoint(size: UInt64) throws -> String? {
        try session.row("SELECT note FROM checkpoint WHERE log = \(log.rawValue) AND size = \(Int64(size))")?.decode(String.self)
    }

    func latestCheckpoint() throws -> String? {
        try session.row("SELECT note FROM checkpoint WHERE log = \(log.rawValue) ORDER BY size DESC LIMIT 1")?.decode(String.self)
    }

    func keep(checkpoint note: String, size: UInt64) throws {
        try session.rows("INSERT INTO checkpoint (log, size, note) VALUES (\(log.rawValue), \(Int64(size)), \(note))")
    }

    /// One GROUP BY over the (stream, version) index, each span joined to its last record's type.
    func participantStreams(_ body: (ParticipantStreamSpan) throws -> Void) throws {
        let rows = try session.rows("""
            SELECT span.stream, span.first, span.last, last.type
            FROM (SELECT stream, MIN(seq) AS first, MAX(seq) AS last FROM \(unescaped: records)
                  WHERE stream >= 'participant/' AND stream < 'participant0' GROUP BY stream) AS span
            JOIN \(unescaped: records) AS last ON last.seq = span.last
            ORDER BY span.stream
            """)
        for row in rows {
            let (stream, first, last, type) = try row.decode((String, Int64, Int64, String).self)
            try body(ParticipantStreamSpan(stream: stream, firstSeq: UInt64(first), lastSeq: UInt64(last), lastType: type))
        }
    }

    func dataKeyIDs(forStream stream: String) throws -> [String] {
        try session.rows("SELECT id FROM data_key WHERE stream = \(stream) ORDER BY id").map { try $0.decode(String.self) }
    }

    func orphanDataKeyStream() throws -> String? {
        try session.row("""
            SELECT stream FROM data_key WHERE NOT EXISTS (SELECT 1 FROM event WHERE event.stream = data_key.stream) ORDER BY stream LIMIT 1
            """)?.decode(String.self)
    }
}
