import Foundation
import GRDB
import Testing
import ParcoursLog
@testable import ParcoursSQLite

/// Someone with write access to the database file changes it behind the store's
/// back (dropping the triggers first): `verify` must say so, at the right seq.
@Suite("Tampering with a store is detected at the right seq")
struct TamperingTests {
    static let target: Int64 = 10

    /// A store of 21 events (directory, clinician and admin writes), plus a checkpoint and an access record.
    static func populated() throws -> (TestStore, UnlockedActor) {
        let test = try TestStore()
        let clinician = try test.clinician()
        try test.appendSample(10, by: clinician)
        try test.appendSample(9)
        try test.store.recordAccess(type: "access.read", data: ["actor": "clin-0001", "outcome": "permitted"], master: test.master)
        #expect(try test.store.size() == 21)
        #expect(try test.verificationFailure() == nil)
        return (test, clinician)
    }

    @Test("a column of the event table changed, or stored as another type than the store writes though it reads as the same value, is found at its seq", arguments: [
        ("id", "'00000000-0000-4000-8000-00000000ffff'"), ("stream", "'participant/P-TEST09'"), ("version", "version + 7"),
        ("type", "'note.removed'"), ("author", "'admin'"), ("recorded_at", "'2020-01-01T00:00:00.000Z'"),
        ("leaf_hash", "zeroblob(32)"),
        ("id", "CAST(id AS BLOB)"), ("author", "CAST(author AS BLOB)"), ("version", "version + 0.5"), ("line", "CAST(line AS TEXT)"),
        ("leaf_hash", "CAST(leaf_hash AS TEXT)"),
    ])
    func columnChanged(column: String, value: String) throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in try db.execute(sql: "UPDATE event SET \(column) = \(value) WHERE seq = \(Self.target)") }
        let found = try #require(try test.verificationFailure())
        #expect(found.log == "events")
        #expect(found.failure.seq == UInt64(Self.target))
        #expect(found.failure.reason.contains("column \(column) differs"), "\(found.failure.reason)")
    }

    @Test("the seq column changed is found where the record went missing")
    func seqChanged() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in try db.execute(sql: "UPDATE event SET seq = 1000 WHERE seq = \(Self.target)") }
        #expect(try test.verificationFailure()?.failure.seq == UInt64(Self.target))
    }

    @Test("a byte flipped anywhere in a record line is found at its seq", arguments: [40, 200, 300, 420])
    func byteFlipped(offset: Int) throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in
            var line = try Data.fetchOne(db, sql: "SELECT line FROM event WHERE seq = ?", arguments: [Self.target])!
            line[offset] ^= 0x01
            try db.execute(sql: "UPDATE event SET line = ? WHERE seq = ?", arguments: [line, Self.target])
        }
        #expect(try test.verificationFailure()?.failure.seq == UInt64(Self.target))
    }

    @Test("a row deleted is found at its seq")
    func rowDeleted() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in try db.execute(sql: "DELETE FROM event WHERE seq = \(Self.target)") }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == UInt64(Self.target))
        #expect(found.failure.reason.contains("found at position \(Self.target)"))
    }

    @Test("the last row deleted is found by the signed checkpoint that covered it")
    func tailTruncated() throws {
        let (test, _) = try Self.populated()
        _ = try test.store.checkpoint(master: test.master)
        try test.tamper { db in try db.execute(sql: "DELETE FROM event WHERE seq = 20") }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 20)
    }

    @Test("two rows swapped are found at the first of them")
    func rowsSwapped() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in
            try db.execute(sql: """
                UPDATE event SET seq = -1 WHERE seq = \(Self.target);
                UPDATE event SET seq = \(Self.target) WHERE seq = \(Self.target + 1);
                UPDATE event SET seq = \(Self.target + 1) WHERE seq = -1;
                """)
        }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == UInt64(Self.target))
        #expect(found.failure.reason.contains("seq \(Self.target + 1) found at position \(Self.target)"))
    }

    @Test("a row inserted (a copy of an earlier record) is found at its position")
    func rowInserted() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in
            try db.execute(sql: """
                INSERT INTO event (seq, id, stream, version, type, author, recorded_at, leaf_hash, line)
                SELECT 21, '00000000-0000-4000-8000-0000000000ee', stream, version + 100, type, author, recorded_at, leaf_hash, line
                FROM event WHERE seq = \(Self.target)
                """)
        }
        #expect(try test.verificationFailure()?.failure.seq == 21)
    }

    @Test("a record signed with a key rotated away is refused at its seq")
    func rotatedAwayKey() throws {
        let (test, clinician) = try Self.populated()
        try test.store.rotateKey(of: "clin-0001", passphrase: "rotated-passphrase-1", by: test.admin)
        try forge(in: test, signedBy: clinician)
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 22)
        #expect(found.failure.reason == "key not held by clin-0001 at this point")
    }

    @Test("a record written by a revoked actor is refused at its seq")
    func revokedActorWriting() throws {
        let (test, clinician) = try Self.populated()
        try test.store.revoke("clin-0001", reason: "départ", by: test.admin)
        try forge(in: test, signedBy: clinician)
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 22)
        #expect(found.failure.reason == "actor clin-0001 is revoked")
    }

    @Test("a stored tree hash changed is found at the first leaf it covers")
    func treeHashChanged() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in try db.execute(sql: "UPDATE event_tree SET hash = zeroblob(32) WHERE level = 2 AND last_leaf = 11") }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 11)
        #expect(found.failure.reason.contains("tree hash"))
    }

    /// A log of more than two of verification's chunks (2,048 records): the stored tree
    /// hashes are read a chunk at a time, by last leaf, so a hash changed, missing or cut
    /// short in a later chunk, or at the level a whole chunk completes, is found at the
    /// leaf that completes its subtree.
    @Test("a stored tree hash damaged past the first chunk is found at the leaf completing it", arguments: [
        ("UPDATE event_tree SET hash = zeroblob(32) WHERE level = 0 AND last_leaf = 3000", 3000),
        ("UPDATE event_tree SET hash = zeroblob(32) WHERE level = 11 AND last_leaf = 4095", 4095),
        ("UPDATE event_tree SET hash = zeroblob(32) WHERE level = 12 AND last_leaf = 4095", 4095),
        ("UPDATE event_tree SET hash = zeroblob(32) WHERE level = 4 AND last_leaf = 3215", 3215),
        ("DELETE FROM event_tree WHERE level = 1 AND last_leaf = 4095", 4095),
        ("UPDATE event_tree SET hash = substr(hash, 1, 31) WHERE level = 0 AND last_leaf = 2048", 2048),
        // The hash kept, its last leaf moved off the integers: SQLite stores 3000.5, which a range finds and an integer read would make 3000.
        ("UPDATE event_tree SET last_leaf = last_leaf + 0.5 WHERE level = 0 AND last_leaf = 3000", 3000),
        // The hash kept, its level moved off the integers.
        ("UPDATE event_tree SET level = 0.5 WHERE level = 0 AND last_leaf = 3100", 3100),
        // The hash kept at a leaf no subtree of its level ends at (3003 ends one of level 1, 3002 none).
        ("UPDATE event_tree SET last_leaf = 3002 WHERE level = 1 AND last_leaf = 3003", 3003),
    ])
    func treeHashDamagedInALongLog(damage: String, seq: Int) throws {
        let test = try TestStore()
        _ = try test.appendSample(4_200, participants: 7)
        try test.tamper { db in try db.execute(sql: damage) }
        let found = try #require(try test.verificationFailure())
        #expect(found.log == "events")
        #expect(found.failure.seq == UInt64(seq))
        #expect(found.failure.reason.contains("tree hash"))
    }

    @Test("subtrees beyond any log (a level or an index no key can hold) read as missing, never as a stored one their key would wrap onto")
    func subtreesBeyondAnyLog() throws {
        let test = try TestStore()
        _ = try test.appendSample(8, participants: 1)
        try test.store.logStore(master: nil).withReadTransaction(on: .events) { transaction in
            let stored = try transaction.subtreeHashes(level: 2, indices: 0..<3)
            #expect(stored[0] != nil && stored[1] != nil && stored[2] == nil, "8 leaves: two subtrees of level 2")
            #expect(try transaction.subtreeHashes(level: 62, indices: 0..<3) == [nil, nil, nil])
            let last = UInt64(Int64.max) >> 2
            #expect(try transaction.subtreeHashes(level: 2, indices: (last - 1)..<(last + 3)) == [nil, nil, nil, nil])
            // Level 2, index 2^62: shifted by its level it would wrap onto subtree (2, 0)'s key, 3.
            #expect(throws: LogError.self) { try transaction.subtreeHash(level: 2, index: UInt64(1) << 62) }
            #expect(throws: LogError.self) { try transaction.subtreeHash(level: 64, index: 0) }
            #expect(throws: LogError.self) { try transaction.subtreeHashes([Subtree(level: 2, index: UInt64(1) << 62)]) }
            #expect(try transaction.subtreeHashes(completedBy: (UInt64.max - 4)..<UInt64.max).allSatisfy { $0.allSatisfy { $0 == nil } })
        }
    }

    @Test("a log of more than two chunks verifies whole, every stored tree hash compared")
    func longLogVerifies() throws {
        let test = try TestStore()
        _ = try test.appendSample(4_200, participants: 7)
        #expect(try test.verificationFailure() == nil)
        let verified = try Store.open(at: test.directory).verify()
        #expect(verified.events.size == (try test.store.size()))
        #expect(verified.events.root == (try test.store.root()).root)
    }

    @Test("an access-log record changed is found in the access log")
    func accessRecordChanged() throws {
        let (test, _) = try Self.populated()
        try test.tamper { db in
            var line = try Data.fetchOne(db, sql: "SELECT line FROM access_event WHERE seq = 0")!
            let text = String(decoding: line, as: UTF8.self).replacingOccurrences(of: "permitted", with: "denied")
            line = Data(text.utf8)
            try db.execute(sql: "UPDATE access_event SET line = ? WHERE seq = 0", arguments: [line])
        }
        let found = try #require(try test.verificationFailure())
        #expect(found.log == "access")
        #expect(found.failure.seq == 0)
    }

    @Test("a signed checkpoint altered in the store is refused")
    func checkpointChanged() throws {
        let (test, _) = try Self.populated()
        _ = try test.store.checkpoint(master: test.master)
        try test.tamper { db in try db.execute(sql: "UPDATE checkpoint SET note = replace(note, '\n21\n', '\n20\n')") }
        #expect(try test.verificationFailure() != nil)
    }

    @Test("a record repeating an earlier id is found at its seq, even with the unique index rebuilt away")
    func repeatedID() throws {
        let (test, _) = try Self.populated()
        try Self.dropIndexes(of: test)
        let earlier = try test.store.pool.read { db in try String.fetchOne(db, sql: "SELECT id FROM event WHERE seq = 5")! }
        try forge(in: test, signedBy: test.admin, id: earlier)
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 21)
        #expect(found.failure.reason.contains("repeats an earlier event"))
    }

    @Test("of several repeated ids, the first record to repeat one is named, however the ids sort")
    func repeatedIDs() throws {
        let (test, _) = try Self.populated()
        try Self.dropIndexes(of: test)
        let ids = try test.store.pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM event WHERE seq IN (3, 9) ORDER BY id") }
        // The id sorting last is repeated first, the other after it, and the first again.
        for id in [ids[1], ids[0], ids[1]] { try forge(in: test, signedBy: test.admin, id: id) }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.seq == 21)
        #expect(found.failure.reason.contains("repeats an earlier event"))
    }

    @Test("a records table rebuilt without its indexes still verifies, each participant's data key checked as before")
    func indexesRebuiltAway() throws {
        let (test, _) = try Self.populated()
        try Self.dropIndexes(of: test)
        #expect(try test.verificationFailure() == nil)
        let stream = try #require(try test.store.pool.read { db in try String.fetchOne(db, sql: "SELECT stream FROM data_key ORDER BY stream") })
        try test.tamper { db in try db.execute(sql: "DELETE FROM data_key WHERE stream = ?", arguments: [stream]) }
        let found = try #require(try test.verificationFailure())
        #expect(found.failure.reason == "\(stream): no data key, yet the stream is not erased: its record is lost")
    }

    /// Rebuilds the event table, behind the store's back, without its indexes (unique ones included) and triggers.
    static func dropIndexes(of test: TestStore) throws {
        try test.tamper { db in
            try db.execute(sql: "CREATE TABLE event_copy AS SELECT * FROM event; DROP TABLE event; ALTER TABLE event_copy RENAME TO event")
        }
    }

    /// Appends, behind the store's back, a correctly chained record signed by `author`'s key,
    /// with the tree hashes it completes — only the authority rules can refuse it.
    func forge(in test: TestStore, signedBy author: UnlockedActor, id: String = Identifiers.newEventID()) throws {
        try test.tamper { db in
            let size = UInt64(try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM event")! + 1)
            let previous = Hash(bytes: try Data.fetchOne(db, sql: "SELECT leaf_hash FROM event WHERE seq = ?", arguments: [Int64(size - 1)])!)!
            var frontier = try MerkleFrontier(size: size) { level, index in
                Hash(bytes: try Data.fetchOne(db, sql: "SELECT hash FROM event_tree WHERE level = ? AND last_leaf = ?",
                                           arguments: [level, Int64(Subtree(level: level, index: index).lastLeaf)])!)!
            }
            let envelope = Envelope(log: test.store.origin, seq: size, id: id, stream: "forged-stream", version: 0,
                                    type: "note.added", recordedAt: .now(), author: Author(actor: author.id, key: author.key.publicKey),
                                    prev: previous, payload: .clear(["forged": true]))
            let line = LogRecord(signing: envelope, with: author.key).line
            let leaf = LogRecord.leafHash(line: line)
            try db.execute(sql: "INSERT INTO event (seq, id, stream, version, type, author, recorded_at, leaf_hash, line) VALUES (?,?,?,?,?,?,?,?,?)",
                           arguments: [Int64(size), envelope.id, envelope.stream, 0, envelope.type, author.id, envelope.recordedAt.description,
                                       Data(leaf.bytes), Data(line)])
            for node in frontier.append(leaf) {
                try db.execute(sql: "INSERT INTO event_tree (level, last_leaf, hash) VALUES (?, ?, ?)",
                               arguments: [node.level, Int64(Subtree(level: node.level, index: node.index).lastLeaf), Data(node.hash.bytes)])
            }
        }
    }
}
