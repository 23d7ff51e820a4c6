import ParcoursClinical
import ParcoursProjections

extension ActForm {
    /// Where the person stands, how she or he weighs change, and what trauma shows.
    static let assessment: [ActForm] = [
        ActForm(
            type: .stageAssessed, slug: "evaluation", moment: .assessment,
            title: Wording("Évaluation de l'étape", en: "Stage assessment"),
            recorded: Wording("Évaluation de l'étape enregistrée.", en: "Stage assessment recorded."),
            guidance: [Wording("Où en est la personne sur les deux modèles, côte à côte. Une étape et un stade qui ne vont pas habituellement ensemble donnent un avertissement, jamais un refus : c'est un repère.",
                               en: "Where the person stands on both models, side by side. A step and a stage that do not usually go together give a warning, never a refusal: it is a guide.")],
            fields: [
                .actDay(Wording("Date de la rencontre", en: "Date of the meeting")),
                FormField("engagementStep", Wording("Étape du cycle de l'engagement", en: "Step of the engagement cycle"),
                          .choice(Option.terms(EngagementStep.self)), required: true, missing: Wording("choisissez une étape", en: "choose a step")),
                FormField("wheelStage", Wording("Stade de la roue du changement", en: "Stage of the wheel of change"),
                          .choice(Option.terms(WheelStage.self)), required: true, missing: Wording("choisissez un stade", en: "choose a stage")),
                FormField("importance", Wording("Importance du changement pour la personne (0 à 10)", en: "Importance of changing, for the person (0 to 10)"),
                          .integer(StageAssessment.ruler), required: true),
                FormField("confidence", Wording("Confiance de la personne en sa capacité (0 à 10)", en: "The person's confidence in her or his ability (0 to 10)"),
                          .integer(StageAssessment.ruler), required: true),
                FormField("personSaid", Wording("Ce que la personne a dit, dans ses mots", en: "What the person said, in her or his words"), .longText),
            ]),
        ActForm(
            type: .decisionalBalanceRecorded, slug: "balance-decisionnelle", moment: .assessment,
            title: Wording("Balance décisionnelle", en: "Decisional balance"),
            recorded: Wording("Balance décisionnelle enregistrée.", en: "Decisional balance recorded."),
            guidance: [
                Wording("Avec vous, la personne pèse les avantages et les inconvénients du statu quo et ceux du changement, chacun d'un poids de 1 (un peu) à 3 (beaucoup).",
                        en: "With you, the person weighs the pros and cons of the status quo and of change, each weighted from 1 (a little) to 3 (a lot)."),
                Wording("La balance décisionnelle est utile une fois que la personne a décidé de changer (détermination, action) : elle affermit l'engagement et explore l'ambivalence après la décision. Elle ne sert pas à rassurer l'intervenant·e, mais à faire prendre conscience à la personne du chemin parcouru.",
                        en: "A decisional balance helps once the person has decided to change (determination, action): it strengthens the commitment and explores the ambivalence after the decision. It is not there to reassure the clinician, but to make the person aware of the way travelled."),
            ],
            fields: [
                .actDay(),
                balanceSide("statusQuo.pros", Wording("Avantages du statu quo", en: "Pros of the status quo")),
                balanceSide("statusQuo.cons", Wording("Inconvénients du statu quo", en: "Cons of the status quo")),
                balanceSide("change.pros", Wording("Avantages du changement", en: "Pros of change")),
                balanceSide("change.cons", Wording("Inconvénients du changement", en: "Cons of change")),
                FormField("clinicalJustification", Wording("Justification clinique", en: "Clinical justification"), .longText,
                          hint: Wording("Nécessaire si la balance est faite en précontemplation, en contemplation, en situation de crise ou en lune de miel.",
                                        en: "Needed when the balance is made in precontemplation, contemplation, crisis or honeymoon.")),
            ],
            caution: balanceCaution),
        ActForm(
            type: .traumaObserved, slug: "observation-trauma", moment: .assessment,
            title: Wording("Observation tenant compte du trauma", en: "Trauma-informed observation"),
            recorded: Wording("Observation enregistrée.", en: "Observation recorded."),
            guidance: [
                Wording("Observez comment la personne fait face à ce qui la remet en contact avec ses expériences traumatiques : combat (agressivité, hostilité, automutilation), fuite (fugues, consommation…), paralysie, soumission.",
                        en: "Observe how the person copes with what brings her or him back to traumatic experiences: fight (aggressiveness, hostility, self-harm), flight (running away, substance use…), freeze, fawn."),
                Wording("Observer, pas diagnostiquer : un diagnostic (TSPT ou autre) est un acte réservé aux professionnel·les désigné·es. Consignez les symptômes observés et, au besoin, une orientation vers un soutien psychologique.",
                        en: "Observe, do not diagnose: a diagnosis (PTSD or other) is a reserved act of designated professionals. Record the symptoms observed and, if needed, a referral to psychological support."),
            ],
            fields: [
                .actDay(),
                FormField("survivalStrategies", Wording("Stratégies de survie observées", en: "Survival strategies observed"),
                          .choices(Option.terms(TraumaObservation.SurvivalStrategy.self))),
                FormField("triggers", Wording("Déclencheurs observés", en: "Triggers observed"), .lines,
                          hint: Wording("Un par ligne : situations, personnes, souvenirs.", en: "One a line: situations, people, memories.")),
                FormField("symptoms", Wording("Symptômes observés", en: "Symptoms observed"), .lines,
                          hint: Wording("Un par ligne, tels qu'observés.", en: "One a line, as observed.")),
                FormField("notes", Wording("Notes", en: "Notes"), .longText),
            ]),
    ]

    /// One side of a decisional balance: items and their weights.
    static func balanceSide(_ name: String, _ label: Wording) -> FormField {
        FormField(name, label, .group([
            FormField("item", Wording("Élément", en: "Item"), .text, required: true),
            FormField("weight", Wording("Poids (1 à 3)", en: "Weight (1 to 3)"), .integer(DecisionalBalance.weights), required: true),
        ], rows: 2, addRow: Wording("Ajouter une ligne", en: "Add a row")))
    }

    /// The framework's caution, at the stage last assessed: a decisional balance is
    /// contraindicated in precontemplation, contemplation, crisis and honeymoon.
    static let balanceCaution: @Sendable (Journey) -> Wording? = { journey in
        let why = Wording("Dans ces moments, la balance décisionnelle tend à soutenir la décision de ne pas changer : faire parler la personne des bénéfices à ne pas changer entretient le désir de ne pas changer. Si vous la faites quand même, écrivez la justification clinique.",
                          en: "At these moments a decisional balance tends to support the decision not to change: having the person talk of the benefits of not changing feeds the wish not to change. If you make one all the same, write the clinical justification.")
        guard let stage = journey.stage else {
            return Wording("Aucun stade n'a encore été évalué. La balance décisionnelle est contre-indiquée en précontemplation, en contemplation, en situation de crise et en lune de miel. " + why.fr,
                           en: "No stage has been assessed yet. A decisional balance is contraindicated in precontemplation, contemplation, crisis and honeymoon. " + why.en)
        }
        let contraindicated = [.precontemplation, .contemplation].contains(stage.wheelStage) || [.crisis, .honeymoon].contains(stage.engagementStep)
        guard contraindicated else { return nil }
        return Wording("Au dernier stade évalué (\(stage.on) : « \(VocabularyLabel.label(stage.engagementStep, in: .fr)) », « \(VocabularyLabel.label(stage.wheelStage, in: .fr)) »), la balance décisionnelle est contre-indiquée. " + why.fr,
                       en: "At the stage last assessed (\(stage.on): “\(VocabularyLabel.label(stage.engagementStep, in: .en))”, “\(VocabularyLabel.label(stage.wheelStage, in: .en))”), a decisional balance is contraindicated. " + why.en)
    }
}
