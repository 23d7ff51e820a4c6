import ParcoursAccess
import ParcoursLog
import Testing

@Suite("Anomalies in the access log")
struct AccessAuditTests {
    static func access(_ seq: UInt64, minute: Int64, _ payload: [String: JSONValue], type: String = "access.read") -> AccessLogEntry {
        AccessLogEntry(seq: seq, type: type, recordedAt: Timestamp(millisecondsSinceEpoch: 1_790_000_000_000 + minute * 60_000), payload: payload)
    }

    @Test("break-glass, reads outside the care team, refused readers and exports are raised")
    func kinds() {
        let accesses = [
            Self.access(0, minute: 0, ["actor": "clin-2", "participant": "P-7Q4K2M", "outcome": "denied", "reason": "not in the care team"]),
            Self.access(1, minute: 1, ["actor": "clin-2", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "break-glass", "review": true]),
            Self.access(2, minute: 2, ["actor": "clin-3", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "legal-obligation"]),
            Self.access(3, minute: 3, ["actor": "admin", "outcome": "permitted", "view": "log-export"], type: "access.export"),
            Self.access(4, minute: 4, ["actor": "clin-1", "participant": "P-7Q4K2M", "outcome": "permitted", "purpose": "care"]),
        ]
        #expect(AccessAudit.anomalies(accesses).map(\.kind) == [.outsideCareTeam, .breakGlass, .refusedReader, .export])
    }

    @Test("a partner's read attempted after the consent was withdrawn is raised; a first refusal is not")
    func afterWithdrawal() {
        let partner: [String: JSONValue] = ["actor": "part-1", "role": "partner", "organization": "Maison Exemple", "participant": "P-7Q4K2M"]
        func with(_ extra: [String: JSONValue]) -> [String: JSONValue] { partner.merging(extra) { _, new in new } }
        let accesses = [
            Self.access(0, minute: 0, with(["outcome": "denied", "reason": "no consent in force"])),
            Self.access(1, minute: 1, with(["outcome": "permitted", "purpose": "care"])),
            Self.access(2, minute: 2, with(["outcome": "denied", "reason": "no consent in force"])),
        ]
        #expect(AccessAudit.anomalies(accesses).map(\.seq) == [2])
    }

    @Test("many participants read by one actor within minutes is raised once per burst")
    func manyParticipants() {
        let burst = (0..<25).map { Self.access(UInt64($0), minute: 0, ["actor": "clin-1", "participant": .string("P-\(String(format: "%06d", $0))"), "outcome": "permitted"]) }
        let slow = (0..<25).map { Self.access(UInt64(100 + $0), minute: 30 + Int64($0) * 11, ["actor": "clin-2", "participant": .string("P-\(String(format: "%06d", $0))"), "outcome": "permitted"]) }
        let found = AccessAudit.anomalies(burst + slow, threshold: 20, windowMinutes: 10)
        #expect(found.map(\.kind) == [.manyParticipants])
        #expect(found.first?.actor == "clin-1")
    }

    @Test("the filter keeps one participant, one actor, one period")
    func filter() {
        let record = Self.access(0, minute: 0, ["actor": "clin-1", "participant": "P-7Q4K2M", "outcome": "permitted"])
        #expect(AccessAudit.Filter(participant: "P-7Q4K2M").matches(record))
        #expect(!AccessAudit.Filter(actor: "clin-2").matches(record))
        #expect(!AccessAudit.Filter(from: "2099-01-01").matches(record))
    }
}
