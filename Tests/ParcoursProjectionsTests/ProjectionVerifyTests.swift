import Foundation
import GRDB
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

/// `Projector.verify()`: each projection agrees with a fold of the log up to its position —
/// whether it follows the head or lags behind it — and the one that differs is named.
@Suite("Projections verified against the log")
struct ProjectionVerifyTests {
    /// A raw connection to the store's file, as an operator with sqlite3 would have.
    static func tamper(_ fixture: ProjectionFixture, _ sql: String) throws {
        let queue = try DatabaseQueue(path: fixture.store.databasePath)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    static func differing(_ fixture: ProjectionFixture) async -> ProjectionDiscrepancy? {
        do {
            try await fixture.projector.verify()
            return nil
        } catch {
            return error as? ProjectionDiscrepancy
        }
    }

    @Test("projections that follow the head, lag behind it, or lag behind an erasure all agree with the log")
    func agreeWhileFollowingOrLagging() async throws {
        let fixture = try ProjectionFixture()
        let drafts = ProjectionFixture.generated(participants: 40, seed: 11)
        let half = drafts.count / 2
        try fixture.store.append(Array(drafts[..<half]), by: fixture.clinician, master: fixture.master)
        try await fixture.projector.catchUp()
        let head = try fixture.store.size()
        await #expect(try fixture.projector.verify() == [.journey: head, .caseload: head, .program: head])

        // Appended, not yet followed: the projections lag, and still agree with the log up to where they are.
        try fixture.store.append(Array(drafts[half...]), by: fixture.clinician, master: fixture.master)
        let participant = try #require(Identifiers.participant(ofStream: drafts[0].stream))
        #expect(try fixture.rows(in: "journey", of: participant) == 1)
        try fixture.store.erase(participant: participant, reason: "participant-request", by: fixture.admin)
        await #expect(try fixture.projector.verify() == [.journey: head, .caseload: head, .program: head])

        try await fixture.projector.catchUp()
        let end = try fixture.store.size()
        await #expect(try fixture.projector.verify() == [.journey: end, .caseload: end, .program: end])
        #expect(try fixture.rows(in: "journey", of: participant) == 0)
    }

    @Test("a row removed, a position moved, a journey swapped: the projection that differs is named")
    func namesTheProjection() async throws {
        let fixture = try ProjectionFixture()
        try fixture.store.append(ProjectionFixture.generated(participants: 20, seed: 5), by: fixture.clinician, master: fixture.master)
        try await fixture.projector.catchUp()
        await #expect(Self.differing(fixture) == nil)

        try Self.tamper(fixture, """
            DELETE FROM program_transition WHERE (participant, event_id) = (SELECT participant, event_id FROM program_transition LIMIT 1)
            """)
        await #expect(Self.differing(fixture)?.projection == .program)
        try await fixture.projector.rebuild()
        await #expect(Self.differing(fixture) == nil)

        try Self.tamper(fixture, "UPDATE projection_position SET position = position - 1 WHERE name = 'journey'")
        await #expect(Self.differing(fixture)?.projection == .journey)
        try await fixture.projector.rebuild()

        try Self.tamper(fixture, """
            UPDATE journey SET journey = (SELECT journey FROM journey ORDER BY participant DESC LIMIT 1)
            WHERE participant = (SELECT participant FROM journey ORDER BY participant LIMIT 1)
            """)
        let swapped = try await #require(Self.differing(fixture))
        #expect(swapped.projection == .journey)
        #expect(swapped.reason.contains("table journey differs"), "\(swapped.reason)")
    }
}
