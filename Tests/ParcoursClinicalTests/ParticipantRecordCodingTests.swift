import Foundation
import Testing
@testable import ParcoursClinical

@Suite("The rules' record as the projections store it")
struct ParticipantRecordCodingTests {
    static let stage = "11111111-2222-4333-8444-555555555555"
    static let session = "66666666-7777-4888-8999-aaaaaaaaaaaa"
    static let otherStage = "00000000-2222-4333-8444-555555555555"

    func record() -> ParticipantRecord {
        var record = ParticipantRecord(participant: "P-TEST01")
        record.apply(type: "stage.assessed", id: Self.stage, recorded: nil)
        record.apply(type: "session.held", id: Self.session, recorded: nil)
        record.apply(type: "stage.assessed", id: Self.otherStage, recorded: nil)
        return record
    }

    @Test("the type of every act survives a round trip, stored as each type's ids in order")
    func roundTrip() throws {
        let original = record()
        let data = try JSONEncoder().encode(original)
        let decoded = try JSONDecoder().decode(ParticipantRecord.self, from: data)
        #expect(decoded == original)
        #expect(decoded.types[Self.session] == "session.held")
        let stored = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(stored["types"] == nil)
        #expect(stored["idsByType"] as? [String: String] == ["stage.assessed": "\(Self.otherStage) \(Self.stage)", "session.held": Self.session])
    }

    @Test("a record stored before, one member per act, still opens")
    func earlierForm() throws {
        let earlier = """
            {"participant":"P-TEST01","enrolled":true,"closed":false,"erased":false,"obligationsExplained":false,\
            "types":{"\(Self.stage)":"stage.assessed","\(Self.session)":"session.held"},"voided":[],"careTeam":["clin-a"],"acts":2}
            """
        let decoded = try JSONDecoder().decode(ParticipantRecord.self, from: Data(earlier.utf8))
        #expect(decoded.types == [Self.stage: "stage.assessed", Self.session: "session.held"])
        #expect(decoded.careTeam == ["clin-a"])
        #expect(decoded.acts == 2)
    }
}
