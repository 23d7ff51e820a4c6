import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import Testing

/// The journey read with a second read that comes with it (the care team's look at who opened
/// the record): both decided on one context, recorded in one write, the journey's first.
@Suite("Consent-aware reads: a journey and the read that comes with it")
struct ConsentAwareReaderTests {
    static let person = "P-TEST01"
    static let careTeam = Reader(id: "clin-0001", roles: ["clinician"], organization: "En Marge 12-17")
    static let stranger = Reader(id: "clin-0002", roles: ["clinician"], organization: "Organisme Exemple")

    /// Every write the reader asks for, each a list of records written together.
    final class Writes: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [[AccessRecord]] = []
        var failing = false
        func add(_ records: [AccessRecord]) throws {
            try lock.withLock {
                if failing { throw LogError.storeDamaged("the access log cannot be written (test)") }
                all.append(records)
            }
        }
        var values: [[AccessRecord]] { lock.withLock { all } }
    }

    func admitted() throws -> ProjectionFixture {
        let fixture = try ProjectionFixture()
        try fixture.record("participant.enrolled", Self.person, at: "2026-01-05T10:00:00.000Z", ProjectionTests.enrolment)
        try fixture.record("careteam.assigned", Self.person, at: "2026-01-05T10:05:00.000Z", ["clinician": "clin-0001"])
        return fixture
    }

    func views(_ fixture: ProjectionFixture, _ writes: Writes) -> ConsentAwareReader {
        ConsentAwareReader(projections: fixture.reader) { records in try writes.add(records) }
    }

    func read(_ views: ConsentAwareReader, as reader: Reader, breakGlass: String? = nil,
              look: AccessView = .accessLog) async throws -> (Journey, AccessDecision, AccessDecision?) {
        let read = try await views.journey(of: Self.person, for: reader, breakGlass: breakGlass, organizations: [:], today: "2026-12-03") { _, context in
            AccessRequest(reader: reader, view: look, participant: context, purpose: .care)
        }
        return (read.journey, read.decision, read.alongside)
    }

    @Test("the care team's read and its look are recorded in one write, the journey's first, both permitted")
    func oneWrite() async throws {
        let fixture = try admitted()
        let writes = Writes()
        let (journey, decision, look) = try await read(views(fixture, writes), as: Self.careTeam)
        #expect(journey.participant == Self.person && decision.permitted && look?.permitted == true)
        #expect(writes.values.count == 1, "one durable write for the two reads")
        let records = try #require(writes.values.first)
        #expect(records.map(\.view) == [.journey, .accessLog] && records.allSatisfy { $0.outcome == .permitted && $0.actor.rawValue == "clin-0001" })
        #expect(records.allSatisfy { $0.participant?.rawValue == Self.person && $0.purpose == .care })
    }

    @Test("a second read the policy refuses is recorded beside the journey's and returned refused, not thrown")
    func refusedLook() async throws {
        let fixture = try admitted()
        let writes = Writes()
        // A clinician never exports for care: the policy refuses that view to the role.
        let (_, decision, look) = try await read(views(fixture, writes), as: Self.careTeam, look: .export)
        #expect(decision.permitted && look?.permitted == false)
        #expect(writes.values.map { $0.map(\.outcome) } == [[.permitted, .denied]])
    }

    @Test("a refused journey is recorded alone and thrown; nothing comes with it")
    func refusedJourney() async throws {
        let fixture = try admitted()
        let writes = Writes()
        await #expect(throws: ConsentAwareReader.Denied.self) { try await read(views(fixture, writes), as: Self.stranger) }
        #expect(writes.values.count == 1 && writes.values[0].count == 1)
        #expect(writes.values[0][0].view == .journey && writes.values[0][0].outcome == .denied)
    }

    @Test("through the glass the justification is recorded for review; when the access log cannot be written, nothing is returned")
    func glassAndFailure() async throws {
        let fixture = try admitted()
        let writes = Writes()
        let views = views(fixture, writes)
        let (_, decision, _) = try await read(views, as: Self.stranger, breakGlass: "une justification fictive assez longue")
        #expect(decision.brokeGlass)
        let glass = try #require(writes.values.last?.first)
        #expect(glass.justification == "une justification fictive assez longue" && glass.review)
        writes.failing = true
        await #expect(throws: LogError.self) { try await read(views, as: Self.careTeam) }
    }
}
