import ParcoursAccess
import ParcoursLog
import Testing

@Suite("Anomalies in the access log")
struct AccessAuditTests {
    static func access(_ seq: UInt64, minute: Int64, _ payload: [String: JSONValue], type: String = "access.read") throws -> RecordedAccess {
        try RecordedAccess(AccessLogEntry(seq: seq, type: type, recordedAt: Timestamp(millisecondsSinceEpoch: 1_790_000_000_000 + minute * 60_000),
                                          payload: payload))
    }

    @Test("break-glass, reads outside the care team, refused readers and exports are raised")
    func kinds() throws {
        let accesses = [
            try Self.access(0, minute: 0, ["actor": "clin-2", "participant": "P-7Q4K2M", "outcome": "denied", "reason": "not in the care team"]),
            try Self.access(1, minute: 1, ["actor": "clin-2", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "break-glass", "review": true]),
            try Self.access(2, minute: 2, ["actor": "clin-3", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "legal-obligation"]),
            try Self.access(3, minute: 3, ["actor": "admin", "outcome": "permitted", "view": "export"], type: "access.export"),
            try Self.access(4, minute: 4, ["actor": "clin-1", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "care"]),
        ]
        #expect(AccessAudit.anomalies(accesses).map(\.kind) == [.outsideCareTeam, .breakGlass, .refusedReader, .export])
    }

    @Test("a partner's read attempted after the consent was withdrawn is raised; a first refusal is not")
    func afterWithdrawal() throws {
        let partner: [String: JSONValue] = ["actor": "part-1", "role": "partner", "organization": "Maison Exemple", "participant": "P-7Q4K2M"]
        func with(_ extra: [String: JSONValue]) -> [String: JSONValue] { partner.merging(extra) { _, new in new } }
        let accesses = [
            try Self.access(0, minute: 0, with(["outcome": "denied", "reason": "no consent in force"])),
            try Self.access(1, minute: 1, with(["outcome": "permitted", "purpose": "care"])),
            try Self.access(2, minute: 2, with(["outcome": "denied", "reason": "no consent in force"])),
        ]
        #expect(AccessAudit.anomalies(accesses).map(\.seq) == [2])
    }

    @Test("many participants read by one actor within minutes is raised once per burst")
    func manyParticipants() throws {
        let burst = try (0..<25).map { try Self.access(UInt64($0), minute: 0, ["actor": "clin-1", "participant": .string("P-\(String(format: "%06d", $0))"), "outcome": "permitted"]) }
        let slow = try (0..<25).map { try Self.access(UInt64(100 + $0), minute: 30 + Int64($0) * 11, ["actor": "clin-2", "participant": .string("P-\(String(format: "%06d", $0))"), "outcome": "permitted"]) }
        let found = AccessAudit.anomalies(burst + slow, threshold: 20, windowMinutes: 10)
        #expect(found.map(\.kind) == [.manyParticipants])
        #expect(found.first?.actor == "clin-1")
    }

    @Test("the filter keeps one participant, one actor, one period")
    func filter() throws {
        let record = try Self.access(0, minute: 0, ["actor": "clin-1", "participant": "P-7Q4K2M", "outcome": "permitted"])
        #expect(AccessAudit.Filter(participant: ParticipantID("P-7Q4K2M")).matches(record))
        #expect(!AccessAudit.Filter(actor: ActorID("clin-2")).matches(record))
        #expect(!AccessAudit.Filter(from: "2099-01-01").matches(record))
    }

    @Test("a payload that does not fit access-record.v1 is refused as damage, naming the member and never its value")
    func damaged() {
        let cases: [([String: JSONValue], String, String)] = [
            (["actor": "clin-1", "outcome": "permitted", "note": "Personne Fictive"], "access.read", "note"),
            (["actor": "clin-1", "outcome": "denied", "reason": "Personne Fictive a dit non"], "access.read", "reason"),
            (["actor": "clin-1", "outcome": "permitted", "participant": "Personne Fictive"], "access.read", "participant"),
            (["actor": "clin-1", "outcome": "permitted", "categories": ["notes", "Personne Fictive"]], "access.read", "categories[1]"),
            (["actor": "clin-1", "outcome": "permitted", "review": false], "access.read", "review"),
            (["outcome": "permitted"], "access.read", "actor"),
            (["actor": "clin-1", "outcome": "permitted"], "access.gossip", "type"),
        ]
        for (payload, type, field) in cases {
            let error = #expect(throws: DamagedAccessRecord.self) { try Self.access(9, minute: 0, payload, type: type) }
            #expect(error == DamagedAccessRecord(seq: 9, field: field))
            #expect(error?.description.contains("Personne") == false)
        }
    }
}
