import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Synchronization
import Testing

@Suite("Drawing a participant id at admission")
struct ParticipantIDTests {
    @Test("a random id that meets an existing participant is drawn again, never admitted into her stream")
    func collision() async throws {
        let (cli, existing) = try RecordTests.admitted()
        let store = try Store.open(at: cli.store.path)
        let master = try store.unlockMaster(passphrase: CLI.masterPassphrase)
        let author = try store.unlockActor(RecordTests.clinician, passphrase: CLI.newPassphrase)
        let writer = ConsentAwareWriter(store: store.projections(master: master)) { _ in }
        let who = ConsentAwareWriter.Writer(reader: Reader(id: RecordTests.clinician, roles: ["clinician"], organization: "CODIM"),
                                            author: author, breakGlass: nil, directory: try store.currentDirectory())
        let request = try ActRequest(json: try JSONParser.parse(RecordTests.act("participant.enrolled", RecordTests.admission)))
        let draws = Draws([existing, existing, "P-NEW001"])
        let written = try await writer.record([request], by: who, today: "2026-11-20", newParticipantID: draws.next)
        #expect(written.map(\.participant) == ["P-NEW001", "P-NEW001"])
        #expect(written.map(\.result.stream) == ["participant/P-NEW001", "participant/P-NEW001"])
        #expect(written.map(\.type) == ["participant.enrolled", "careteam.assigned"])
        await #expect(throws: ActRefused.self) {
            _ = try await writer.record([request], by: who, today: "2026-11-20", newParticipantID: { existing })
        }
    }

    /// The ids an admission draws, in turn (the writer draws inside the store's transaction).
    final class Draws: Sendable {
        let ids: Mutex<[String]>
        init(_ ids: [String]) { self.ids = Mutex(ids) }
        @Sendable func next() -> String { ids.withLock { $0.removeFirst() } }
    }
}
