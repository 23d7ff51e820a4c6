import Foundation
import ParcoursClinical
import ParcoursLog
@testable import parcours
import ParcoursStore
import Testing

@Suite("Drawing a participant id at admission")
struct ParticipantIDTests {
    @Test("a random id that meets an existing participant is drawn again, never admitted into her stream")
    func collision() throws {
        let (cli, existing) = try RecordTests.admitted()
        let store = try Store.open(at: cli.store.path)
        let master = try store.unlockMaster(passphrase: CLI.masterPassphrase)
        var draws = [existing, existing, "P-NEW001"].makeIterator()
        var records: [String: ParticipantRecord] = [:]
        let request = try JSONParser.parse(RecordTests.act("participant.enrolled", RecordTests.admission))
        let (draft, participant, _) = try RecordCommand.prepare(request, store: store, master: master, records: &records,
                                                                 newParticipantID: { draws.next()! })
        #expect(participant == "P-NEW001")
        #expect(draft.stream == "participant/P-NEW001")
        var same = [existing].makeIterator()
        #expect(throws: CommandError.self) {
            _ = try RecordCommand.prepare(request, store: store, master: master, records: &records, newParticipantID: { same.next() ?? existing })
        }
    }
}
