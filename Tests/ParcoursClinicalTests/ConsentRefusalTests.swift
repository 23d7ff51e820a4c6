import Foundation
import Testing
@testable import ParcoursClinical

/// `consent.refused`: a named clinician, an organization or researchers, decided by the
/// participant or, under 14, by the holder of parental authority or the tutor.
@Suite("Clinical rules: consent refused")
struct ConsentRefusalTests {
    typealias Rules = ClinicalRulesTests

    static func refusal(_ scope: [String: Any], by decider: String = "participant", reason: String? = nil) -> Data {
        var object: [String: Any] = ["scope": scope, "decidedBy": decider]
        if let reason { object["reason"] = reason }
        return Rules.json(object)
    }

    func check(_ data: Data, record: ParticipantRecord = MoreClinicalRulesTests.admitted(born: "2008-01-01")) throws(ClinicalError) -> [ClinicalWarning] {
        do { return try ClinicalRecorder.check(type: "consent.refused", data: data, occurredAt: Rules.when, record: record, now: Rules.now) } catch {
            FrenchReasons.expectFrench(error)
            throw error
        }
    }

    func field(_ data: Data, record: ParticipantRecord = MoreClinicalRulesTests.admitted(born: "2008-01-01")) -> String? {
        do { _ = try check(data, record: record); return nil } catch { return error.field }
    }

    @Test("a refusal of a named clinician, an organization or researchers is accepted, with or without the person's words")
    func accepted() throws {
        #expect(try check(Self.refusal(["kind": "clinician", "value": "clin-0002"])).isEmpty)
        #expect(try check(Self.refusal(["kind": "organization", "value": "SPVM — Les Survivantes"], reason: "je ne veux pas")).isEmpty)
        #expect(try check(Self.refusal(["kind": "research"])).isEmpty)
        let thirteen = MoreClinicalRulesTests.admitted(born: "2013-06-01")
        #expect(try check(Self.refusal(["kind": "research"], by: "parental-authority"), record: thirteen).isEmpty)
        #expect(try check(Self.refusal(["kind": "organization", "value": "CODIM"], by: "tutor"), record: thirteen).isEmpty)
    }

    @Test("the program itself is not a scope a refusal names")
    func programRefused() {
        #expect(field(Self.refusal(["kind": "program"])) == "data.scope.kind")
        #expect(field(Self.refusal(["kind": "nowhere"])) == "data.scope.kind")
    }

    @Test("a clinician or an organization is named; researchers are not")
    func scopeValue() {
        #expect(field(Self.refusal(["kind": "clinician"])) == "data.scope.value")
        #expect(field(Self.refusal(["kind": "organization"])) == "data.scope.value")
        #expect(field(Self.refusal(["kind": "organization", "value": "  "])) == "data.scope.value")
        #expect(field(Self.refusal(["kind": "clinician", "value": ""])) == "data.scope.value")
        #expect(field(Self.refusal(["kind": "research", "value": "Étude fictive"])) == "data.scope.value")
    }

    @Test("under 14, the participant does not refuse alone")
    func under14() {
        let thirteen = MoreClinicalRulesTests.admitted(born: "2013-06-01")
        #expect(field(Self.refusal(["kind": "clinician", "value": "clin-0002"]), record: thirteen) == "data.decidedBy")
        #expect(field(Self.refusal(["kind": "clinician", "value": "clin-0002"]), record: MoreClinicalRulesTests.admitted(born: "2011-06-01")) == nil)
    }

    @Test("its shape: unknown members, a missing decider, an unknown decider")
    func shape() {
        #expect(field(Rules.json(["scope": ["kind": "research"], "decidedBy": "participant", "categories": ["stages"]])) == "data.categories")
        #expect(field(Rules.json(["scope": ["kind": "research"]])) == "data.decidedBy")
        #expect(field(Self.refusal(["kind": "research"], by: "friend")) == "data.decidedBy")
        #expect(field(Rules.json(["decidedBy": "participant"])) == "data.scope")
        #expect(throws: ClinicalError.self) { try ClinicalRecorder.checkShape(type: "consent.refused", data: Self.refusal(["kind": "program"])) }
    }

    @Test("recorded, it reads back as a refusal with its French label")
    func readBack() throws {
        let data = Self.refusal(["kind": "organization", "value": "CODIM"], reason: "mes mots")
        let act = try #require(RecordedAct.decode(type: "consent.refused", data: data, schema: 1))
        guard case .refusal(let refusal) = act.act else { Issue.record("not a refusal"); return }
        #expect(refusal.scope.kind == .organization && refusal.scope.value == "CODIM")
        #expect(refusal.decidedBy == .participant && refusal.reason == "mes mots")
        #expect(ClinicalActType.consentRefused.frenchLabel == "refus d'accès")
        #expect(ClinicalActType.consentRefused.currentSchema == 1)
    }
}
