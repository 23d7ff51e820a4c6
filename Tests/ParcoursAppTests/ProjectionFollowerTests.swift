import Foundation
import ParcoursLog
import ParcoursProjections
import Testing
@testable import ParcoursApp

/// Readers wait for the log position they need; one catch-up serves all of them.
@Suite("Read-your-writes through the projection follower")
struct ProjectionFollowerTests {
    @Test("eight readers at once, right after a batch, each see every act of it")
    func concurrentReadersSeeTheirWrites() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        let sessions = try (0..<20).map { _ in try AppFixture.act("session.held", participant: participant, AppFixture.session) }
        let written = try await app.caseRecord.record(sessions, by: app.identity(AppFixture.admitting))
        let ids = Set(written.map(\.result.id))
        let seen = try await withThrowingTaskGroup(of: Set<String>.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let (journey, _) = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting))
                    return Set(journey.timeline.map(\.id)).intersection(ids)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(seen.count == 8 && seen.allSatisfy { $0 == ids })
        #expect(await app.caseRecord.follower.reached >= written.last!.result.seq + 1)
    }

    @Test("a position already reached is served without following the log again")
    func reachedPositionsReturnAtOnce() async throws {
        let app = try await AppFixture()
        _ = try await app.admitted()
        let follower = app.caseRecord.follower
        try await follower.reachHead()
        let head = try app.store.size()
        #expect(await follower.reached == head)
        // Written behind the follower's back (another process): the next read's head is further, and it follows.
        let other = try await CaseRecord.open(at: app.directory, masterPassphrase: AppFixture.masterPassphrase)
        _ = try await other.record([try AppFixture.act("participant.enrolled", AppFixture.admission)], by: app.identity(AppFixture.admitting))
        try await follower.reach(head)
        #expect(await follower.reached == head)
        try await follower.reachHead()
        #expect(await follower.reached == (try app.store.size()))
    }
}

@Suite("The storage executor")
struct StorageExecutorTests {
    @Test("a use case run under the storage executor does its blocking work on its threads, and answers as anywhere")
    func useCasesRunOnStorageThreads() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        #expect(!StorageExecutor.isCurrent)
        let (onStorage, journey) = try await withTaskExecutorPreference(StorageExecutor.shared) {
            let (journey, _) = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting))
            return (StorageExecutor.isCurrent, journey)
        }
        #expect(onStorage)
        #expect(journey.participant == participant && journey.careTeam == [AppFixture.admitting])
    }
}
