import Foundation
import GRDB
import Testing
import ParcoursLog
@testable import ParcoursSQLite

@Suite("Erasure by crypto-shredding")
struct ErasureTests {
    @Test("erasing destroys the data key, closes the stream with a clear event, and the log still verifies")
    func erase() throws {
        let test = try TestStore()
        try test.appendSample(6, participants: 2)
        let wrapped = try test.store.pool.read { db in
            try Data.fetchOne(db, sql: "SELECT wrapped FROM data_key WHERE stream = 'participant/P-TEST00'")!
        }
        #expect(try test.fileBytes().contains(wrapped))

        let result = try test.store.erase(participant: "P-TEST00", reason: "participant-request", by: test.admin)

        let events = try test.store.events(inStream: "participant/P-TEST00", master: test.master)
        #expect(events.count == 4)
        #expect(events.prefix(3).allSatisfy { $0.content == .erased })
        #expect(events[3].envelope.type == "participant.erased")
        #expect(events[3].content == .clear(["reason": "participant-request"]))
        #expect(events[3].envelope.seq == result.seq)
        // No copy of the wrapped key stays in the database or its WAL.
        #expect(!(try test.fileBytes()).contains(wrapped))
        #expect(try test.verificationFailure() == nil)
        // The other participant is untouched.
        #expect(try test.store.events(inStream: "participant/P-TEST01", master: test.master).allSatisfy {
            if case .opened = $0.content { return true } else { return false }
        })
    }

    @Test("nothing may follow the erasure in that stream")
    func streamClosed() throws {
        let test = try TestStore()
        try test.appendSample(2, participants: 1)
        try test.store.erase(participant: "P-TEST00", reason: "entered-in-error", by: test.admin)
        let before = try test.head()
        #expect(throws: StoreError.streamClosed(stream: "participant/P-TEST00")) {
            try test.store.append([EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:])], by: test.admin, master: test.master)
        }
        #expect(throws: StoreError.streamClosed(stream: "participant/P-TEST00")) {
            try test.store.erase(participant: "P-TEST00", reason: "entered-in-error", by: test.admin)
        }
        #expect(try test.head() == before)
    }

    @Test("erasure takes a reason category, an admin, and an existing participant")
    func refusals() throws {
        let test = try TestStore()
        try test.appendSample(1, participants: 1)
        let clinician = try test.clinician()
        #expect(throws: StoreError.self) { try test.store.erase(participant: "P-TEST00", reason: "she asked me on the phone", by: test.admin) }
        #expect(throws: StoreError.self) { try test.store.erase(participant: "P-TEST00", reason: "participant-request", by: clinician) }
        #expect(throws: StoreError.self) { try test.store.erase(participant: "P-NOPE99", reason: "participant-request", by: test.admin) }
    }
}

@Suite("Proofs, checkpoints, export and backup")
struct ProofExportTests {
    @Test("inclusion and consistency proofs from the store verify against its checkpoint")
    func proofs() throws {
        let test = try TestStore()
        try test.appendSample(40)
        let note = try test.store.checkpoint(master: test.master)
        let checkpoint = try Checkpoint(body: test.store.noteVerifier(.events).open(note: note))
        #expect(checkpoint.size == 41)
        for seq in [UInt64(0), 1, 17, 40] {
            let proof = try test.store.inclusionProof(seq: seq)
            #expect(MerkleTree.verifyInclusion(leaf: seq, size: 41, leafHash: proof.leafHash, proof: proof.proof, root: checkpoint.root))
        }
        let consistency = try test.store.consistencyProof(from: 13)
        #expect(MerkleTree.verifyConsistency(from: 13, to: 41, fromRoot: consistency.fromRoot, toRoot: checkpoint.root, proof: consistency.proof))
        #expect(throws: StoreError.self) { try test.store.inclusionProof(seq: 41) }
    }

    @Test("checkpoints are kept, and a later one is consistent with the earlier")
    func checkpoints() throws {
        let test = try TestStore()
        let first = try test.store.checkpoint(master: test.master)
        #expect(try test.store.checkpoint(master: test.master) == first)
        try test.appendSample(5)
        let second = try test.store.checkpoint(master: test.master)
        #expect(second != first)
        #expect(try test.store.latestCheckpoint() == second)
        #expect(try test.store.verify(since: first).checkpointsChecked == 2)
    }

    @Test("an export verifies on its own with the same checks, and a changed byte is found")
    func export() throws {
        let test = try TestStore()
        try test.appendSample(30)
        try test.store.recordAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted"], master: test.master)
        let out = test.directory + "-export"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let sizes = try test.store.exportLog(to: out, master: test.master)
        #expect(sizes.events == 31 && sizes.access == 1)
        let report = try ExportVerifier.verify(directory: out)
        #expect(report.events.size == 31)
        #expect(report.events.root == (try test.store.root().root))
        #expect(throws: StoreError.self) { try test.store.exportLog(to: out, master: test.master) }

        let events = URL(fileURLWithPath: out + "/events.jsonl")
        var bytes = try Data(contentsOf: events)
        let lines = bytes.split(separator: 0x0A)
        let offset = lines[0].count + 1 + lines[1].count + 1 + lines[2].count + 1 + 150
        bytes[offset] ^= 0x02
        try bytes.write(to: events)
        #expect {
            _ = try ExportVerifier.verify(directory: out)
        } throws: { error in
            guard case .integrity("events", let failure) = error as? VerificationError else { return false }
            return failure.seq == 3
        }
    }

    @Test("a backup taken while the store is in use opens as a store, read-only, and verifies")
    func backup() throws {
        let test = try TestStore()
        try test.appendSample(20)
        let file = test.directory + "-backup.sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let writer = Thread { _ = try? test.appendSample(200) }
        writer.start()
        try test.store.backup(to: file)
        // Written to, a backup would fork the log: it opens read-only, and only `restore` puts it back in service.
        #expect(throws: StoreError.self) { try Store.open(at: file) }
        let copy = try Store.open(at: file, readOnly: true)
        #expect(copy.isBackup)
        let report = try copy.verify(master: test.master)
        #expect(report.events.size >= 21)
        while writer.isExecuting { usleep(10_000) }
    }
}
