import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension ActForm {
    static let reason = Wording("Raison", en: "Reason")

    /// Referrals, consents, disclosures, sessions, the care team, corrections and the follow-up itself.
    static let followUp: [ActForm] = [
        ActForm(
            type: .referralMade, slug: "orientation", moment: .referral,
            title: Wording("Orientation", en: "Referral"),
            recorded: Wording("Orientation enregistrée.", en: "Referral recorded."),
            guidance: [Wording("Orientez et accompagnez la personne vers les ressources qu'elle choisit (clinique médicale, suivi en dépendance, soutien psychologique…). Ce qui est partagé avec une organisation partenaire s'appuie sur un consentement en vigueur.",
                               en: "Refer and accompany the person to the resources she or he chooses (medical clinic, addiction follow-up, psychological support…). What is shared with a partner organization relies on a consent in force.")],
            fields: [
                .actDay(),
                FormField("to.kind", Wording("Type de ressource", en: "Kind of resource"), .choice(Option.terms(Referral.ResourceKind.self)), required: true),
                FormField("to.name", Wording("Nom de la ressource", en: "Name of the resource"), .text, required: true),
                FormField("reason", Wording("Pourquoi la personne est orientée", en: "Why the person is referred"), .longText, required: true),
                FormField("urgency", Wording("Urgence", en: "Urgency"), .choice(Option.terms(Referral.Urgency.self)), required: true),
                FormField("consent", Wording("Consentement sur lequel l'orientation s'appuie", en: "Consent the referral relies on"), .recordChoice(.consentsGiven)),
            ]),
        ActForm(
            type: .referralUpdated, slug: "suite-orientation", moment: .referral,
            title: Wording("Suite d'une orientation", en: "Referral update"),
            recorded: Wording("Suite de l'orientation enregistrée.", en: "Referral update recorded."),
            guidance: [],
            fields: [
                .actDay(),
                FormField("referral", Wording("Orientation", en: "Referral"), .recordChoice(.referrals), required: true),
                FormField("status", Wording("Ce qu'il en est", en: "What became of it"), .choice(Option.terms(ReferralUpdate.Status.self)), required: true),
                FormField("reason", reason, .longText, hint: Wording("Attendue si l'orientation a été refusée.", en: "Expected when the referral was declined.")),
            ],
            applies: { $0.followUp.open && !$0.referrals.isEmpty }),
        consentForm(.consentGiven, slug: "consentement", title: Wording("Consentement donné", en: "Consent given"),
                    recorded: Wording("Consentement enregistré.", en: "Consent recorded."),
                    guidance: Wording("Ce que la personne accepte de partager, avec qui, à quelle fin et jusqu'à quand. Elle peut le retirer en tout temps.",
                                      en: "What the person agrees to share, with whom, for what and until when. She or he may withdraw it at any time.")),
        consentForm(.consentWithdrawn, slug: "retrait-consentement", title: Wording("Retrait d'un consentement", en: "Consent withdrawn"),
                    recorded: Wording("Retrait du consentement enregistré.", en: "Consent withdrawal recorded."),
                    guidance: Wording("Le retrait prend effet immédiatement pour les renseignements nommés.", en: "The withdrawal takes effect at once for the information named.")),
        ActForm(
            type: .consentRefused, slug: "refus-acces", moment: .consent,
            title: Wording("Refus d'accès", en: "Access refused"),
            recorded: Wording("Refus d'accès enregistré.", en: "Refusal of access recorded."),
            guidance: [Wording("La personne peut refuser qu'un·e intervenant·e nommé·e, une organisation ou des chercheur·es accèdent à ses renseignements. Son refus l'emporte, sauf pour les divulgations exigées par la loi.",
                               en: "The person may refuse that a named clinician, an organization or researchers access her or his information. The refusal wins, but for disclosures the law requires.")],
            fields: [
                .actDay(),
                FormField("scope.kind", Wording("À qui l'accès est refusé", en: "Who is refused"), .choice(ConsentRefusal.scopeKinds.map { Option(term: $0) }), required: true),
                FormField("scope.value", Wording("Organisation ou intervenant·e", en: "Organization or clinician"), .text,
                          hint: Wording("Le nom de l'organisation, ou l'identifiant de l'intervenant·e ; rien pour la recherche.",
                                        en: "The organization's name, or the clinician's id; nothing for research.")),
                decider,
                FormField("reason", Wording("Les mots de la personne, si elle en a donné", en: "The person's words, if any"), .longText),
            ]),
        ActForm(
            type: .legalDisclosure, slug: "divulgation-legale", moment: .disclosure,
            title: Wording("Divulgation exigée par la loi", en: "Disclosure required by law"),
            recorded: Wording("Divulgation enregistrée.", en: "Disclosure recorded."),
            guidance: [
                Wording("Une divulgation exigée par la loi se fait quel que soit le consentement. Pour une personne mineure, un motif raisonnable de croire que sa sécurité ou son développement est compromis (abus sexuels, dont l'exploitation sexuelle) se signale sans délai au directeur ou à la directrice de la protection de la jeunesse (LPJ, art. 38 et 39).",
                        en: "A disclosure the law requires is made whatever the consent. For a minor, reasonable grounds to believe that her or his security or development is compromised (sexual abuse, which includes sexual exploitation) are reported without delay to the director of youth protection (Youth Protection Act, s. 38–39)."),
                Wording("Consignez le fondement légal, le ou la destinataire, ce qui a été divulgué, quand et pourquoi, et si et quand la personne en a été informée. Expliquez-lui la décision avec transparence et recherchez sa collaboration : cette divulgation lui reste toujours visible.",
                        en: "Record the legal basis, the recipient, what was disclosed, when and why, and whether and when the person was told. Explain the decision to her or him openly and seek her or his collaboration: this disclosure always stays visible to her or him."),
            ],
            fields: [
                .actDay(),
                FormField("legalBasis", Wording("Fondement légal", en: "Legal basis"), .choice(Option.terms(LegalDisclosure.LegalBasis.self)), required: true),
                FormField("basisDetail", Wording("Précision sur le fondement", en: "Detail of the basis"), .text),
                FormField("recipient", Wording("Destinataire", en: "Recipient"), .text, hint: Wording("Par exemple : la direction de la protection de la jeunesse (DPJ).", en: "For example: the director of youth protection (DPJ)."),
                          required: true),
                FormField("categories", Wording("Ce qui a été divulgué", en: "What was disclosed"), .choices(Option.terms(InformationCategory.self)), required: true),
                FormField("disclosedAt", Wording("Divulgué le", en: "Disclosed on"), .instant, hint: montrealTime, required: true),
                FormField("participantTold", Wording("La personne en a été informée", en: "The person was told"), .yesNo),
                FormField("participantToldAt", Wording("Informée le", en: "Told on"), .instant,
                          hint: Wording("Si la personne en a été informée. Heure de Montréal.", en: "If the person was told. Montreal time.")),
                FormField("justification", Wording("Pourquoi la loi l'exigeait", en: "Why the law required it"), .longText, required: true),
            ]),
        ActForm(
            type: .obligationsExplained, slug: "obligations", moment: .disclosure,
            title: Wording("Obligations légales expliquées", en: "Legal obligations explained"),
            recorded: Wording("Explication des obligations légales enregistrée.", en: "Explanation of the legal obligations recorded."),
            guidance: [Wording("Au début du suivi, présentez clairement à la personne les obligations légales qui vous lient et leurs conséquences sur la démarche d'aide, et entendez-vous avec elle sur les règles qui régiront les interventions.",
                               en: "At the start of the follow-up, present clearly to the person the legal obligations that bind you and their consequences on the help, and agree with her or him on the rules of the interventions.")],
            fields: [
                .actDay(),
                FormField("obligationsExplained", Wording("Les obligations légales et leurs conséquences ont été expliquées", en: "The legal obligations and their consequences were explained"), .yesNo),
                FormField("rulesAgreed", Wording("Les règles du suivi ont été convenues avec la personne", en: "The rules of the follow-up were agreed with the person"), .yesNo),
                FormField("notes", Wording("Notes", en: "Notes"), .longText),
            ]),
        ActForm(
            type: .sessionHeld, slug: "rencontre", moment: .session,
            title: Wording("Rencontre ou activité", en: "Session held"),
            recorded: Wording("Rencontre enregistrée.", en: "Session recorded."),
            guidance: [Wording("Rencontres individuelles, activités récréatives ou culturelles, accompagnement vers des ressources, aide scolaire ou à l'emploi.",
                               en: "Individual meetings, recreational or cultural activities, accompaniment to resources, help with school or employment.")],
            fields: [
                .actDay(),
                FormField("kind", Wording("Type", en: "Kind"), .choice(Option.terms(SessionRecord.Kind.self)), required: true),
                FormField("minutes", Wording("Durée en minutes (1 à 1440)", en: "Duration in minutes (1 to 1440)"), .integer(1...1440), required: true),
                FormField("processes", Wording("Processus de l'entretien motivationnel", en: "Motivational interviewing processes"), .choices(Option.terms(SessionRecord.Process.self))),
                FormField("techniques", Wording("Techniques utilisées", en: "Techniques used"), .choices(Option.terms(SessionRecord.Technique.self))),
                FormField("notes", Wording("Notes", en: "Notes"), .longText),
            ]),
        ActForm(
            type: .careTeamAssigned, slug: "arrivee-equipe", moment: .careTeam,
            title: Wording("Arrivée dans l'équipe de suivi", en: "Joining the care team"),
            recorded: Wording("Arrivée dans l'équipe de suivi enregistrée.", en: "Care-team arrival recorded."),
            guidance: [careTeamGuidance],
            fields: [
                .actDay(),
                FormField("clinician", Wording("Identifiant de l'intervenant·e", en: "Clinician's id"), .text, required: true),
                FormField("reason", reason, .longText),
            ]),
        ActForm(
            type: .careTeamReleased, slug: "depart-equipe", moment: .careTeam,
            title: Wording("Départ de l'équipe de suivi", en: "Leaving the care team"),
            recorded: Wording("Départ de l'équipe de suivi enregistré.", en: "Care-team departure recorded."),
            guidance: [careTeamGuidance],
            fields: [
                .actDay(),
                FormField("clinician", Wording("Intervenant·e", en: "Clinician"), .recordChoice(.careTeam), required: true),
                FormField("reason", reason, .longText),
            ],
            applies: { $0.followUp.open && !$0.careTeam.isEmpty }),
        ActForm(
            type: .entryCorrected, slug: "correction", moment: .correction,
            title: Wording("Correction d'une entrée", en: "Entry corrected"),
            recorded: Wording("Correction enregistrée.", en: "Correction recorded."),
            guidance: [correctionGuidance],
            fields: [
                .actDay(),
                FormField("corrects", Wording("Entrée corrigée", en: "Entry corrected"), .recordChoice(.actsToCorrect), required: true),
                FormField("reason", Wording("Pourquoi elle est corrigée", en: "Why it is corrected"), .longText, required: true),
                FormField("correctedDay", Wording("Nouvelle date de l'acte", en: "New date of the act"), .day),
                FormField("correctedMember", Wording("Élément corrigé (nom du champ)", en: "Member corrected (name of the field)"), .text,
                          hint: Wording("Par exemple personSaid, notes ou reason.", en: "For example personSaid, notes or reason.")),
                FormField("correctedValue", Wording("Nouvelle valeur", en: "New value"), .longText),
            ],
            aliases: ["correction.occurredAt": "correctedDay", "correction": "correctedMember"], finish: correction),
        ActForm(
            type: .entryVoided, slug: "annulation", moment: .correction,
            title: Wording("Annulation d'une entrée", en: "Entry voided"),
            recorded: Wording("Annulation enregistrée.", en: "Voiding recorded."),
            guidance: [correctionGuidance],
            fields: [
                .actDay(),
                FormField("voids", Wording("Entrée annulée", en: "Entry voided"), .recordChoice(.actsToVoid), required: true),
                FormField("reason", Wording("Pourquoi elle ne doit pas compter", en: "Why it should not count"), .longText, required: true),
            ]),
        ActForm(
            type: .followUpClosed, slug: "fermeture", moment: .followUp,
            title: Wording("Fermeture du suivi", en: "Follow-up closed"),
            recorded: Wording("Fermeture du suivi enregistrée.", en: "Follow-up closure recorded."),
            guidance: [followUpGuidance],
            fields: [.actDay(), FormField("reason", reason, .longText, required: true)]),
        ActForm(
            type: .followUpReopened, slug: "reouverture", moment: .followUp,
            title: Wording("Réouverture du suivi", en: "Follow-up reopened"),
            recorded: Wording("Réouverture du suivi enregistrée.", en: "Follow-up reopening recorded."),
            guidance: [followUpGuidance],
            fields: [.actDay(), FormField("reason", reason, .longText, required: true)],
            applies: { !$0.followUp.open }),
    ]

    /// A correction's data: the corrected members as one object, `correction` — the act's day at
    /// noon, and the member named with its new value (a whole number or yes/no as such).
    static let correction: @Sendable ([String: JSONValue]) -> [String: JSONValue] = { fields in
        var data = fields.filter { !["correctedDay", "correctedMember", "correctedValue"].contains($0.key) }
        var correction: [String: JSONValue] = [:]
        if case .string(let day)? = fields["correctedDay"] { correction["occurredAt"] = .string(day + "T12:00:00.000Z") }
        if case .string(let member)? = fields["correctedMember"] {
            let text = fields["correctedValue"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? ""
            correction[member] = Int64(text).map(JSONValue.int) ?? (text == "true" || text == "false" ? .bool(text == "true") : .string(text))
        }
        data["correction"] = .object(correction)
        return data
    }

    static let montrealTime = Wording("Heure de Montréal.", en: "Montreal time.")
    static let careTeamGuidance = Wording("Qui fait partie de l'équipe de suivi décide qui lit et écrit dans ce dossier.",
                                          en: "Who is in the care team decides who reads and writes in this record.")
    static let correctionGuidance = Wording("Rien n'est effacé : une correction ou une annulation est une nouvelle entrée, et l'original reste au dossier.",
                                            en: "Nothing is erased: a correction or a voiding is a new entry, and the original stays in the record.")
    static let followUpGuidance = Wording("Un suivi dure aussi longtemps que la personne en a besoin ; un suivi fermé peut être rouvert.",
                                          en: "A follow-up lasts as long as the person needs it; a closed one can be reopened.")

    static let decider = FormField("decidedBy", Wording("Qui décide", en: "Who decides"), .choice(Option.terms(ConsentDecision.Decider.self)),
                                   hint: Wording("À 14 ans et plus, la personne décide seule ; avant 14 ans, le ou la titulaire de l'autorité parentale ou le tuteur décide.",
                                                 en: "At 14 or more, the person decides alone; under 14, the holder of parental authority or the tutor decides."),
                                   required: true)

    /// A consent given or withdrawn: the same questions.
    static func consentForm(_ type: ClinicalActType, slug: String, title: Wording, recorded: Wording, guidance: Wording) -> ActForm {
        ActForm(type: type, slug: slug, moment: .consent, title: title, recorded: recorded, guidance: [guidance], fields: [
            .actDay(),
            FormField("scope.kind", Wording("À qui il s'adresse", en: "Whom it is about"), .choice(Option.terms(ConsentDecision.ScopeKind.self)), required: true),
            FormField("scope.value", Wording("Organisation ou intervenant·e", en: "Organization or clinician"), .text,
                      hint: Wording("Le nom de l'organisation, ou l'identifiant de l'intervenant·e ; rien pour la recherche ou le programme.",
                                    en: "The organization's name, or the clinician's id; nothing for research or the program.")),
            FormField("categories", Wording("Renseignements visés", en: "Information concerned"), .choices(Option.terms(InformationCategory.self)), required: true),
            FormField("purpose", Wording("À quelle fin", en: "For what purpose"), .text),
            FormField("expiresOn", Wording("Jusqu'au", en: "Until"), .day),
            decider,
            FormField("notes", Wording("Notes", en: "Notes"), .longText),
        ])
    }
}
