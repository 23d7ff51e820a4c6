import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursLogTesting

/// The logs through the store: appends, access records, erasure, research keys.
extension CaseStoreConformance {
    static let appends = Check("appends", "batches append whole or not at all, sealed under the master key, and read back opened") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        let results = try await store.append([note(1), note(2)], by: admin, master: master)
        try expect(results.map(\.seq) == [1, 2] && results.map(\.version) == [0, 1], "the batch took seqs \(results.map(\.seq))")
        let events = try await store.events(inStream: stream, master: master)
        try expect(events.map(\.content) == [.opened(["n": .int(1)]), .opened(["n": .int(2)])], "the stream reads back otherwise")
        try await expect(throws: LogError.masterKeyRequired, "reading a participant's stream without the master key") {
            _ = try await store.events(inStream: stream, master: nil)
        }
        try await expect(throws: LogError.masterKeyRequired, "appending to a participant's stream without the master key") {
            _ = try await store.append([note(3)], by: admin, master: nil)
        }
        _ = try await store.append([note(4, stream: "notes")], by: admin, master: nil)
        try expect(try await store.events(inStream: "notes", master: nil).map(\.content) == [.clear(["n": .int(4)])], "a clear stream reads back otherwise")
        try await expect(throws: LogError.invalidInput(field: "event 2: type", reason: "\(Directory.actorEnrolled) is written by its own command (actor …, erase)"),
                         "a directory event through append") {
            _ = try await store.append([note(5), EventDraft(type: Directory.actorEnrolled, stream: stream, data: [:])], by: admin, master: master)
        }
        try await expect(throws: LogError.invalidInput(field: "stream", reason: "directory is written by its own commands only"), "the directory stream") {
            _ = try await store.append([note(5, stream: Identifiers.directoryStream)], by: admin, master: master)
        }
        try expect(try await store.size(.events) == 4, "refused appends were written")
    }

    static let accessLog = Check("access-log", "access records are kept in order, and those about a participant come newest first, by pages") { subject in
        let store = subject.store
        let (master, _) = try await unlock(store)
        for index in 0..<7 {
            let about = index % 2 == 0 ? participant : "P-CONF02"
            _ = try await store.recordAccess(type: "access.read", data: ["actor": "clin-exemple", "participant": .string(about), "n": .int(Int64(index))],
                                             master: master)
        }
        _ = try await store.recordAccess(type: "access.export", data: ["actor": "clin-exemple"], master: master)
        try await expect(throws: LogError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read"), "a non-access type") {
            _ = try await store.recordAccess(type: "note.added", data: [:], master: master)
        }
        // What one request read, recorded together: in order, next to each other, all or none.
        let pair = try await store.recordAccess([("access.read", ["actor": "clin-exemple", "view": "journey"]),
                                                 ("access.read", ["actor": "clin-exemple", "view": "access-log"])], master: master)
        try expect(pair.map(\.seq) == [8, 9], "two records written together took seqs \(pair.map(\.seq))")
        try await expect(throws: LogError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read"),
                         "a batch with a non-access type") {
            _ = try await store.recordAccess([("access.read", ["actor": "clin-exemple"]), ("note.added", [:])], master: master)
        }
        let all = try await store.accessRecords()
        try expect(all.map(\.seq) == Array(0..<10) && all[7].type == "access.export" && all.last?.payload["view"] == "access-log",
                   "the access log reads back otherwise")
        try expect(try await store.size(.access) == 10, "the access log's size is not 10: a refused batch was written in part")
        let about = ParticipantID(participant)!
        let newest = try await store.accessRecords(about: about, before: nil, limit: 3)
        try expect(newest.map(\.seq) == [6, 4, 2], "the newest records about a participant are \(newest.map(\.seq))")
        try expect(newest.first?.payload["n"] == .int(6), "a record about a participant reads back otherwise")
        let older = try await store.accessRecords(about: about, before: 2, limit: 3)
        try expect(older.map(\.seq) == [0], "the records before 2 are \(older.map(\.seq))")
        try expect(try await store.accessRecords(about: about, before: nil, limit: 0).isEmpty, "a page of 0 records is not empty")
        try expect(try await store.accessRecords(about: ParticipantID("P-CONF09")!, before: nil, limit: 5).isEmpty, "records about nobody")
    }

    static let concurrentAccess = Check("concurrent-access-records", "requests recording at once each get their own durable records, a request's next to each other, none lost or twice, and the log verifies") { subject in
        let store = subject.store
        let (master, _) = try await unlock(store)
        let before = try await store.size(.access)
        // Each request gets back the seqs of its own records: read at those seqs, they name it.
        let pairs = try await withThrowingTaskGroup(of: (Int64, [UInt64]).self) { group in
            for request in Int64(0)..<48 {
                group.addTask {
                    let results = try await store.recordAccess([("access.read", ["actor": "clin-exemple", "view": "journey", "n": .int(request)]),
                                                                ("access.read", ["actor": "clin-exemple", "view": "access-log", "n": .int(request)])],
                                                               master: master)
                    return (request, results.map(\.seq))
                }
            }
            return try await group.reduce(into: [(Int64, [UInt64])]()) { $0.append($1) }
        }
        try expect(pairs.allSatisfy { $0.1.count == 2 && $0.1[1] == $0.1[0] + 1 }, "a request's two records are not next to each other")
        try expect(pairs.flatMap(\.1).sorted() == Array(before..<before + 96), "the records took seqs other than \(before)…\(before + 95) once each")
        let records = try await store.accessRecords()
        for (request, seqs) in pairs {
            let (read, look) = (records[Int(seqs[0])].payload, records[Int(seqs[1])].payload)
            try expect(read["view"] == "journey" && look["view"] == "access-log" && read["n"] == .int(request) && look["n"] == .int(request),
                       "request \(request) was answered with another request's seqs")
        }
        // Verification throws at the first record or tree hash that does not hold.
        let report = try await store.verify(since: nil, master: master)
        try expect(report.access.size == before + 96, "verification read \(report.access.size) access records, not \(before + 96)")
    }

    static let openings = Check("openings", "a participant's openings are her record's reads, newest first, by pages, without the care team's looks at them") { subject in
        let store = subject.store
        let (master, _) = try await unlock(store)
        /// A record about the participant (or another), of a kind, a view, a purpose and an outcome (nil: absent).
        func record(_ kind: String, _ view: JSONValue?, _ purpose: JSONValue?, _ outcome: JSONValue = "permitted",
                    about: String = participant) async throws -> UInt64 {
            var data: [String: JSONValue] = ["actor": "clin-exemple", "participant": .string(about), "outcome": outcome]
            data["view"] = view
            data["purpose"] = purpose
            return try await store.recordAccess(type: "access." + kind, data: data, master: master).seq
        }
        let journey = try await record("read", "journey", "care")
        _ = try await record("read", "access-log", "care")
        let refusedLook = try await record("read", "access-log", "care", "denied")
        _ = try await record("write", "journey", "care")
        let audit = try await record("read", "access-log", "audit")
        let bare = try await record("read", nil, nil)
        _ = try await record("export", "export", "administration")
        _ = try await record("read", "journey", "care", about: "P-CONF02")
        let broken = try await record("read", "journey", "break-glass")
        let timeline = try await record("read", "timeline", nil)
        _ = try await record("read", "access-log", "care")
        // A look at the panel without its purpose, or with it null, is not the care team's own.
        let noPurpose = try await record("read", "access-log", nil)
        let nullPurpose = try await record("read", "access-log", .null)
        let nullOutcome = try await record("read", "access-log", "care", .null)
        // Every member the panel shows, as the policy writes them: a refusal with its reason, the glass broken.
        let refused = try await store.recordAccess(type: "access.read", data: [
            "actor": "clin-autre", "role": "clinician", "organization": "Organisme fictif", "participant": .string(participant),
            "view": "journey", "purpose": "care", "outcome": "denied", "reason": "not in the care team", "categories": [],
        ], master: master).seq
        let glass = try await store.recordAccess(type: "access.read", data: [
            "actor": "clin-exemple", "role": "clinician", "organization": "Organisme « fictif », 2e", "participant": .string(participant),
            "view": "journey", "purpose": "break-glass", "outcome": "permitted", "categories": ["identity", "safety", "stages"],
            "justification": "Appel d'urgence, équipe absente", "review": true,
        ], master: master).seq
        let about = ParticipantID(participant)!
        let newest = try await store.openings(about: about, before: nil, limit: 8)
        try expect(newest.map(\.seq) == [glass, refused, nullOutcome, nullPurpose, noPurpose, timeline, broken, bare],
                   "the newest openings are \(newest.map(\.seq))")
        let older = try await store.openings(about: about, before: bare, limit: 10)
        try expect(older.map(\.seq) == [audit, refusedLook, journey], "the openings before \(bare) are \(older.map(\.seq))")
        // As the records themselves say, member for member.
        let records = try await store.accessRecords(about: about, before: nil, limit: 100)
        for opening in newest + older {
            guard let record = records.first(where: { $0.seq == opening.seq }) else {
                throw ConformanceFailure(check: "", what: "opening \(opening.seq) has no record about the participant")
            }
            try expect(opening == OpeningRow(record), "opening \(opening.seq) reads otherwise than its record")
        }
        try expect(newest[0].payload["categories"] == ["identity", "safety", "stages"] && newest[0].payload["review"] == true
                   && newest[0].payload["organization"] == "Organisme « fictif », 2e" && newest[0].payload["justification"] == nil,
                   "the glass broken reads \(newest[0].payload.keys.sorted()), without its justification")
        try expect(newest[1].payload["reason"] == "not in the care team" && newest[1].payload["categories"] == [], "the refusal reads otherwise")
        try expect(try await store.openings(about: about, before: nil, limit: 0).isEmpty, "a page of 0 openings is not empty")
        try expect(try await store.openings(about: ParticipantID("P-CONF09")!, before: nil, limit: 5).isEmpty, "openings of nobody's record")
    }

    static let erasure = Check("erasure", "an erased participant's content is gone for good; the log still verifies") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        _ = try await store.append([note(1), note(2, stream: Identifiers.participantStreamPrefix + "P-CONF02")], by: admin, master: master)
        try await expect(throws: LogError.invalidInput(field: "reason", reason: "one of \(StoreRules.erasureReasons.joined(separator: ", "))"), "a free-text reason") {
            _ = try await store.erase(participant: participant, reason: "parce que", by: admin)
        }
        try await expect(throws: StoreRules.noRecord("P-CONF09"), "erasing a participant without record") {
            _ = try await store.erase(participant: "P-CONF09", reason: "entered-in-error", by: admin)
        }
        let erased = try await store.erase(participant: participant, reason: "participant-request", by: admin)
        try expect(erased.stream == stream, "the erasure closed \(erased.stream)")
        let events = try await store.events(inStream: stream, master: master)
        try expect(events.map(\.content) == [.erased, .clear(["reason": "participant-request"])], "the erased stream reads back otherwise")
        try expect(try await store.events(inStream: Identifiers.participantStreamPrefix + "P-CONF02", master: master).map(\.content) == [.opened(["n": .int(2)])],
                   "another participant's stream was touched")
        try await expect(throwing: LogError.self, "appending to an erased stream") { _ = try await store.append([note(3)], by: admin, master: master) }
        let report = try await store.verify(since: nil, master: master)
        try expect(report.dataKeysChecked == 1 && report.dataKeysUnwrapped, "\(report.dataKeysChecked) data keys checked, not the one left")
    }

    static let researchKeys = Check("research-keys", "a research project's key is the same each time, and another project's differs") { subject in
        let store = subject.store
        let (master, _) = try await unlock(store)
        let first = try await store.researchKey(project: "projet-exemple", master: master)
        try expect(first.count == 32, "a research key of \(first.count) bytes")
        try expect(try await store.researchKey(project: "projet-exemple", master: master) == first, "one project's key changed")
        try expect(try await store.researchKey(project: "projet-autre", master: master) != first, "two projects share a key")
    }
}
