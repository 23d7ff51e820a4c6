import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursLogTesting

/// Checkpoints, proofs, the export and verification: what an auditor holds the store to.
extension CaseStoreConformance {
    static let checkpointsAndProofs = Check("checkpoints-proofs", "checkpoints are signed once per size and kept; proofs through the store verify") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        try expect(try await store.latestCheckpoint(.events) == nil, "a new store keeps a checkpoint")
        let first = try await store.checkpoint(.events, master: master)
        try expect(try await store.checkpoint(.events, master: master) == first, "two checkpoints of one size differ")
        try expect(try await store.latestCheckpoint(.events) == first, "the checkpoint was not kept")
        let opened = try Checkpoint(body: store.noteVerifier(.events).open(note: first))
        try expect(opened.origin == store.origin && opened.size == 1, "the checkpoint is not of the store's one record")
        _ = try await store.append((0..<6).map { note($0) }, by: admin, master: master)
        let second = try Checkpoint(body: store.noteVerifier(.events).open(note: try await store.checkpoint(.events, master: master)))
        try expect(second.size == 7, "the second checkpoint is of \(second.size) records")
        for seq in UInt64(0)..<7 {
            let proof = try await store.inclusionProof(seq: seq, size: nil, table: .events)
            try expect(proof.verifies && proof.root == second.root, "the inclusion proof of \(seq) does not verify against the checkpoint")
        }
        let consistency = try await store.consistencyProof(from: 1, to: nil, table: .events)
        try expect(consistency.verifies && consistency.fromRoot == opened.root && consistency.toRoot == second.root,
                   "the consistency proof does not join the two checkpoints")
        _ = try await store.recordAccess(type: "access.read", data: ["actor": "clin-exemple"], master: master)
        let access = try Checkpoint(body: store.noteVerifier(.access).open(note: try await store.checkpoint(.access, master: master)))
        try expect(access.size == 1, "the access log's checkpoint is of \(access.size) records")
        try await expect(throwing: LogError.self, "a proof beyond the log") { _ = try await store.inclusionProof(seq: 0, size: 8, table: .events) }
    }

    static let export = Check("export", "the export writes the five files of LOG-FORMAT.md, holding every record") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        _ = try await store.append([note(1), note(2)], by: admin, master: master)
        _ = try await store.recordAccess(type: "access.export", data: ["actor": .string(ConformancePeople.admin)], master: master)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-conformance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sizes = try await store.exportLog(to: directory, master: master)
        try expect(sizes.events == 3 && sizes.access == 1, "exported \(sizes) records, not 3 and 1")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        try expect(files == ["access.checkpoint", "access.jsonl", "events.checkpoint", "events.jsonl", LogExport.keyFile].sorted(),
                   "the export's files are \(files)")
        let lines = try String(contentsOfFile: directory + "/events.jsonl", encoding: .utf8).split(separator: "\n")
        try expect(lines.count == 3, "events.jsonl holds \(lines.count) lines")
        let verification = try ExportVerifier.verify(directory: directory)
        try expect(verification.events.size == 3 && verification.access.size == 1, "the export verifies as \(verification)")
    }

    static let verification = Check("verification", "the store verifies with and without the master key, and a damaged record fails it") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        _ = try await store.append([note(1), note(2, stream: "notes")], by: admin, master: master)
        let old = try await store.checkpoint(.events, master: master)
        _ = try await store.append([note(3)], by: admin, master: master)
        _ = try await store.recordAccess(type: "access.read", data: ["actor": .string(ConformancePeople.admin)], master: master)
        let report = try await store.verify(since: old, master: master)
        try expect(report.events.size == 4 && report.access.size == 1, "verified \(report.events.size) and \(report.access.size) records")
        try expect(report.dataKeysChecked == 1 && report.dataKeysUnwrapped, "the data key was not unwrapped")
        _ = try await store.verify(since: nil, master: nil)
        let signed = try Checkpoint(body: store.noteVerifier(.events).open(note: try await store.signVerifiedCheckpoint(of: report.events, table: .events, master: master)))
        try expect(signed.size == 4 && signed.root == report.events.root, "the verified checkpoint is not of what was verified")
        guard let tamper = subject.tamper else { return }
        try await tamper(2)
        try await expect(throwing: VerificationError.self, "verifying a store whose record 2 was changed") {
            _ = try await store.verify(since: nil, master: master)
        }
    }
}
