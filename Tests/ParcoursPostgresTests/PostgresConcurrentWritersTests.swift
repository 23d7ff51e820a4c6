import Foundation
import ParcoursApp
import ParcoursAppTesting
import ParcoursLog
import ParcoursProjections
import Synchronization
import Testing
@testable import ParcoursPostgres

/// Clinicians recording on several servers at once while every server's projector follows
/// the log. Each act is decided against the participant's record as the log stands; under
/// READ COMMITTED a projector committing in the middle of that reading once made a writer
/// count acts twice and draft a version the log refused — a "service unavailable" for the
/// clinician (found by `Tools/bench-postgres`: 1 to 2 answers in 700 with 8 to 32 writers).
@Suite("PostgreSQL writers and projectors at once")
struct PostgresConcurrentWritersTests {
    @Test("a writer reads how far a participant's row goes with the row itself: the projections' position, read apart and moved by another server's projector, changes nothing")
    func rowCarriesItsOwnPosition() async throws {
        let founded = try PostgresFoundedStore()
        let server = try founded.server()
        try await server.record(ConformanceProjections.admission(of: "P-TENU01", on: "2026-11-02"))
        try await server.record([ConformanceProjections.stage(of: "P-TENU01", on: "2026-11-03", step: "crisis", wheel: "contemplation")])
        try await Projector(store: server.store).catchUp()
        let acts = try await server.store.read { source in try source.stream(of: "P-TENU01").filter { $0.payload != nil }.count }
        let seen = Mutex<[Int]>([])
        struct Rollback: Error {}
        await #expect(throws: Rollback.self) {
            _ = try await server.store.append(preparing: { source in
                // What a writer read, under READ COMMITTED, when a projector committed between two of its statements:
                // the position from before, the rows from after.
                try (source as! PostgresProjectionTransaction).session.rows("UPDATE projection_position SET position = 0")
                for whole in [false, true] {
                    let current = try #require(try Projector.current(of: "P-TENU01", in: source, whole: whole))
                    seen.withLock { $0.append(current.record.acts) }
                }
                throw Rollback()
            }, by: founded.clinician)
        }
        #expect(seen.withLock { $0 } == [acts, acts], "acts counted by a writer drafting with the position behind the rows (\(acts) recorded)")
    }

    @Test("clinicians recording through two servers at once, both servers' projectors following: every act recorded, in order, none refused")
    func recordingThroughTwoServers() async throws {
        let database = try PostgresTestDatabase()
        let store = try await PostgresCaseStore.create(url: database.url, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                                       adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                                       masterPassphrase: ConformancePeople.masterPassphrase)
        let first = try await CaseRecord.open(store, masterPassphrase: ConformancePeople.masterPassphrase)
        let admin = Identity(actor: ConformancePeople.admin, signer: PassphraseSigner { ConformancePeople.passphrase })
        _ = try await first.enrol(actor: ActorID("clin-concurrent")!, name: "Personne Exemple", organization: "Organisme Exemple",
                                  roles: [.clinician], passphrase: ConformancePeople.passphrase, by: admin)
        let clinician = Identity(actor: "clin-concurrent",
                                 signer: ProvenSigner(try await store.unlockActor("clin-concurrent", passphrase: ConformancePeople.passphrase)))
        let second = try await CaseRecord.open(try await PostgresCaseStore.open(url: database.url), masterPassphrase: ConformancePeople.masterPassphrase)

        var participants: [String] = []
        for _ in 0..<3 {
            participants.append(try await first.record([try Self.act("participant.enrolled", nil, Self.admission)], by: clinician)[0].participant)
        }
        let participantIDs = participants
        let (writers, actsEach) = (8, 12)
        let refusals = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var refused: [String] = []
                    for act in 0..<actsEach {
                        let participant = participantIDs[(writer + act) % participantIDs.count]
                        do {
                            _ = try await (writer.isMultiple(of: 2) ? first : second).record(
                                [try Self.act("session.held", participant, Self.session)], by: clinician)
                        } catch {
                            refused.append(OperatorSummary.of(error))
                        }
                    }
                    return refused
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(refusals.isEmpty, "acts refused under concurrent recording: \(refusals)")
        let master = try await store.unlockMaster(passphrase: ConformancePeople.masterPassphrase)
        let sessions = try await store.events(inStream: Identifiers.participantStreamPrefix + participantIDs[0], master: master)
        #expect(sessions.map(\.envelope.version) == Array(0..<UInt64(sessions.count)), "the stream's versions are gapless, in order")
        var total = 0
        for participant in participantIDs {
            total += try await store.events(inStream: Identifiers.participantStreamPrefix + participant, master: master)
                .filter { $0.envelope.type == "session.held" }.count
        }
        #expect(total == writers * actsEach - refusals.count, "every acknowledged act is in the log once")
    }

    static func act(_ type: String, _ participant: String?, _ data: JSONValue) throws -> ActRequest {
        var object: [String: JSONValue] = ["type": .string(type), "occurredAt": "2026-11-20T10:00:00.000Z", "data": data]
        if let participant { object["participant"] = .string(participant) }
        return try ActRequest(json: .object(object))
    }

    static let admission: JSONValue = [
        "identity": ["name": "Personne Fictive", "dateOfBirth": "2010-05-01"], "genderIdentity": "non-binary",
        "preferredLanguage": "fr", "referringOrganization": "Organisme Exemple", "voluntary": true, "recognizesHarms": true,
    ]
    static let session: JSONValue = ["kind": "accompaniment", "minutes": 45, "processes": ["engaging"], "techniques": ["open-questions"]]
}
