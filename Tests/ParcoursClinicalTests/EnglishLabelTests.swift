import Foundation
import Testing
@testable import ParcoursClinical

/// Every word of the domain's vocabularies has its English beside its French: none
/// forgotten, none empty, none judging.
@Suite("English labels")
struct EnglishLabelTests {
    /// Words the English must never use of a person's path (a relapse is part of it).
    static let judging = ["fail", "relapser", "bad", "noncompliant", "non-compliant", "dropout", "drop-out"]

    static func expectLabels<Value>(_ values: [Value], _ english: (Value) -> String, _ french: (Value) -> String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!values.isEmpty, sourceLocation: sourceLocation)
        for value in values {
            let label = english(value)
            #expect(!label.trimmingCharacters(in: .whitespaces).isEmpty, "\(value)", sourceLocation: sourceLocation)
            #expect(!french(value).isEmpty, "\(value)", sourceLocation: sourceLocation)
            #expect(!judging.contains { label.lowercased().contains($0) }, "\(value): \(label)", sourceLocation: sourceLocation)
        }
        // Two words never share one English label, as they never share one French label.
        #expect(Set(values.map(english)).count == Set(values.map(french)).count, sourceLocation: sourceLocation)
    }

    @Test("act types") func actTypes() { Self.expectLabels(ClinicalActType.allCases, \.englishLabel, \.frenchLabel) }
    @Test("wheel stages") func wheel() { Self.expectLabels(WheelStage.allCases, \.englishLabel, \.frenchLabel) }
    @Test("engagement steps") func engagement() { Self.expectLabels(EngagementStep.allCases, \.englishLabel, \.frenchLabel) }
    @Test("resource kinds") func resources() { Self.expectLabels(Referral.ResourceKind.allCases, \.englishLabel, \.frenchLabel) }
    @Test("urgencies") func urgencies() { Self.expectLabels(Referral.Urgency.allCases, \.englishLabel, \.frenchLabel) }
    @Test("referral statuses") func statuses() { Self.expectLabels(ReferralUpdate.Status.allCases, \.englishLabel, \.frenchLabel) }
    @Test("session kinds") func sessions() { Self.expectLabels(SessionRecord.Kind.allCases, \.englishLabel, \.frenchLabel) }
    @Test("danger levels") func danger() { Self.expectLabels(SafetyAssessment.DangerLevel.allCases, \.englishLabel, \.frenchLabel) }
    @Test("legal bases") func legalBases() { Self.expectLabels(LegalDisclosure.LegalBasis.allCases, \.englishLabel, \.frenchLabel) }
    @Test("relapse kinds") func relapses() { Self.expectLabels(RelapseRecord.Kind.allCases, \.englishLabel, \.frenchLabel) }
    @Test("information categories") func categories() { Self.expectLabels(InformationCategory.allCases, \.englishLabel, \.frenchLabel) }
    @Test("the forms' vocabularies: objectives, signals, relapse factors, risks, sessions, survival strategies, consent")
    func formVocabularies() {
        Self.expectLabels(PlanRevision.ObjectiveStatus.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(FallPlanRevision.SignalKind.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(RelapseRecord.Factor.Origin.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(RelapseRecord.Factor.Category.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(SafetyAssessment.Risk.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(SessionRecord.Process.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(SessionRecord.Technique.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(TraumaObservation.SurvivalStrategy.allCases, \.englishLabel, \.frenchLabel)
        Self.expectLabels(ConsentDecision.Decider.allCases, \.englishLabel, \.frenchLabel)
    }

    @Test("consent scopes, with the organization or clinician they name")
    func scopes() {
        let scopes = ConsentDecision.ScopeKind.allCases.map { kind in
            ConsentDecision.Scope(kind: kind, value: [.organization, .clinician].contains(kind) ? "CODIM" : nil)
        }
        Self.expectLabels(scopes, \.englishLabel, \.frenchLabel)
        #expect(ConsentDecision.Scope(kind: .organization, value: "CODIM").englishLabel == "organization CODIM")
    }

    @Test("the literature's words: Prochaska & DiClemente's stages, a « chute » a relapse (the domain's word, as everywhere else in English), never a failure")
    func literature() {
        #expect(WheelStage.precontemplation.englishLabel == "precontemplation")
        #expect(WheelStage.maintenance.englishLabel == "maintenance")
        #expect(WheelStage.determination.englishLabel.contains("preparation"))
        #expect(EngagementStep.honeymoon.englishLabel == "honeymoon")
        #expect(EngagementStep.crisis.englishLabel == "crisis")
        #expect(ClinicalActType.relapseRecorded.englishLabel == "relapse")
        #expect(InformationCategory.relapses.englishLabel == "relapses")
    }
}
