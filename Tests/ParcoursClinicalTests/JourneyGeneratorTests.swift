import Foundation
import Testing
@testable import ParcoursClinical

@Suite("Synthetic journeys")
struct JourneyGeneratorTests {
    static func acts(seed: UInt64, count: Int = 40) -> [[JourneyGenerator.Act]] {
        var generator = JourneyGenerator(seed: seed, clinician: "clin-0001")
        return generator.journeys(count: count)
    }

    @Test("the same seed gives the same acts; another seed other acts")
    func deterministic() {
        #expect(Self.acts(seed: 7) == Self.acts(seed: 7))
        #expect(Self.acts(seed: 7) != Self.acts(seed: 8))
    }

    @Test("every generated act passes the framework's rules, in order, as record checks it")
    func followsTheRules() throws {
        let now = Date()
        for journey in Self.acts(seed: 11, count: 150) {
            var record: ParticipantRecord?
            for act in journey {
                _ = try ClinicalRecorder.record(type: act.type, data: act.data, occurredAt: act.occurredAt, id: act.id,
                                                participant: act.participant, into: &record, now: now)
            }
        }
    }

    @Test("journeys look like the framework: back-and-forth between stages, relapses, plans, referrals, disclosures for minors")
    func variety() throws {
        let all = Self.acts(seed: 3, count: 100).joined()
        let types = Set(all.map(\.type))
        for type in ["stage.assessed", "relapse.recorded", "plan.revised", "fall-plan.revised", "referral.made", "referral.updated",
                     "disclosure.legal", "consent.given", "consent.withdrawn", "consent.refused", "entry.corrected", "followup.closed", "followup.reopened",
                     "careteam.assigned", "careteam.released", "decisional-balance.recorded", "session.held", "safety.assessed",
                     "trauma.observed", "entry.voided", "obligations.explained", "participant.enrolled"] {
            #expect(types.contains(type), "\(type)")
        }
        // Some journey moves back on the engagement cycle at least once.
        let steps = EngagementStep.allCases.map(\.rawValue)
        let backwards = Self.acts(seed: 3, count: 100).contains { journey in
            let path = journey.filter { $0.type == "stage.assessed" }.compactMap { act -> Int? in
                let object = try? JSONSerialization.jsonObject(with: act.data) as? [String: Any]
                return (object?["engagementStep"] as? String).flatMap(steps.firstIndex(of:))
            }
            return zip(path, path.dropFirst()).contains { $1 < $0 }
        }
        #expect(backwards)
        // A refusal ends some journeys: an organization of the program, decided by whoever decides the consents.
        let refusals = Self.acts(seed: 3, count: 100).filter { $0.last?.type == "consent.refused" }
        #expect(!refusals.isEmpty)
        #expect(all.filter { $0.type == "consent.refused" }.count == refusals.count)
        for journey in refusals {
            let refusal = try #require(try JSONSerialization.jsonObject(with: journey.last!.data) as? [String: Any])
            let given = try #require(try JSONSerialization.jsonObject(with: journey.first { $0.type == "consent.given" }!.data) as? [String: Any])
            #expect((refusal["scope"] as? [String: Any])?["kind"] as? String == "organization")
            #expect(refusal["decidedBy"] as? String == given["decidedBy"] as? String)
        }
        // Names are synthetic.
        let names = all.filter { $0.type == "participant.enrolled" }.map { String(decoding: $0.data, as: UTF8.self) }
        #expect(names.allSatisfy { $0.contains("Personne Fictive") })
    }
}
