import Foundation
import GRDB
import Testing
@testable import ParcoursLog
@testable import ParcoursSQLite

@Suite("Appending to the store")
struct AppendTests {
    @Test("a new store starts with log.created at seq 0, signed by the founding admin, and verifies")
    func creation() throws {
        let test = try TestStore()
        let events = try test.store.events(inStream: "directory", master: nil)
        #expect(events.count == 1)
        #expect(events[0].envelope.type == "log.created")
        #expect(events[0].envelope.seq == 0)
        #expect(events[0].envelope.author.actor == "admin")
        let report = try test.store.verify()
        #expect(report.events.size == 1)
    }

    @Test("appends are sealed for participant streams and read back with the data key")
    func sealedRoundTrip() throws {
        let test = try TestStore()
        try test.appendSample(6)
        let events = try test.store.events(inStream: "participant/P-TEST01", master: test.master)
        #expect(events.map(\.envelope.version) == [0, 1])
        #expect(events.allSatisfy { $0.envelope.payload.isSealed })
        #expect(events[1].content == .opened(["index": 4, "text": "synthetic note 4"]))
        #expect(!(try test.fileBytes()).contains(Data("synthetic note 4".utf8)))
    }

    @Test("a batch is all or nothing: a stale expectedVersion on its third event writes none of it")
    func batchAtomic() throws {
        let test = try TestStore()
        try test.appendSample(2)
        let before = try test.head()
        let drafts = [
            EventDraft(type: "note.added", stream: "participant/P-TEST00", data: ["a": 1]),
            EventDraft(type: "note.added", stream: "participant/P-TEST07", data: ["a": 2]),
            EventDraft(type: "note.added", stream: "participant/P-TEST01", data: ["a": 3], expectedVersion: 0),
        ]
        #expect(throws: StoreError.inBatch(event: 3, .staleExpectedVersion(stream: "participant/P-TEST01", expected: 0, actual: 1))) {
            try test.store.append(drafts, by: test.admin, master: test.master)
        }
        #expect(try test.head() == before)
        #expect(try test.store.events(inStream: "participant/P-TEST07", master: test.master).isEmpty)
    }

    @Test("an id appended again with the same content returns the original; with other content it is refused")
    func idempotency() throws {
        let test = try TestStore()
        let id = "00000000-0000-4000-8000-00000000abcd"
        let draft = EventDraft(type: "note.added", stream: "participant/P-TEST00", data: ["a": 1], id: id)
        let first = try test.store.append([draft], by: test.admin, master: test.master)[0]
        let again = try test.store.append([draft], by: test.admin, master: test.master)[0]
        #expect(again.seq == first.seq && again.leafHash == first.leafHash && again.existing)
        let before = try test.head()
        var other = draft
        other.data = ["a": 2]
        #expect(throws: StoreError.idConflict(id: id)) { try test.store.append([other], by: test.admin, master: test.master) }
        #expect(throws: StoreError.inBatch(event: 2, .idConflict(id: id))) {
            try test.store.append([draft, other], by: test.admin, master: test.master)
        }
        let twice = try test.store.append([draft, draft], by: test.admin, master: test.master)
        #expect(twice.map(\.existing) == [true, true] && twice[0].seq == first.seq)
        #expect(try test.head() == before)
    }

    @Test("a batch mixing new events, an event already recorded and one repeated within the batch gives each its place, and verifies")
    func mixedBatch() throws {
        let test = try TestStore()
        try test.appendSample(3)
        let recorded = EventDraft(type: "note.added", stream: "participant/P-TEST01", data: ["a": 1], id: "00000000-0000-4000-8000-00000000abc1")
        let earlier = try test.store.append([recorded], by: test.admin, master: test.master)[0]
        let fresh = EventDraft(type: "note.added", stream: "participant/P-TEST02", data: ["a": 2], id: "00000000-0000-4000-8000-00000000abc2")
        let results = try test.store.append([
            EventDraft(type: "note.added", stream: "participant/P-TEST00", data: ["a": 0]),
            recorded,
            fresh,
            EventDraft(type: "note.added", stream: "participant/P-TEST00", data: ["a": 4]),
            fresh,
            EventDraft(type: "note.added", stream: "participant/P-TEST02", data: ["a": 3]),
        ], by: test.admin, master: test.master)
        #expect(results.map(\.existing) == [false, true, false, false, true, false])
        #expect(results[1] == AppendResult(seq: earlier.seq, id: earlier.id, stream: earlier.stream, version: earlier.version,
                                           leafHash: earlier.leafHash, existing: true))
        #expect(results[4].seq == results[2].seq && results[4].leafHash == results[2].leafHash)
        // The new records follow one another at the head, each stream's versions in order.
        #expect([results[0], results[2], results[3], results[5]].map(\.seq) == Array(earlier.seq + 1...earlier.seq + 4))
        #expect(results[5].version == results[2].version + 1)
        #expect(try test.store.events(inStream: "participant/P-TEST02", master: test.master).map(\.envelope.version) == [0, 1, 2])
        #expect(results[3].version == results[0].version + 1)
        let report = try test.store.verify()
        #expect(report.events.size == earlier.seq + 5)
    }

    @Test("after an erasure in the same batch, an event of that stream already recorded is refused: the stream is closed")
    func erasedThenRepeated() throws {
        let test = try TestStore()
        let recorded = EventDraft(type: "note.added", stream: "participant/P-TEST01", data: ["a": 1], id: "00000000-0000-4000-8000-00000000abc3")
        try test.store.append([recorded], by: test.admin, master: test.master)
        let before = try test.head()
        let erasure = EventDraft(type: "participant.erased", stream: "participant/P-TEST01", data: ["reason": "participant-request"])
        #expect(throws: LogError.inBatch(event: 2, .streamClosed(stream: "participant/P-TEST01"))) {
            try test.store.writer.append([erasure, recorded], by: Author(actor: test.admin.id, key: test.admin.key.publicKey),
                                         signingKey: test.admin.key, to: test.store.logStore(master: test.master))
        }
        #expect(try test.head() == before)
    }

    @Test("expectedVersion matching the stream is accepted")
    func expectedVersion() throws {
        let test = try TestStore()
        let results = try test.store.append([
            EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:], expectedVersion: 0),
            EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:], expectedVersion: 1),
        ], by: test.admin, master: test.master)
        #expect(results.map(\.version) == [0, 1])
    }

    @Test("bad drafts are refused before anything is written", arguments: [
        EventDraft(type: "Not A Type", stream: "participant/P-TEST00", data: [:]),
        EventDraft(type: "note.added", stream: "participant/p-lower", data: [:]),
        EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:], id: "not-a-uuid"),
        EventDraft(type: "actor.enrolled", stream: "directory", data: [:]),
        EventDraft(type: "participant.erased", stream: "participant/P-TEST00", data: [:]),
        EventDraft(type: "note.added", stream: "access", data: [:]),
        EventDraft(type: "note.added", stream: "participant/P-TEST00", data: ["big": .string(String(repeating: "x", count: 300_000))]),
    ])
    func badDrafts(draft: EventDraft) throws {
        let test = try TestStore()
        let before = try test.head()
        #expect(throws: StoreError.self) { try test.store.append([draft], by: test.admin, master: test.master) }
        #expect(try test.head() == before)
    }

    @Test("sealing a participant stream needs the master key")
    func masterKeyRequired() throws {
        let test = try TestStore()
        #expect(throws: StoreError.masterKeyRequired) {
            try test.store.append([EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:])], by: test.admin, master: nil)
        }
    }

    @Test("the event table refuses UPDATE and DELETE")
    func immutableTables() throws {
        let test = try TestStore()
        try test.appendSample(3)
        _ = try test.store.checkpoint(master: test.master)
        let queue = try DatabaseQueue(path: test.databasePath)
        for sql in ["UPDATE event SET type = 'x.y' WHERE seq = 1", "DELETE FROM event WHERE seq = 1",
                    "UPDATE event_tree SET hash = x'00' WHERE level = 0 AND last_leaf = 0", "DELETE FROM checkpoint"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { try $0.execute(sql: sql) } }
        }
        try queue.close()
    }

    @Test("data keys, the master key and private keys are never stored unwrapped")
    func keysAtRest() throws {
        let test = try TestStore()
        try test.appendSample(3)
        let bytes = try test.fileBytes()
        let dataKey = try test.store.logStore(master: test.master).withReadTransaction(on: .events) {
            try $0.dataKey(forStream: "participant/P-TEST00", create: false)!.rawBytes()
        }
        #expect(!bytes.contains(Data(dataKey)))
        #expect(!bytes.contains(Data(test.master.key.rawBytes())))
        #expect(!bytes.contains(Data(test.admin.key.seed())))
        #expect(!bytes.contains(Data(try test.store.logSigningKey(master: test.master).seed())))
    }

    @Test("a wrong passphrase unlocks nothing")
    func wrongPassphrase() throws {
        let test = try TestStore()
        #expect(throws: StoreError.wrongPassphrase(of: "the key of admin", field: "passphrase")) {
            try test.store.unlockActor("admin", passphrase: "not the passphrase")
        }
        #expect(throws: StoreError.wrongPassphrase(of: "the store's master key", field: "masterPassphrase")) {
            try test.store.unlockMaster(passphrase: "not the passphrase")
        }
        #expect(throws: StoreError.unknownActor("nobody")) { try test.store.unlockActor("nobody", passphrase: "x") }
    }

    @Test("appends stay durable and ordered across reopening the store")
    func reopen() throws {
        let test = try TestStore()
        try test.appendSample(5)
        let reopened = try Store.open(at: test.directory)
        let admin = try reopened.unlockActor("admin", passphrase: TestStore.adminPassphrase)
        let result = try reopened.append([EventDraft(type: "note.added", stream: "other-stream", data: [:])], by: admin, master: nil)
        #expect(result[0].seq == 6)
        #expect(try reopened.verify().events.size == 7)
    }
}

extension EventDraft: CustomTestStringConvertible {
    /// Test names show what the draft is, never a whole (possibly huge) payload.
    public var testDescription: String {
        let size = CanonicalJSON.encode(.object(data)).count
        return "\(type) in \(stream)\(id.map { " id \($0)" } ?? "") (\(size) bytes of data)"
    }
}

@Suite("Durability settings")
struct DurabilityTests {
    @Test("the writer commits with synchronous = FULL in WAL mode, so an append that returned survives power loss")
    func synchronousFull() throws {
        let test = try TestStore()
        for store in [test.store, try Store.open(at: test.directory)] {
            let (mode, synchronous) = try store.pool.writeWithoutTransaction { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(mode == "wal")
            #expect(synchronous == 2, "2 is FULL; GRDB's WAL set-up lowers it to NORMAL (1)")
        }
    }

    /// SQLite writes a statement journal (copies of pages a batch already changed) and the sorts
    /// it cannot do by an index to temporary files in /var/tmp unless `temp_store` is MEMORY:
    /// every group commit of the access log did, access records in clear among the pages.
    @Test("every connection keeps SQLite's temporary data in memory, none of it in a file outside the store")
    func temporariesInMemory() throws {
        let test = try TestStore()
        let readOnly = try Store.open(at: test.directory, readOnly: true)
        let memory = 2
        // A library built with TEMP_STORE=0 would read the pragma back and still write files.
        let options = try test.store.pool.read { try String.fetchAll($0, sql: "PRAGMA compile_options") }
        #expect(!options.contains("TEMP_STORE=0"), "this SQLite ignores temp_store: \(options.filter { $0.hasPrefix("TEMP") })")
        #expect(try test.store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory, "the writer")
        for (name, store) in [("store", test.store), ("read-only store", readOnly)] {
            #expect(try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory, "a reader of the \(name)'s pool")
            #expect(try store.readers.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == memory, "a web request's reader of the \(name)")
        }
    }

    /// A long read keeps its snapshot, so the WAL cannot start over while writes go on; once
    /// the read ends and the frames are checkpointed, the next write brings the file back.
    @Test("a WAL grown past its limit behind a long read shrinks back to the limit once writes go on after it")
    func walShrinksBack() throws {
        let test = try TestStore()
        let wal = test.databasePath + "-wal"
        func walSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: wal)[.size] as! Int }
        try test.store.pool.write { try $0.execute(sql: "CREATE TABLE filler (b BLOB NOT NULL)") }
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the read stays open between the accesses below, as a long export's does
        let longRead = try DatabaseQueue(path: test.databasePath, configuration: holding)
        try longRead.inDatabase { db in
            try db.execute(sql: "BEGIN DEFERRED")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM filler")
        }
        let chunk = 8 << 20
        for _ in 0...(Store.walSizeLimit / chunk) {
            try test.store.pool.write { try $0.execute(sql: "INSERT INTO filler VALUES (randomblob(?))", arguments: [chunk]) }
        }
        #expect(try walSize() > Store.walSizeLimit, "the long read held the WAL: it grew past the limit")
        try longRead.inDatabase { try $0.execute(sql: "COMMIT") }
        try longRead.close()
        try test.store.pool.writeWithoutTransaction { _ = try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        try test.store.pool.write { try $0.execute(sql: "INSERT INTO filler VALUES (x'00')") }
        let left = try walSize()
        #expect(left <= Store.walSizeLimit, "\(left) bytes of WAL left after the writes went on")
        #expect(try test.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == Store.walSizeLimit / chunk + 2,
                "every write kept")
    }

    @Test("a new store uses 8 KiB pages, which fit several records")
    func pageSize() throws {
        let test = try TestStore()
        #expect(try test.store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 8192)
    }
}
