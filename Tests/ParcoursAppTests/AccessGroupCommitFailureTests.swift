import Dispatch
import Foundation
import ParcoursApp
import ParcoursLog
import Synchronization
import Testing

/// What the callers of a batch get when its append fails: the gathering itself, whatever the store.
@Suite("Group commit of access records when the append fails")
struct AccessGroupCommitFailureTests {
    @Test("every caller of a failed batch gets its error and none a result, and each caller's records are handed to the append once")
    func failedBatch() throws {
        let leaderInside = DispatchSemaphore(value: 0), letLeaderGo = DispatchSemaphore(value: 0)
        let batches = Mutex<[[String]]>([])
        let committer = AccessGroupCommit { records in
            let first = batches.withLock { batches in
                batches.append(records.map { $0.data["caller"]?.stringValue ?? "?" })
                return batches.count == 1
            }
            if first {
                leaderInside.signal()
                letLeaderGo.wait()
            }
            throw LogError.storeDamaged("the disk is full")
        }
        let outcomes = Mutex<[String: Result<[AppendResult], LogError>]>([:])
        @Sendable func record(_ caller: String) {
            let outcome = Result<[AppendResult], any Error> {
                try committer.record([("access.read", ["caller": .string(caller), "view": "journey"]),
                                      ("access.read", ["caller": .string(caller), "view": "access-log"])])
            }.mapError { $0 as? LogError ?? LogError.storeDamaged("another error: \($0)") }
            outcomes.withLock { $0[caller] = outcome }
        }
        // Threads of their own: libdispatch's pool would add threads only slowly behind a blocked leader.
        let callers = DispatchGroup()
        func start(_ caller: String) {
            callers.enter()
            Thread { record(caller); callers.leave() }.start()
        }
        start("c0")
        leaderInside.wait()
        for index in 1...7 { start("c\(index)") }
        Thread.sleep(forTimeInterval: 0.2)  // the seven, or most of them, wait behind the leader
        letLeaderGo.signal()
        callers.wait()

        let results = outcomes.withLock { $0 }
        #expect(results.count == 8)
        for (caller, outcome) in results {
            #expect(outcome == .failure(LogError.storeDamaged("the disk is full")), "\(caller) got \(outcome)")
        }
        let written = batches.withLock { $0 }
        #expect(written.first == ["c0", "c0"])
        #expect(written.flatMap { $0 }.count == 16, "each caller's two records were handed to the append once")
        #expect(Set(written.flatMap { $0 }) == Set((0...7).map { "c\($0)" }))
        #expect(written.allSatisfy { batch in stride(from: 0, to: batch.count, by: 2).allSatisfy { batch[$0] == batch[$0 + 1] } },
                "a caller's two records were split: \(written)")
    }
}
