/// The moments of a follow-up the recording forms are grouped by, in the order a page lists them.
enum Moment: String, CaseIterable, Sendable {
    case admission, assessment, plans, relapse, safety, referral, consent, disclosure, session, careTeam, correction, followUp

    var title: Wording {
        switch self {
        case .admission: Wording("Admission", en: "Admission")
        case .assessment: Wording("Évaluation", en: "Assessment")
        case .plans: Wording("Plans", en: "Plans")
        case .relapse: Wording("Chute", en: "Relapse")
        case .safety: Wording("Sécurité", en: "Safety")
        case .referral: Wording("Orientation", en: "Referral")
        case .consent: Wording("Consentement", en: "Consent")
        case .disclosure: Wording("Divulgation et obligations légales", en: "Disclosure and legal obligations")
        case .session: Wording("Rencontre ou activité", en: "Session")
        case .careTeam: Wording("Équipe de suivi", en: "Care team")
        case .correction: Wording("Correction", en: "Correction")
        case .followUp: Wording("Suivi", en: "Follow-up")
        }
    }
}
