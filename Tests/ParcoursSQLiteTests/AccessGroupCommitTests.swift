import Dispatch
import Foundation
import GRDB
import ParcoursApp
import ParcoursLog
@testable import ParcoursSQLite
import Testing

@Suite("Group commit of the access log")
struct AccessGroupCommitTests {
    @Test("concurrent readers each get their own durable record, in one verifiable log with no seq twice")
    func concurrentRecords() throws {
        let test = try TestStore()
        let committer = try AccessGroupCommit(store: test.store, master: test.master)
        let before = try test.store.size(.access)
        let seqs = Collected<UInt64>()
        DispatchQueue.concurrentPerform(iterations: 16) { reader in
            for index in 0..<20 {
                let result = try? committer.record(type: "access.read", data: [
                    "actor": .string("clin-\(reader)"), "view": "journey", "purpose": "care", "outcome": "permitted",
                    "participant": .string("P-TEST\(String(format: "%02d", index))"),
                ])
                if let result { seqs.add(result.seq) }
            }
        }
        let all = seqs.values.sorted()
        #expect(all.count == 320)
        #expect(all == Array(before..<before + 320), "every record has its own seq, none lost, none twice")
        #expect(try test.store.size(.access) == before + 320)
        #expect(try test.verificationFailure() == nil)
        // Time-ordered ids: each is a version-7 UUID of the instant its record says, so the
        // unique index on ids grows at its end.
        for record in try test.store.accessRecords().suffix(320) {
            let bytes = Array(record.id.utf8)
            #expect(bytes[14] == UInt8(ascii: "7"))
            let milliseconds = String(decoding: bytes[0..<8] + bytes[9..<13], as: UTF8.self)
            #expect(Int64(milliseconds, radix: 16) == record.recordedAt.millisecondsSinceEpoch)
        }
    }

    @Test("each caller's records are written next to each other and in order, among other callers'; a batch with one refused record writes none")
    func callersBatches() throws {
        let test = try TestStore()
        let committer = try AccessGroupCommit(store: test.store, master: test.master)
        let before = try test.store.size(.access)
        let pairs = Collected<[UInt64]>()
        DispatchQueue.concurrentPerform(iterations: 8) { reader in
            for index in 0..<10 {
                if let results = try? committer.record(Self.page(by: reader, index)) { pairs.add(results.map(\.seq)) }
            }
        }
        #expect(pairs.values.count == 80)
        #expect(pairs.values.allSatisfy { $0.count == 2 && $0[1] == $0[0] + 1 }, "a caller's two records are consecutive")
        #expect(pairs.values.flatMap { $0 }.sorted() == Array(before..<before + 160))
        let records = try test.store.accessRecords()
        for pair in pairs.values {
            let (read, look) = (records[Int(pair[0])].payload, records[Int(pair[1])].payload)
            #expect(read["view"] == "journey" && look["view"] == "access-log" && read["actor"] == look["actor"] && read["n"] == look["n"])
        }
        #expect(throws: (any Error).self) {
            try committer.record([("access.read", ["actor": "x", "outcome": "permitted"]), ("read", ["actor": "x", "outcome": "permitted"])])
        }
        #expect(try test.store.size(.access) == before + 160, "nothing of the refused batch was written")
        #expect(try test.verificationFailure() == nil)
    }

    @Test("callers that queue behind a leader held at the write lock are written as one group, each given its own records")
    func queuedGroup() throws {
        let test = try TestStore()
        let committer = try AccessGroupCommit(store: test.store, master: test.master)
        let before = try test.store.size(.access)
        // Another connection holds the write lock: the first caller leads and waits for it (the store's busy
        // timeout), the others queue behind it, and the next leader takes all of them in one transaction.
        let holder = try DatabaseQueue(path: test.databasePath)
        let (locked, release) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let held = DispatchGroup()
        DispatchQueue.global().async(group: held) {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        locked.wait()
        let pairs = Collected<(reader: Int, seqs: [UInt64])>()
        let done = DispatchGroup()
        for reader in 0..<6 {
            DispatchQueue.global().async(group: done) {
                if let results = try? committer.record(Self.page(by: reader, 0)) { pairs.add((reader, results.map(\.seq))) }
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try test.store.size(.access) == before, "nothing is written while another connection holds the lock")
        release.signal()
        held.wait()
        done.wait()
        #expect(pairs.values.count == 6)
        #expect(pairs.values.allSatisfy { $0.seqs.count == 2 && $0.seqs[1] == $0.seqs[0] + 1 }, "each caller's two records, next to each other")
        #expect(pairs.values.flatMap(\.seqs).sorted() == Array(before..<before + 12), "no record given to two callers, none lost")
        let records = try test.store.accessRecords()
        for pair in pairs.values {
            #expect(records[Int(pair.seqs[0])].payload["actor"] == .string("clin-\(pair.reader)") && records[Int(pair.seqs[0])].payload["view"] == "journey")
            #expect(records[Int(pair.seqs[1])].payload["actor"] == .string("clin-\(pair.reader)") && records[Int(pair.seqs[1])].payload["view"] == "access-log")
        }
        #expect(try test.verificationFailure() == nil)
    }

    @Test("a record the log refuses fails its caller, and only it")
    func refusal() throws {
        let test = try TestStore()
        let committer = try AccessGroupCommit(store: test.store, master: test.master)
        #expect(throws: (any Error).self) { try committer.record(type: "read", data: ["actor": "x", "outcome": "permitted"]) }
        #expect(try committer.record(type: "access.read", data: ["actor": "x", "outcome": "permitted"]).seq == (try test.store.size(.access)) - 1)
    }

    @Test("the case store writes concurrent access records through group commit: each caller returns with its own durable record")
    func throughTheCaseStore() async throws {
        let test = try TestStore()
        let caseStore = SQLiteCaseStore(test.store)
        let before = try test.store.size(.access)
        let seqs = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for reader in 0..<32 {
                group.addTask {
                    try await caseStore.recordAccess(type: "access.read", data: [
                        "actor": .string("clin-\(reader)"), "view": "journey", "purpose": "care", "outcome": "permitted",
                    ], master: test.master).seq
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(seqs.sorted() == Array(before..<before + 32))
        #expect(try test.store.size(.access) == before + 32)
        #expect(try test.verificationFailure() == nil)
        await #expect(throws: (any Error).self) {
            try await caseStore.recordAccess(type: "read", data: ["actor": "x", "outcome": "permitted"], master: test.master)
        }
    }

    /// What one journey page records: the read, then the care team's look at who opened the record.
    static func page(by reader: Int, _ index: Int) -> [(type: String, data: [String: JSONValue])] {
        let data: [String: JSONValue] = ["actor": .string("clin-\(reader)"), "purpose": "care", "outcome": "permitted", "n": .int(Int64(index))]
        var read = data, look = data
        (read["view"], look["view"]) = ("journey", "access-log")
        return [("access.read", read), ("access.read", look)]
    }

    final class Collected<Element>: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [Element] = []
        func add(_ value: Element) { lock.withLock { all.append(value) } }
        var values: [Element] { lock.withLock { all } }
    }
}
