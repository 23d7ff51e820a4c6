import ParcoursClinical

/// The one place the journey's charts and panels name a term of the clinical vocabularies
/// (a wheel stage, an engagement step, a relapse's kind). Only French labels exist in the
/// vocabularies today: when they get English ones, this function is the one to change.
enum JourneyVocabulary {
    static func label(_ term: some FrenchLabelledTerm, in language: Language) -> String {
        term.frenchLabel
    }
}

/// A vocabulary term with a French label, as `JourneyVocabulary` reads it.
protocol FrenchLabelledTerm {
    var frenchLabel: String { get }
}

extension WheelStage: FrenchLabelledTerm {}
extension EngagementStep: FrenchLabelledTerm {}
extension RelapseRecord.Kind: FrenchLabelledTerm {}
