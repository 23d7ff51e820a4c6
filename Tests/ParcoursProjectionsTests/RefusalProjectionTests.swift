import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

@Suite("Projections: refusals of access")
struct RefusalProjectionTests {
    static let person = "P-5R8F2K"

    func admit(_ fixture: ProjectionFixture) throws {
        try fixture.record("participant.enrolled", Self.person, at: "2026-01-05T10:00:00.000Z", ProjectionTests.enrolment)
        try fixture.record("careteam.assigned", Self.person, at: "2026-01-05T10:05:00.000Z", ["clinician": "clin-0001"])
    }

    @Test("a refusal shows in the journey, its timeline and refusedOrganizations, never with the person's words in the summary")
    func refusalShows() async throws {
        let fixture = try ProjectionFixture()
        try admit(fixture)
        let id = try fixture.record("consent.refused", Self.person, at: "2026-02-10T14:00:00.000Z", [
            "scope": ["kind": "organization", "value": "SPVM — Les Survivantes"], "decidedBy": "participant",
            "reason": "des mots fictifs de la personne",
        ]).id
        try fixture.record("consent.refused", Self.person, at: "2026-02-11T14:00:00.000Z", [
            "scope": ["kind": "clinician", "value": "clin-0002"], "decidedBy": "participant",
        ])
        try fixture.record("consent.refused", Self.person, at: "2026-02-12T14:00:00.000Z", ["scope": ["kind": "research"], "decidedBy": "tutor"])
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.refusals.count == 3)
        let first = try #require(journey.refusals.first)
        #expect(first.id == id && first.on == "2026-02-10" && first.decidedBy == .participant && first.liftedOn == nil)
        #expect(first.scope.kind == .organization && first.scope.value == "SPVM — Les Survivantes")
        #expect(first.reason == "des mots fictifs de la personne")
        #expect(journey.refusedOrganizations == ["SPVM — Les Survivantes"])
        #expect(journey.refusedClinicians == ["clin-0002"])
        #expect(journey.researchRefused)
        let entry = try #require(journey.timeline.first { $0.id == id })
        #expect(entry.type == "consent.refused")
        #expect(entry.summary == "Refus d'accès — organisation SPVM — Les Survivantes")
        #expect(entry.englishSummary == "Refusal of access — organization SPVM — Les Survivantes")
        #expect(journey.timeline.contains { $0.summary == "Refus d'accès — intervenant·e clin-0002" })
        #expect(journey.timeline.allSatisfy { !$0.summary.contains("mots fictifs") && $0.englishSummary?.contains("mots fictifs") == false })
        #expect(journey.lastContactOn == "2026-02-12")
    }

    @Test("a later consent.given with the same scope lifts the refusal; another scope does not")
    func consentLifts() async throws {
        let fixture = try ProjectionFixture()
        try admit(fixture)
        try fixture.record("consent.refused", Self.person, at: "2026-02-10T14:00:00.000Z", [
            "scope": ["kind": "organization", "value": "CODIM"], "decidedBy": "participant",
        ])
        try fixture.record("consent.refused", Self.person, at: "2026-02-10T15:00:00.000Z", [
            "scope": ["kind": "organization", "value": "L'Anonyme"], "decidedBy": "participant",
        ])
        await #expect(try fixture.reader.journey(of: Self.person).refusedOrganizations == ["CODIM", "L'Anonyme"])
        try fixture.record("consent.given", Self.person, at: "2026-03-01T10:00:00.000Z", [
            "scope": ["kind": "organization", "value": "CODIM"], "categories": ["stages"], "decidedBy": "participant",
        ])
        try fixture.record("consent.given", Self.person, at: "2026-03-02T10:00:00.000Z", [
            "scope": ["kind": "research"], "categories": ["stages"], "decidedBy": "participant",
        ])
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.refusedOrganizations == ["L'Anonyme"])
        #expect(journey.refusals.map(\.liftedOn) == ["2026-03-01", nil])
        #expect(!journey.researchRefused)
        // Refused again later: the latest decision wins.
        try fixture.record("consent.refused", Self.person, at: "2026-04-01T10:00:00.000Z", [
            "scope": ["kind": "organization", "value": "CODIM"], "decidedBy": "participant",
        ])
        await #expect(try fixture.reader.journey(of: Self.person).refusedOrganizations == ["CODIM", "L'Anonyme"])
    }

    @Test("following the log and rebuilding agree on refusals")
    func rebuildAgrees() async throws {
        let fixture = try ProjectionFixture()
        try admit(fixture)
        try fixture.record("consent.refused", Self.person, at: "2026-02-10T14:00:00.000Z", [
            "scope": ["kind": "organization", "value": "CODIM"], "decidedBy": "participant",
        ])
        let followed = try await fixture.reader.journey(of: Self.person)
        try fixture.record("consent.given", Self.person, at: "2026-03-01T10:00:00.000Z", [
            "scope": ["kind": "organization", "value": "CODIM"], "categories": ["stages"], "decidedBy": "participant",
        ])
        let lifted = try await fixture.reader.journey(of: Self.person)
        #expect(followed.refusedOrganizations == ["CODIM"] && lifted.refusedOrganizations.isEmpty)
        let before = try fixture.tables()
        try await fixture.projector.rebuild()
        #expect(try fixture.tables() == before)
    }
}
