import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursSQLite
import Testing

@Suite("Every clinical act through the log")
struct ActRoundTripTests {
    @Test("each type of act is sealed, signed, read back equal, and read back as its typed act")
    func everyType() throws {
        let fixture = try ProjectionFixture()
        let drafts = ProjectionFixture.generated(participants: 24, seed: 21)
        #expect(Set(drafts.map(\.type)) == Set(ClinicalActType.allCases.map(\.rawValue)), "the generator covers every type")
        try fixture.store.append(drafts, by: fixture.clinician, master: fixture.master)
        var stored: [String: StoredEvent] = [:]
        for stream in Set(drafts.map(\.stream)) {
            for event in try fixture.store.events(inStream: stream, master: fixture.master) { stored[event.envelope.id] = event }
        }
        var checked: Set<String> = []
        for draft in drafts {
            let event = try #require(stored[draft.id!])
            #expect(event.envelope.payload.isSealed, "\(draft.type) is sealed")
            #expect(event.envelope.author.actor == "clin-0001")
            guard case .opened(let data) = event.content else { Issue.record("\(draft.type) does not open"); continue }
            #expect(data == draft.data, "\(draft.type) reads back equal")
            let typed = RecordedAct.decode(type: draft.type, data: Data(CanonicalJSON.encode(.object(data))), schema: event.envelope.schema)
            #expect(typed?.type.rawValue == draft.type, "\(draft.type) reads back as its typed act")
            checked.insert(draft.type)
        }
        #expect(checked.count == ClinicalActType.allCases.count)
        // Signed: every record verifies (signatures, chain, tree) in the store.
        _ = try fixture.store.verify()
    }
}
