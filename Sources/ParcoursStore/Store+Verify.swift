import Foundation
import GRDB
import ParcoursLog

/// What verifying a whole store established.
public struct StoreVerification: Sendable, Equatable {
    public var events: LogSummary
    public var access: LogSummary
    /// Signed checkpoints kept by the store, each checked against the records.
    public var checkpointsChecked: Int
    /// Participant streams not erased, each found with exactly one data key.
    public var dataKeysChecked: Int = 0
    /// Whether those keys were also unwrapped with the master key and found to open their stream
    /// (false when verifying without the master passphrase: only their presence was checked).
    public var dataKeysUnwrapped = false
}

extension Store {
    /// Verifies the store completely, in one read snapshot: every record of both
    /// logs against the format and authority rules, every column against its
    /// record, every stored tree hash against the records, every stored signed
    /// checkpoint, and with `since`, that the log extends that older checkpoint. Every
    /// participant stream not erased must hold exactly one data key (with `master`, one
    /// that unwraps and opens the stream), and no erased stream may keep one.
    public func verify(since: String? = nil, master: MasterKey? = nil) throws(VerificationError) -> StoreVerification {
        let sinceTarget = try since.map { note throws(VerificationError) in
            try ExportVerifier.sinceCheckpoint(note, verifiers: [noteVerifier(.events), noteVerifier(.access)])
        }
        do {
            return try pool.read { db in
                var checked = 0
                var summaries: [LogTable: LogSummary] = [:]
                for table in LogTable.allCases {
                    let notes = try String.fetchAll(db, sql: "SELECT note FROM checkpoint WHERE log = ? ORDER BY size", arguments: [noteName(table)])
                    var watch = Set<UInt64>()
                    var parsedNotes: [String] = []
                    for note in notes {
                        guard let checkpoint = try? Checkpoint(body: noteVerifier(table).open(note: note)) else {
                            throw VerificationError.integrity(log: table.rawValue, IntegrityFailure(seq: 0, reason: "a stored checkpoint does not verify"))
                        }
                        watch.insert(checkpoint.size)
                        parsedNotes.append(note)
                    }
                    if let sinceTarget, sinceTarget.name == noteName(table) {
                        watch.insert(sinceTarget.size)
                        parsedNotes.append(sinceTarget.note)
                    }
                    let verifier = LogVerifier(kind: table == .events ? .events : .access(origin: origin, logKey: logPublicKey), watch: watch,
                                               tracksIDs: false)
                    try verifyRows(db, table: table, verifier: verifier, repeatedID: firstRepeatedID(db, table: table))
                    if table == .events, verifier.directory.origin != origin || verifier.directory.logKey != logPublicKey {
                        throw VerificationError.integrity(log: "events", IntegrityFailure(seq: 0, reason: "log.created names another origin or log key than the store"))
                    }
                    for note in parsedNotes {
                        do throws(IntegrityFailure) { try verifier.check(checkpoint: note, verifier: noteVerifier(table)) } catch {
                            throw VerificationError.integrity(log: table.rawValue, error)
                        }
                        checked += 1
                    }
                    summaries[table] = LogSummary(size: verifier.size, root: verifier.root)
                }
                let keys = try verifyDataKeys(db, master: master)
                return StoreVerification(events: summaries[.events]!, access: summaries[.access]!, checkpointsChecked: checked - (since == nil ? 0 : 1),
                                         dataKeysChecked: keys, dataKeysUnwrapped: master != nil)
            }
        } catch let error as VerificationError {
            throw error
        } catch {
            throw .unreadable("the store cannot be read: \(error)")
        }
    }

    /// Checks the participants' data keys against the log; returns how many streams were checked.
    ///
    /// The log verifies without them, so a key deleted outside an erasure would lose a record
    /// silently: each stream not closed by `participant.erased` must have exactly one key
    /// (that unwraps with the master key and opens the stream's first record, when `master`
    /// is given), and an erased stream none. Failures name the stream (a pseudonymous id).
    private func verifyDataKeys(_ db: Database, master: MasterKey?) throws -> Int {
        let heads = try Row.fetchCursor(db, sql: """
            SELECT stream, MAX(version) AS version FROM event
            WHERE stream >= 'participant/' AND stream < 'participant0' GROUP BY stream ORDER BY stream
            """)
        let last = try db.makeStatement(sql: "SELECT seq, type FROM event WHERE stream = ? AND version = ?")
        let first = try db.makeStatement(sql: "SELECT line FROM event WHERE stream = ? AND version = 0")
        let keys = try db.makeStatement(sql: "SELECT id, wrapped FROM data_key WHERE stream = ?")
        var checked = 0
        while let head = try heads.next() {
            let stream: String = head["stream"]
            guard let end = try Row.fetchOne(last, arguments: [stream, head["version"] as Int64]) else { continue }
            func failure(_ reason: String) -> VerificationError {
                .integrity(log: LogTable.events.rawValue, IntegrityFailure(seq: UInt64(end["seq"] as Int64), reason: "\(stream): \(reason)"))
            }
            let found = try Row.fetchAll(keys, arguments: [stream])
            if end["type"] as String == StreamRules.participantErased {
                guard found.isEmpty else { throw failure("erased, yet its data key is still stored") }
                continue
            }
            guard found.count == 1 else {
                throw failure(found.isEmpty ? "no data key, yet the stream is not erased: its record is lost"
                                            : "\(found.count) data keys, where a stream has one")
            }
            checked += 1
            guard let master else { continue }
            let id: String = found[0]["id"]
            guard var bytes = try? master.unwrap(Array(found[0]["wrapped"] as Data), purpose: MasterKey.dataKeyPurpose(id)),
                  let key = try? DataKey(id: id, bytes: &bytes)
            else { throw failure("its data key does not unwrap with the master key") }
            if let line = try Data.fetchOne(first, arguments: [stream]),
               let envelope = try? ParsedRecord(line: Array(line), checkSignature: false).record.envelope,
               case .sealed(let sealed) = envelope.payload {
                guard sealed.keyID == id, (try? sealed.open(with: key, envelope: envelope)) != nil else {
                    throw failure("its data key does not open its records")
                }
            }
        }
        let orphans = "SELECT stream FROM data_key WHERE NOT EXISTS (SELECT 1 FROM event WHERE event.stream = data_key.stream) LIMIT 1"
        if let orphan = try String.fetchOne(db, sql: orphans) {
            throw VerificationError.integrity(log: LogTable.events.rawValue, IntegrityFailure(seq: 0, reason: "\(orphan): a data key for a stream with no record"))
        }
        return checked
    }

    private struct RowColumns {
        var seq: Int64
        var id: String
        var stream: String
        var version: Int64
        var type: String
        var author: String
        var recordedAt: String
        var leafHash: Data
    }

    /// The seq of the first record whose id column repeats an earlier record's, if any.
    ///
    /// Every id column is checked equal to its record's id while streaming, so this
    /// proves the records' ids unique without holding them in memory. It uses the
    /// unique index when it is there, and SQLite's sorter (which spills to disk) when
    /// someone dropped it.
    private func firstRepeatedID(_ db: Database, table: LogTable) throws -> UInt64? {
        let repeated = try String.fetchAll(db, sql: "SELECT id FROM \(table.recordsTable) GROUP BY id HAVING COUNT(*) > 1")
        guard !repeated.isEmpty else { return nil }
        return try repeated.compactMap { id in
            try Int64.fetchOne(db, sql: "SELECT seq FROM \(table.recordsTable) WHERE id = ? ORDER BY seq LIMIT 1 OFFSET 1", arguments: [id])
        }.min().map { UInt64($0) }
    }

    /// Streams a log's rows through the verifier, comparing every column and stored tree hash.
    private func verifyRows(_ db: Database, table: LogTable, verifier: LogVerifier, repeatedID: UInt64?) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, id, stream, version, type, author, recorded_at, leaf_hash, line FROM \(table.recordsTable) ORDER BY seq
            """)
        var frontier = MerkleFrontier()
        let treeStatement = try db.makeStatement(sql: "SELECT hash FROM \(table.treeTable) WHERE level = ? AND idx = ?")
        var lines: [[UInt8]] = []
        var columns: [RowColumns] = []
        func flush() throws {
            guard !lines.isEmpty else { return }
            do {
                try verifier.consume(lines) { (offset: Int, parsed: ParsedRecord) throws(LogFormatError) in
                    let row = columns[offset]
                    let envelope = parsed.record.envelope
                    guard row.seq == Int64(envelope.seq) else { throw LogFormatError("column seq differs from the record") }
                    guard row.id == envelope.id else { throw LogFormatError("column id differs from the record") }
                    guard row.stream == envelope.stream else { throw LogFormatError("column stream differs from the record") }
                    guard row.version == Int64(envelope.version) else { throw LogFormatError("column version differs from the record") }
                    guard row.type == envelope.type else { throw LogFormatError("column type differs from the record") }
                    guard row.author == envelope.author.actor else { throw LogFormatError("column author differs from the record") }
                    guard row.recordedAt == envelope.recordedAt.description else { throw LogFormatError("column recorded_at differs from the record") }
                    guard row.leafHash == Data(parsed.leafHash.bytes) else { throw LogFormatError("column leaf_hash differs from the record") }
                    guard UInt64(row.seq) != repeatedID else { throw LogFormatError("id \(envelope.id) repeats an earlier event") }
                    for node in frontier.append(parsed.leafHash) {
                        let stored = try? Data.fetchOne(treeStatement, arguments: [node.level, Int64(node.index)])
                        guard stored == Data(node.hash.bytes) else {
                            throw LogFormatError("stored tree hash at level \(node.level) differs from the records")
                        }
                    }
                }
            } catch {
                throw VerificationError.integrity(log: table.rawValue, error)
            }
            lines.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            columns.append(RowColumns(seq: row["seq"], id: row["id"], stream: row["stream"], version: row["version"], type: row["type"],
                                      author: row["author"], recordedAt: row["recorded_at"], leafHash: row["leaf_hash"]))
            lines.append(Array(row["line"] as Data))
            if lines.count == ExportVerifier.chunkSize { try flush() }
        }
        try flush()
        let size = verifier.size
        let expectedNodes = Int64(2 * size) - Int64(size.nonzeroBitCount)
        let storedNodes = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.treeTable)") ?? 0
        guard storedNodes == expectedNodes else {
            throw VerificationError.integrity(log: table.rawValue, IntegrityFailure(seq: size, reason: "the tree table holds hashes beyond the records"))
        }
    }
}
