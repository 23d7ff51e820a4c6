import Foundation
import GRDB
import Testing
import ParcoursLog
@testable import ParcoursSQLite

/// A participant's wrapped data key is the only way to her or his record: it goes only
/// with an erasure, and `verify` notices when it went without one.
@Suite("Data keys go only with an erasure")
struct DataKeyIntegrityTests {
    /// A raw connection to the store's file, as an operator with sqlite3 would have.
    static func raw(_ test: TestStore, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: test.databasePath)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction(body)
    }

    /// The failure `verify` reports with the master key, or nil when intact.
    static func failureWithMaster(_ test: TestStore) -> (log: String, failure: IntegrityFailure)? {
        let result = Result { () throws(VerificationError) in try test.store.verify(master: test.master) }
        guard case .failure(let error) = result, case .integrity(let log, let failure) = error else { return nil }
        return (log, failure)
    }

    static func keyCount(_ test: TestStore) throws -> Int {
        try test.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM data_key") ?? 0 }
    }

    @Test("the schema refuses to delete or update a data key outside an erasure")
    func schemaRefuses() throws {
        let test = try TestStore()
        try test.appendSample(4, participants: 2)
        #expect(try Self.keyCount(test) == 2)
        #expect(throws: DatabaseError.self) {
            try Self.raw(test) { try $0.execute(sql: "DELETE FROM data_key WHERE stream = 'participant/P-TEST00'") }
        }
        #expect(throws: DatabaseError.self) {
            try Self.raw(test) { try $0.execute(sql: "UPDATE data_key SET wrapped = randomblob(72) WHERE stream = 'participant/P-TEST01'") }
        }
        #expect(try Self.keyCount(test) == 2)
        #expect(try test.store.verify(master: test.master).dataKeysChecked == 2)

        // The erasure itself still destroys the key, and the store verifies.
        try test.store.erase(participant: "P-TEST00", reason: "participant-request", by: test.admin)
        #expect(try Self.keyCount(test) == 1)
        let verified = try test.store.verify(master: test.master)
        #expect(verified.dataKeysChecked == 1 && verified.dataKeysUnwrapped)
        // No key comes back for an erased participant.
        #expect(throws: DatabaseError.self) {
            try Self.raw(test) {
                try $0.execute(sql: "INSERT INTO data_key (id, stream, wrapped, created_at) VALUES ('dk-x', 'participant/P-TEST00', x'00', 'now')")
            }
        }
    }

    @Test("verify names the participant whose data key was deleted without an erasure")
    func deletedKeyIsAnIntegrityFailure() throws {
        let test = try TestStore()
        let appended = try test.appendSample(4, participants: 2)
        try Self.raw(test) { db in
            try db.execute(sql: "DROP TRIGGER data_key_delete_only_by_erasure")
            try db.execute(sql: "DELETE FROM data_key WHERE stream = 'participant/P-TEST01'")
        }
        let failure = try #require(try test.verificationFailure())
        #expect(failure.log == "events")
        #expect(failure.failure.reason.contains("participant/P-TEST01"), "\(failure.failure.reason)")
        #expect(failure.failure.reason.contains("no data key"), "\(failure.failure.reason)")
        // The seq of the stream's last event: where to look.
        #expect(failure.failure.seq == appended.last { $0.stream == "participant/P-TEST01" }!.seq)
    }

    @Test("with the master key, verify finds a data key that no longer unwraps; without it, says it did not unwrap")
    func swappedKeyDoesNotUnwrap() throws {
        let test = try TestStore()
        try test.appendSample(4, participants: 2)
        try Self.raw(test) { db in
            try db.execute(sql: "DROP TRIGGER data_key_immutable_update")
            try db.execute(sql: "UPDATE data_key SET wrapped = randomblob(72) WHERE stream = 'participant/P-TEST00'")
        }
        let presence = try test.store.verify()
        #expect(presence.dataKeysChecked == 2 && !presence.dataKeysUnwrapped)
        let found = try #require(Self.failureWithMaster(test), "a key that does not unwrap must fail verification")
        #expect(found.log == "events")
        #expect(found.failure.reason == "participant/P-TEST00: its data key does not unwrap with the master key")
    }

    @Test("verify finds a data key moved to another participant's stream")
    func movedKeyDoesNotOpen() throws {
        let test = try TestStore()
        try test.appendSample(4, participants: 2)
        try Self.raw(test) { db in
            try db.execute(sql: "DROP TRIGGER data_key_immutable_update")
            try db.execute(sql: "UPDATE data_key SET stream = 'swap' WHERE stream = 'participant/P-TEST00'")
            try db.execute(sql: "UPDATE data_key SET stream = 'participant/P-TEST00' WHERE stream = 'participant/P-TEST01'")
            try db.execute(sql: "UPDATE data_key SET stream = 'participant/P-TEST01' WHERE stream = 'swap'")
        }
        let found = try #require(Self.failureWithMaster(test), "a key moved to another stream must fail verification")
        #expect(found.failure.reason.hasSuffix("its data key does not open its records"), "\(found.failure.reason)")
    }
}
