import ParcoursAccess
import ParcoursClinical
import ParcoursProjections

/// A communication of the register put in the reader's language: its recipient, purpose and
/// justification said from the codes it carries (`Communication.Terms`), not from the English
/// the register keeps for machines. What is free text (a disclosure's justification, a name)
/// is shown as it was written.
struct CommunicationWording {
    let recipient: String
    let purpose: String
    let justification: String

    init(_ item: Communication, language: Language) {
        func word(_ key: String) -> String { Catalogue.privacy[key]!(language) }
        let terms = item.terms
        switch item.kind {
        case .referral:
            let kind = terms.recipientKind.flatMap(Referral.ResourceKind.init(rawValue:)).map { VocabularyLabel.label($0, in: language) }
            recipient = terms.recipientName.map { name in kind.map { "\(name) (\($0))" } ?? name } ?? item.recipient
            purpose = word("purposeReferral")
            if let id = terms.consentID, let on = terms.consentOn {
                justification = "\(word("consentOf")) \(on) (\(id.prefix(8)))"
            } else {
                justification = word("noConsent")
            }
        case .legalDisclosure:
            recipient = item.recipient
            let basis = terms.legalBasis.flatMap(LegalDisclosure.LegalBasis.init(rawValue:)).map { VocabularyLabel.label($0, in: language) }
            purpose = basis.map { "\(word("purposeLegal")) \($0)" } ?? item.purpose
            justification = item.justification ?? "—"
        case .export:
            recipient = item.recipient
            if let project = terms.project {
                purpose = "\(word("purposeResearch")) \(project)"
            } else {
                purpose = terms.accessPurpose.flatMap(AccessPurpose.init(rawValue:)).map { VocabularyLabel.label($0, in: language) } ?? item.purpose
            }
            justification = terms.manifestSHA256.map { "\(word("manifest")) \($0)" }
                ?? terms.view.map { view in AccessView(rawValue: view).map { VocabularyLabel.label($0, in: language) } ?? view } ?? "—"
        }
    }
}
