import Foundation
import GRDB
import ParcoursLog
import Testing

/// After `erase`, reads say so — when and why, with their own exit status — and the
/// projections hold nothing of the person from the erasure's own transaction on.
@Suite("Reads of an erased record")
struct ErasedReadTests {
    @Test("journey and timeline say erased, the day and the reason category, with exit status 3; an unknown id is told apart")
    func erasedIsSaid() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let erase = try cli.run(["erase", participant, "--reason", "participant-request", "--as", CLI.adminID])
        #expect(erase.status == 0, "\(erase)")
        let today = String(Timestamp.now().description.prefix(10))
        for view in ["journey", "timeline"] {
            let read = try cli.run([view, participant, "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled)
            #expect(read.status == 3 && read.stdout.isEmpty, "\(view): \(read)")
            #expect(read.stderr.contains("effacé") && read.stderr.contains(today) && read.stderr.contains("participant-request"), "\(read.stderr)")
        }
        let unknown = try cli.run(["journey", "P-ZZZZZZ", "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled)
        #expect(unknown.status == 2 && unknown.stderr.contains("never admitted") && !unknown.stderr.contains("effacé"), "\(unknown)")
        let write = try RecordTests.record(cli, RecordTests.act("session.held", participant: participant,
                                                                ["kind": "individual-meeting", "minutes": 30, "processes": ["engaging"], "techniques": ["open-questions"]]))
        #expect(write.status == 2 && write.stderr.contains("effacé"), "\(write)")
        let reasons = try ProjectionCLITests.accessRecords(cli).filter { $0["participant"] == .string(participant) }.compactMap { $0["reason"] }
        #expect(reasons.filter { $0 == "erased participant" }.count == 3)
    }

    @Test("the erasure removes the participant's caseload and program rows in its own transaction, before any reader catches up")
    func projectionRowsGoWithTheErasure() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        // A read brings the projections to the head: the participant has rows.
        #expect(try cli.run(["caseload", "--as", RecordTests.clinician], env: AccessPolicyCLITests.asEnrolled).status == 0)
        let database = cli.store.appendingPathComponent("parcours.sqlite").path
        func rows() throws -> Int {
            let queue = try DatabaseQueue(path: database)
            defer { try? queue.close() }
            return try queue.read { db in
                try ["journey", "caseload", "program_participant"].reduce(0) { total, table in
                    total + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE participant = ?", arguments: [participant]) ?? 0)
                }
            }
        }
        #expect(try rows() == 3)
        #expect(try cli.run(["erase", participant, "--reason", "entered-in-error", "--as", CLI.adminID]).status == 0)
        #expect(try rows() == 0, "no row outlives the erasure, though no reader has caught up since")
    }
}
