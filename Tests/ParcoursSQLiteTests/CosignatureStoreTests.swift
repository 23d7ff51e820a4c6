import Foundation
import GRDB
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursSQLite

/// Witnesses' cosignatures kept with the checkpoints, and their alarms, in SQLite.
@Suite("Cosignatures and witness alarms in the store")
struct CosignatureStoreTests {
    @Test("cosignature lines are kept with their checkpoint, once per witness, and say what each witness last cosigned")
    func cosignatures() throws {
        let test = try TestStore()
        try test.appendSample(3)
        let note = try test.store.checkpoint(.events, master: test.master)
        let body = try test.store.noteVerifier(.events).open(note: note)
        let size = try Checkpoint(body: body).size
        let witnesses = (1...2).map { WitnessSigner(name: "temoin\($0).example/w", key: SigningKey.generate()) }
        let lines = witnesses.map { $0.cosign(body: body, timestamp: 1_800_000_000).line }
        try test.store.saveCosignatures([lines[0]], log: .events, size: size)
        try test.store.saveCosignatures([lines[1], witnesses[0].cosign(body: body, timestamp: 1_900_000_000).line], log: .events, size: size)
        let cosigned = try #require(try test.store.cosignedCheckpoint(.events, size: size))
        #expect(cosigned == note + lines[0] + lines[1], "one line per witness, the first kept, in the order kept")
        #expect(try test.store.noteVerifier(.events).open(note: cosigned) == body)
        #expect(try test.store.witnessedSizes(.events) == [witnesses[0].name: size, witnesses[1].name: size])
        #expect(try test.store.witnessedSizes(.access).isEmpty)
        #expect(try test.store.cosignedCheckpoint(.events, size: size + 1) == nil)
        #expect(throws: LogError.self) { try test.store.saveCosignatures([lines[0]], log: .events, size: size + 1) }
        #expect(throws: (any Error).self) {
            try test.store.pool.write { try $0.execute(sql: "DELETE FROM checkpoint_cosignature") }
        }
    }

    @Test("witness alarms are kept, newest first, and cannot be erased")
    func alarms() throws {
        let test = try TestStore()
        let first = WitnessAlarm(at: Timestamp(millisecondsSinceEpoch: 1_800_000_000_000), witness: "temoin1.example/w", log: .events,
                                 size: 7, status: 422, reason: "the consistency proof does not verify")
        var second = first
        second.at = Timestamp(millisecondsSinceEpoch: 1_800_000_001_000)
        second.status = 403
        try test.store.recordWitnessAlarm(first)
        try test.store.recordWitnessAlarm(second)
        #expect(try test.store.witnessAlarms(limit: 10) == [second, first])
        #expect(try test.store.witnessAlarms(limit: 1) == [second])
        #expect(throws: (any Error).self) {
            try test.store.pool.write { try $0.execute(sql: "UPDATE witness_alarm SET status = 200") }
        }
    }
}
