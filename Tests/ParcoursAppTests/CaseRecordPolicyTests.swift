import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

/// The access policy as every front meets it: through the application's use cases, in process.
@Suite("The case record's use cases under the one policy")
struct CaseRecordPolicyTests {
    @Test("an admission creates the care team with the admitting clinician, who then reads the whole journey")
    func admissionCreatesCareTeam() async throws {
        let app = try await AppFixture()
        let written = try await app.caseRecord.record([try AppFixture.act("participant.enrolled", AppFixture.admission)],
                                                      by: app.identity(AppFixture.admitting))
        #expect(written.map(\.type) == ["participant.enrolled", "careteam.assigned"])
        #expect(written.map(\.implied) == [false, true])
        let (journey, decision) = try await app.caseRecord.journey(of: written[0].participant, by: app.identity(AppFixture.admitting))
        #expect(journey.careTeam == [AppFixture.admitting])
        #expect(decision.categories == Set(InformationCategory.allCases))
        #expect(journey.admission?.name == "Personne Fictive")
    }

    @Test("a clinician outside the care team is refused a write: nothing reaches the event log, the refusal is recorded")
    func strangerRefused() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        let before = try app.sizes()
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.record([try AppFixture.act("session.held", participant: participant, AppFixture.session)],
                                            by: app.identity(AppFixture.stranger))
        }
        #expect(try app.sizes().events == before.events)
        let refusal = try #require(try app.accessRecords().last)
        #expect(refusal["actor"] == .string(AppFixture.stranger) && refusal["outcome"] == "denied" && refusal["act"] == "session.held")
        #expect(refusal["participant"] == .string(participant) && refusal["reason"] == "not in the care team")
    }

    @Test("a name typed where an act type or a care-team clinician goes is refused naming the field, and never reaches the access log")
    func namesNeverReachTheAccessLog() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        let before = try app.sizes()
        // A stranger to the care team would be refused by the policy, and the refusal recorded: the syntax is checked first.
        await #expect(throws: ActRefused.self) {
            try await app.caseRecord.record([try AppFixture.act("careteam.assigned", participant: participant,
                                                                ["clinician": "Personne Fictive Exemple", "reason": "relève"])],
                                            by: app.identity(AppFixture.stranger))
        }
        do {
            _ = try AppFixture.act("Personne Fictive", participant: participant, AppFixture.session)
            Issue.record("an act type that is not one was accepted")
        } catch let refused as ActRefused {
            #expect(refused.field == "type" && refused.reason.hasPrefix("one of participant.enrolled"))
        }
        let after = try app.sizes()
        #expect(after.events == before.events && after.access == before.access)
        let logged = try app.accessRecords().map { String(decoding: CanonicalJSON.encode(.object($0)), as: UTF8.self) }.joined()
        #expect(!logged.contains("Personne Fictive"))
    }

    @Test("breaking the glass writes the act, with the justification recorded and marked for review in the same transaction")
    func breakGlassWrite() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        let written = try await app.caseRecord.record([try AppFixture.act("session.held", participant: participant, AppFixture.session)],
                                                      by: app.identity(AppFixture.stranger), breakGlass: AppFixture.justification)
        #expect(written.count == 1 && !written[0].result.existing)
        let record = try #require(try app.accessRecords().last)
        #expect(record["actor"] == .string(AppFixture.stranger) && record["purpose"] == "break-glass" && record["review"] == true)
        #expect(record["justification"] == .string(AppFixture.justification))
    }

    @Test("a coordinator of the team's organization adds a colleague, who may then record; the change is in the access log")
    func coordinatorChangesCareTeam() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        _ = try await app.caseRecord.record([try AppFixture.act("careteam.assigned", participant: participant,
                                                                ["clinician": .string(AppFixture.colleague), "reason": "relève"])],
                                            by: app.identity(AppFixture.coordinator))
        let written = try await app.caseRecord.record([try AppFixture.act("session.held", participant: participant, AppFixture.session)],
                                                      by: app.identity(AppFixture.colleague))
        #expect(written.map(\.type) == ["session.held"])
        let change = try #require(try app.accessRecords().first { $0["act"] == "careteam.assigned" && $0["actor"] == .string(AppFixture.coordinator) })
        #expect(change["clinician"] == .string(AppFixture.colleague) && change["outcome"] == "permitted")
    }

    @Test("an identity not proven reads nothing; the attempt is recorded, a mistyped id only as a digest")
    func identityNotProven() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        await #expect(throws: StoreError.self) {
            try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting, passphrase: "pas-la-bonne"))
        }
        let wrong = try #require(try app.accessRecords().last)
        #expect(wrong["actor"] == .string(AppFixture.admitting) && wrong["outcome"] == "denied" && wrong["reason"] == "identity not proven")
        await #expect(throws: AppError.invalidInput(field: "actor", reason: "an actor id: 1 to 64 lowercase letters, digits, '.', '_' or '-'")) {
            try await app.caseRecord.journey(of: participant, by: app.identity("Personne Fictive 2010-05-01"))
        }
        let mistyped = try #require(try app.accessRecords().last)
        #expect(mistyped["actor"]?.stringValue?.hasPrefix("unproven-") == true && mistyped["reason"] == "unknown actor")
        #expect(try app.accessRecords().allSatisfy { !CanonicalJSON.string(.object($0)).contains("Personne Fictive") })
    }

    @Test("the program's picture is a coordinator's: a clinician is refused, and the refusal says which role is needed")
    func programForCoordinators() async throws {
        let app = try await AppFixture()
        _ = try await app.admitted()
        let picture = try await app.caseRecord.program(by: app.identity(AppFixture.coordinator))
        #expect(picture.openFollowUps == 1)
        do {
            _ = try await app.caseRecord.program(by: app.identity(AppFixture.admitting))
            Issue.record("a clinician read the program's picture")
        } catch let denied as ConsentAwareReader.Denied {
            #expect(denied.decision.denial == .roleNotPermitted && denied.description.contains("coordinator"))
        }
        for text in ["demain", "2026-02-30", "2026-1-5", "26-11-23"] {
            #expect(throws: AppError.invalidInput(field: "to", reason: "a day as YYYY-MM-DD, such as 2026-11-23")) { try Day(checking: text, field: "to") }
        }
        let leap = try #require(Day("2028-02-29"))
        #expect(leap.yearBefore == Day("2027-02-28"))
        let period = try await app.caseRecord.program(from: Day("2026-01-01"), to: Day("2026-12-31"), by: app.identity(AppFixture.coordinator))
        #expect(period.from == "2026-01-01" && period.to == "2026-12-31")
    }

    @Test("a caseload is the reader's own by default; another clinician's is supervision, refused to a clinician")
    func caseloads() async throws {
        let app = try await AppFixture()
        let participant = try await app.admitted()
        let own = try await app.caseRecord.caseload(by: app.identity(AppFixture.admitting))
        #expect(own.clinician == AppFixture.admitting && own.entries.map(\.participant) == [participant])
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.caseload(of: ActorID(AppFixture.admitting)!, by: app.identity(AppFixture.colleague))
        }
        let supervised = try await app.caseRecord.caseload(of: ActorID(AppFixture.admitting)!, by: app.identity(AppFixture.coordinator))
        #expect(supervised.entries.map(\.participant) == [participant])
    }

    @Test("an empty batch is refused naming the field, and nothing is written")
    func emptyBatch() async throws {
        let app = try await AppFixture()
        let before = try app.sizes()
        await #expect(throws: AppError.invalidInput(field: "acts", reason: "at least one act")) {
            try await app.caseRecord.record([], by: app.identity(AppFixture.admitting))
        }
        #expect(try app.sizes() == before)
    }
}
