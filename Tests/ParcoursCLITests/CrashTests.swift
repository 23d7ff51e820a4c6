import Foundation
import ParcoursLog
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A writer killed with SIGKILL (power cut, OOM killer) must never leave half a batch
/// or a store that no longer verifies.
@Suite("A killed append leaves whole batches")
struct CrashTests {
    static let batchSize = 200

    /// Batch `n`: `batchSize` events in stream `load/b<n>`, each saying which batch and which position it is.
    static func batch(_ n: Int) -> Data {
        let lines = (0..<batchSize).map { i in
            eventLine(type: "load.item", stream: "load/b\(n)", data: ["batch": .int(Int64(n)), "i": .int(Int64(i))])
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    @Test("SIGKILL during batch appends: the store verifies and each batch is whole or absent")
    func killDuringBatchAppends() throws {
        let cli = try CLI.initialized()
        let append = ["append", "--as", CLI.adminID, "-"]

        // How long a whole append takes here, to aim the kills across its life; updated as the machine's load changes.
        var estimate = 0.0
        var complete: Set<Int> = []
        func appendWhole(_ n: Int) throws {
            let start = Date()
            let result = try cli.run(append, stdin: Self.batch(n))
            #expect(result.status == 0, "a whole append of batch \(n): \(result)")
            let elapsed = Date().timeIntervalSince(start)
            estimate = estimate == 0 ? elapsed : (estimate + elapsed) / 2
            complete.insert(n)
        }
        try appendWhole(0)
        try appendWhole(1)

        var killed: [Int] = []
        let attempts = 12
        for round in 0..<attempts {
            let n = 2 + round
            let (process, out, err) = try cli.makeProcess(append, stdin: Self.batch(n))
            try process.run()
            // Kill times spread over the whole run (start-up, unlocking, writing, committing, exiting) and a little after.
            let delay = estimate * 1.5 * (Double(round) + Double.random(in: 0..<1)) / Double(attempts)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            let result = try cli.finish(process, stdout: out, stderr: err)
            if result.signaled {
                #expect(result.status == SIGKILL)
                killed.append(n)
            } else {
                #expect(result.status == 0, "an append that finished before the kill succeeded: \(result)")
                complete.insert(n)
            }
            // A whole append right after the kill: the store still takes writes (no stale lock, no damaged WAL).
            try appendWhole(100 + n)
        }
        // Then kills aimed at the commit itself: as soon as the WAL file is touched, while its frames are written and synced.
        let wal = cli.store.appendingPathComponent("parcours.sqlite-wal").path
        var killedAtCommit = 0
        for round in 0..<6 {
            let n = 50 + round
            let before = Self.stamp(wal)
            let (process, out, err) = try cli.makeProcess(append, stdin: Self.batch(n))
            try process.run()
            var touched = false
            while process.isRunning {
                if Self.stamp(wal) != before {
                    kill(process.processIdentifier, SIGKILL)
                    touched = true
                    break
                }
                usleep(20)
            }
            let result = try cli.finish(process, stdout: out, stderr: err)
            if result.signaled {
                killed.append(n)
                if touched { killedAtCommit += 1 }
            } else {
                #expect(result.status == 0, "an append that finished before the kill succeeded: \(result)")
                complete.insert(n)
            }
            try appendWhole(100 + n)
        }
        #expect(!killed.isEmpty, "at least one append was killed while running")

        let verified = try cli.verify(["--json"])
        #expect(verified.status == 0, "verify after the kills: \(verified)")

        // Count every batch's events in the export (which also verifies on its own).
        let export = try cli.exportLog()
        let exportVerified = try cli.verify(["--export", export.path])
        #expect(exportVerified.status == 0, "\(exportVerified)")
        var counts: [Int: Int] = [:]
        for record in try CLI.records(in: export.appendingPathComponent("events.jsonl")) {
            let envelope = try #require(record["envelope"])
            guard let stream = envelope["stream"]?.stringValue, stream.hasPrefix("load/b") else { continue }
            let n = try #require(Int(stream.dropFirst("load/b".count)))
            let data = try #require(envelope["payload"]?["clear"])
            #expect(data["batch"]?.intValue == Int64(n), "an event of \(stream) says it belongs to batch \(n)")
            #expect(data["i"] == envelope["version"], "events of a batch keep their order")
            counts[n, default: 0] += 1
        }
        for n in complete.union(killed).sorted() {
            let count = counts[n] ?? 0
            #expect(count == 0 || count == Self.batchSize, "batch \(n) has \(count) of \(Self.batchSize) events")
            if complete.contains(n) { #expect(count == Self.batchSize, "completed batch \(n) is whole") }
        }
        let killedPresent = killed.filter { counts[$0] == Self.batchSize }.count
        print("CrashTests: \(killed.count) appends killed (\(killedAtCommit) while writing the WAL; \(killedPresent) had committed, "
              + "\(killed.count - killedPresent) left nothing)")
    }

    /// The modification time and size of a file (nil while it does not exist).
    static func stamp(_ path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_size)]
    }
}
