import ParcoursAccess
import ParcoursClinical
import ParcoursProjections

/// A term of one of the framework's vocabularies (a stage, a kind of referral, a risk…): its
/// code, and the words the program's people use for it.
protocol VocabularyTerm: Sendable {
    var rawValue: String { get }
    var frenchLabel: String { get }
    var englishLabel: String { get }
}

/// Every vocabulary term the pages show is put in words here, in one place, in the page's language.
enum VocabularyLabel {
    static func label(_ term: some VocabularyTerm, in language: Language) -> String {
        language == .fr ? term.frenchLabel : term.englishLabel
    }

    /// An act's line of the timeline in the page's language (the French where a journey sealed
    /// before the English was kept lacks it).
    static func summary(_ entry: Journey.TimelineEntry, in language: Language) -> String {
        language == .fr ? entry.summary : entry.englishSummary ?? entry.summary
    }
}

extension EngagementStep: VocabularyTerm {}
extension WheelStage: VocabularyTerm {}
extension InformationCategory: VocabularyTerm {}
extension PlanRevision.ObjectiveStatus: VocabularyTerm {}
extension FallPlanRevision.SignalKind: VocabularyTerm {}
extension RelapseRecord.Kind: VocabularyTerm {}
extension RelapseRecord.Factor.Origin: VocabularyTerm {}
extension RelapseRecord.Factor.Category: VocabularyTerm {}
extension SafetyAssessment.Risk: VocabularyTerm {}
extension SafetyAssessment.DangerLevel: VocabularyTerm {}
extension SessionRecord.Kind: VocabularyTerm {}
extension SessionRecord.Process: VocabularyTerm {}
extension SessionRecord.Technique: VocabularyTerm {}
extension TraumaObservation.SurvivalStrategy: VocabularyTerm {}
extension ConsentDecision.ScopeKind: VocabularyTerm {}
extension ConsentDecision.Decider: VocabularyTerm {}
extension Referral.ResourceKind: VocabularyTerm {}
extension Referral.Urgency: VocabularyTerm {}
extension ReferralUpdate.Status: VocabularyTerm {}
extension LegalDisclosure.LegalBasis: VocabularyTerm {}
extension ClinicalActType: VocabularyTerm {}
extension Journey.ReferralEntry.Status: VocabularyTerm {}
extension AccessPurpose: VocabularyTerm {}
extension AccessView: VocabularyTerm {}
extension Role: VocabularyTerm {}
extension AccessDecision.Denial: VocabularyTerm {}
