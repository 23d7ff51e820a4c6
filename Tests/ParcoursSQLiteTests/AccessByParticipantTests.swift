import Foundation
import GRDB
import ParcoursLog
import Testing
@testable import ParcoursSQLite

/// The access log read by participant (who opened one record): through its index, newest
/// first, paged, the records as they were signed. Synthetic ids only.
@Suite("The access log by participant")
struct AccessByParticipantTests {
    @Test("a participant's access records come newest first, in pages, through the index; others' and records without a participant are left out")
    func byParticipant() throws {
        let test = try TestStore()
        for index in 0..<9 {
            var payload: [String: JSONValue] = ["actor": "clin-0001", "outcome": "permitted", "view": "journey"]
            if index % 3 != 2 { payload["participant"] = index % 3 == 0 ? "P-AAAA01" : "P-BBBB02" }
            _ = try test.store.recordAccess(type: "access.read", data: payload, master: test.master)
        }
        let all = try test.store.accessRecords()
        let expected = all.filter { $0.payload["participant"] == "P-AAAA01" }.reversed().map(\.seq)
        let participant = try #require(ParticipantID("P-AAAA01"))
        let first = try test.store.accessRecords(about: participant, before: nil, limit: 2)
        #expect(first.map(\.seq) == Array(expected.prefix(2)))
        let rest = try test.store.accessRecords(about: participant, before: first.last?.seq, limit: 10)
        #expect((first + rest).map(\.seq) == Array(expected) && expected.count == 3)
        #expect(first.first == all.first { $0.seq == first.first?.seq }, "the record as the whole log reads it")
        #expect(try test.store.accessRecords(about: ParticipantID("P-CCCC03")!, before: nil, limit: 10).isEmpty)

        let details = try DatabaseQueue(path: test.databasePath).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT line FROM access_event WHERE \(Store.accessParticipant) = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                             arguments: ["P-AAAA01", Int64.max, 10]).map { $0["detail"] as String }
        }
        #expect(details.contains { $0.contains("USING INDEX access_event_participant") }, "\(details)")
    }
}
