import ParcoursClinical
import ParcoursLog
import Testing
@testable import ParcoursAccess

/// Access records are read by hand when their payload holds nothing out of the ordinary
/// (`AccessRecord(readingByHand:)`); whatever that reading gives must be what `init(from:)`
/// gives through `JSONValueDecoder`, and anything it does not take is left to the decoder.
/// Synthetic records only.
@Suite("Access records read by hand, as the decoder reads them")
struct AccessRecordPayloadTests {
    static func decoded(_ payload: [String: JSONValue]) -> AccessRecord? {
        try? JSONValueDecoder().decode(AccessRecord.self, from: .object(payload))
    }

    /// Records of every shape the log holds: each vocabulary's every word, each optional member filled.
    static func records() -> [AccessRecord] {
        var full = AccessRecord(kind: .read, actor: ActorID("clin-exemple")!, outcome: .denied)
        full.role = .clinician
        full.organization = "Organisme Fictif"
        full.participant = ParticipantID("P-7Q4K2M")
        full.stream = "participant/P-7Q4K2M"
        full.view = .journey
        full.categories = InformationCategory.allCases
        full.purpose = .care
        full.justification = "une justification fictive « citée »"
        full.reason = .notInCareTeam
        full.review = true
        full.clinician = "clin-autre"
        full.act = "stage.assessed"
        full.command = "export"
        full.report = .fhir
        full.project = "projet-fictif"
        full.manifestSHA256 = String(repeating: "ab", count: 32)
        full.aggregate = true
        full.participants = .count(12)
        var records = [AccessRecord(kind: .read, actor: ActorID("admin")!, outcome: .permitted), full]
        func varied(_ change: (inout AccessRecord) -> Void) {
            var record = full
            change(&record)
            records.append(record)
        }
        for role in Role.allCases { varied { $0.role = role } }
        for view in AccessView.allCases { varied { $0.view = view } }
        for purpose in AccessPurpose.allCases { varied { $0.purpose = purpose } }
        for reason in AccessRecord.Reason.allCases { varied { $0.reason = reason } }
        for report in AccessRecord.Report.allCases { varied { $0.report = report } }
        varied { $0.participants = .aggregate }
        varied { $0.aggregate = false }
        varied { $0.categories = [] }
        varied { $0.review = false }
        return records
    }

    @Test("every member the decoder reads is read by hand")
    func sameMembers() {
        #expect(AccessRecord.membersReadByHand == Set(AccessRecord.CodingKeys.allCases.map(\.rawValue)))
    }

    @Test("records of every shape are read by hand, to what the decoder reads")
    func everyShape() throws {
        for record in Self.records() {
            let payload = record.payload
            let byHand = try #require(AccessRecord(readingByHand: payload), "\(CanonicalJSON.string(.object(payload)))")
            #expect(byHand == Self.decoded(payload))
            #expect(byHand == record, "reads back what was recorded (as a read: the entry's type gives the kind)")
        }
    }

    @Test("the payload holds only what is set: no member for an absent value, review only when true, participants null for an aggregate")
    func onlyWhatIsSet() throws {
        let minimal = AccessRecord(kind: .read, actor: ActorID("admin")!, outcome: .permitted)
        #expect(minimal.payload == ["actor": "admin", "outcome": "permitted"])
        var aggregate = minimal
        aggregate.participants = .aggregate
        aggregate.aggregate = false
        aggregate.categories = []
        #expect(aggregate.payload == ["actor": "admin", "outcome": "permitted", "participants": .null, "aggregate": false, "categories": []])
        let full = try #require(Self.records().last { $0.review && $0.participants == .count(12) })
        #expect(Set(full.payload.keys) == AccessRecord.membersReadByHand, "every member, each under its coding key")
        #expect(try JSONValueEncoder().encode(full) == .object(full.payload), "Codable writes the same payload")
    }

    @Test("a damaged payload is read by hand only to what the decoder reads; otherwise the decoder decides")
    func damaged() throws {
        let replacements: [JSONValue] = [.null, 7, -1, 0, "x", "", true, false, [], ["x"], ["identity"], [7], [:], ["actor": "clin-exemple"],
                                         "clin-exemple", "P-7Q4K2M", "permitted", "care"]
        var readByHand = 0, leftToTheDecoder = 0
        for record in Self.records().prefix(2) {
            let payload = record.payload
            var copies: [[String: JSONValue]] = [payload.merging(["inconnu": "x"]) { a, _ in a }]
            for name in AccessRecord.membersReadByHand {
                var removed = payload
                removed[name] = nil
                copies.append(removed)
                for replacement in replacements {
                    var changed = payload
                    changed[name] = replacement
                    copies.append(changed)
                }
            }
            for copy in copies {
                if let byHand = AccessRecord(readingByHand: copy) {
                    #expect(byHand == Self.decoded(copy), "\(CanonicalJSON.string(.object(copy)))")
                    readByHand += 1
                } else {
                    leftToTheDecoder += 1
                }
            }
        }
        #expect(readByHand > 50 && leftToTheDecoder > 100, "both ways are exercised (\(readByHand), \(leftToTheDecoder))")
    }
}
