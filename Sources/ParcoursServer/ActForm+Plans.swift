import ParcoursClinical
import ParcoursProjections

extension ActForm {
    static let addRow = Wording("Ajouter une ligne", en: "Add a row")

    /// The action plan, the fall plan, a relapse, and safety.
    static let plans: [ActForm] = [
        ActForm(
            type: .planRevised, slug: "plan-action", moment: .plans,
            title: Wording("Plan d'action", en: "Action plan"),
            recorded: Wording("Plan d'action enregistré.", en: "Action plan recorded."),
            guidance: [
                Wording("Le plan se bâtit avec la personne : ses besoins, dans l'ordre de ses priorités ; un objectif à la fois ; les moyens qu'elle choisit. Le plan en vigueur est repris ci-dessous : modifiez-le pour en faire la nouvelle version.",
                        en: "The plan is built with the person: her or his needs, in the order of her or his priorities; one objective at a time; the means she or he chooses. The plan in force is shown below: change it into the new version."),
                Wording("Chaque objectif est SMART : spécifique, mesurable, adapté, réaliste et défini dans le temps. Prévoyez les risques de chute et comment y faire face (le plan de chute) ; révisez le plan régulièrement ; un nouveau plan suit un objectif atteint.",
                        en: "Each objective is SMART: specific, measurable, adapted, realistic and time-bound. Foresee the risks of a fall and how to meet them (the fall plan); review the plan regularly; a new plan follows an objective reached."),
            ],
            fields: [
                .actDay(),
                FormField("revision", "", .fixedInteger),
                FormField("replaces", "", .fixedInteger),
                FormField("needs", Wording("Besoins, dans l'ordre des priorités de la personne", en: "Needs, in the order of the person's priorities"), .group([
                    FormField("need", Wording("Besoin", en: "Need"), .text, required: true),
                    FormField("priority", Wording("Priorité (1 : la première pour la personne)", en: "Priority (1: the person's first)"), .integer(1...20), required: true),
                ], rows: 2, addRow: addRow)),
                FormField("objectives", Wording("Objectifs SMART", en: "SMART objectives"), .group([
                    FormField("what", Wording("Spécifique : ce que la personne veut changer", en: "Specific: what the person wants to change"), .text, required: true),
                    FormField("measure", Wording("Mesurable : comment la personne et vous saurez que c'est atteint", en: "Measurable: how the person and you will know it is reached"), .text),
                    FormField("why", Wording("Adapté et réaliste : pourquoi c'est important et possible pour la personne, dans ses mots", en: "Adapted and realistic: why it matters and is possible for the person, in her or his words"), .longText),
                    FormField("targetDate", Wording("Défini dans le temps : date visée", en: "Time-bound: target date"), .day),
                    FormField("status", Wording("État", en: "Status"), .choice(Option.terms(PlanRevision.ObjectiveStatus.self)), required: true, initial: "active"),
                ], rows: 1, addRow: Wording("Ajouter un objectif", en: "Add an objective")),
                hint: Wording("Un objectif à la fois, de préférence.", en: "One objective at a time, preferably.")),
                FormField("means", Wording("Moyens choisis par la personne", en: "Means the person chose"), .lines,
                          hint: Wording("Un par ligne.", en: "One a line.")),
                FormField("reviewOn", Wording("Prochaine révision du plan", en: "Next review of the plan"), .day, required: true),
            ],
            prefill: planInForce),
        ActForm(
            type: .fallPlanRevised, slug: "plan-de-chute", moment: .plans,
            title: Wording("Plan de chute", en: "Fall plan"),
            recorded: Wording("Plan de chute enregistré.", en: "Fall plan recorded."),
            guidance: [
                Wording("Avec la personne, et non à sa place, repérez les situations à risque (les pièges) qui pourraient la conduire à une chute, leurs signaux d'alarme, et la stratégie pour réagir promptement à chacune (résoudre le problème, demander de l'aide…).",
                        en: "With the person, not in her or his place, name the risk situations (the traps) that could lead to a fall, their warning signals, and the strategy to respond promptly to each (solving the problem, asking for help…)."),
                Wording("Les signaux sont de quatre types : situationnels (un lieu, un moment, des personnes), comportementaux (ce que la personne fait), affectifs (ce qu'elle ressent) et cognitifs (ce qu'elle se dit). Par exemple : déséquilibre du mode de vie, événement critique, envie de bon temps, envie de se laisser aller, besoin de satisfaction immédiate, milieux ou personnes criminogènes.",
                        en: "Signals are of four kinds: situational (a place, a time, people), behavioural (what the person does), affective (what she or he feels) and cognitive (what she or he tells herself or himself). For example: lifestyle imbalance, critical event, wanting a good time, letting go, need for immediate satisfaction, criminogenic places or people."),
            ],
            fields: [
                .actDay(),
                FormField("revision", "", .fixedInteger),
                FormField("replaces", "", .fixedInteger),
                FormField("riskSituations", Wording("Situations à risque", en: "Risk situations"), .group([
                    FormField("situation", Wording("Situation à risque (piège)", en: "Risk situation (trap)"), .text, required: true),
                    FormField("signalKind", Wording("Type de signal", en: "Kind of signal"), .choice(Option.terms(FallPlanRevision.SignalKind.self)), required: true),
                    FormField("signals", Wording("Signaux d'alarme", en: "Warning signals"), .lines, hint: Wording("Un par ligne.", en: "One a line.")),
                    FormField("copingStrategies", Wording("Stratégies pour y faire face", en: "Coping strategies"), .lines,
                              hint: Wording("Au moins une, une par ligne.", en: "At least one, one a line."), required: true),
                ], rows: 2, addRow: Wording("Ajouter une situation", en: "Add a situation"))),
                FormField("peopleToCall", Wording("Personnes à appeler", en: "People to call"), .group([
                    FormField("name", Wording("Nom", en: "Name"), .text, required: true),
                    FormField("relationship", Wording("Lien avec la personne", en: "Relationship"), .text),
                    FormField("phone", Wording("Téléphone", en: "Phone"), .text),
                ], rows: 2, addRow: Wording("Ajouter une personne", en: "Add a person"))),
            ],
            prefill: fallPlanInForce),
        ActForm(
            type: .relapseRecorded, slug: "chute", moment: .relapse,
            title: Wording("Chute", en: "Relapse"),
            recorded: Wording("Chute consignée : une étape du parcours.", en: "Relapse recorded: a step of the path."),
            guidance: [
                Wording("Une chute fait partie du parcours de changement : ce n'est ni un échec ni une preuve de manque de volonté. La plupart des personnes s'y reprennent à quelques reprises avant de garder le cap.",
                        en: "A relapse is part of the path of change: neither a failure nor a proof of lacking will. Most people try a few times before they hold their course."),
                Wording("Dédramatisez, sans culpabiliser, et rappelez à la personne les acquis qu'elle a faits. Discutez avec elle de ce qui a précipité la chute — l'environnement et l'entourage, les pensées et les émotions — et, au besoin, révisez ensemble le plan d'action et le plan de chute.",
                        en: "Take the drama out of it, without guilt, and remind the person of what she or he has gained. Talk together about what precipitated it — environment and people, thoughts and emotions — and, if needed, revise the action plan and the fall plan together."),
            ],
            fields: [
                .actDay(),
                FormField("kind", Wording("Durée", en: "Duration"), .choice(Option.terms(RelapseRecord.Kind.self)), required: true),
                FormField("startedOn", Wording("Depuis le", en: "Since"), .day, required: true),
                FormField("endedOn", Wording("Jusqu'au", en: "Until"), .day, hint: Wording("Si elle a pris fin.", en: "If it has ended.")),
                FormField("factors", Wording("Ce qui l'a précipitée", en: "What precipitated it"), .group([
                    FormField("origin", Wording("Origine", en: "Origin"), .choice(Option.terms(RelapseRecord.Factor.Origin.self)), required: true),
                    FormField("category", Wording("Situation à haut risque", en: "High-risk situation"), .choice(Option.terms(RelapseRecord.Factor.Category.self))),
                    FormField("description", Wording("Ce qui s'est passé, dans les mots de la personne", en: "What happened, in the person's words"), .text, required: true),
                ], rows: 2, addRow: addRow)),
                FormField("whatHelped", Wording("Ce qui a aidé, ou peut aider", en: "What helped, or may help"), .longText),
            ]),
        ActForm(
            type: .safetyAssessed, slug: "securite", moment: .safety,
            title: Wording("Évaluation de la sécurité", en: "Safety assessment"),
            recorded: Wording("Évaluation de la sécurité enregistrée.", en: "Safety assessment recorded."),
            guidance: [
                Wording("Avec la personne, évaluez les risques et le niveau de danger, clarifiez ses intentions, impliquez les personnes significatives et accompagnez-la vers les ressources (modèle WrapAround).",
                        en: "With the person, assess the risks and the level of danger, clarify her or his intentions, involve the significant people and accompany her or him to resources (WrapAround)."),
                Wording("Si une décision doit être prise pour sa sécurité contre son souhait, expliquez-la-lui avec transparence et recherchez sa collaboration.",
                        en: "If a decision must be taken for her or his safety against her or his wish, explain it openly and seek her or his collaboration."),
            ],
            fields: [
                .actDay(),
                FormField("risks", Wording("Risques présents", en: "Risks present"), .choices(Option.terms(SafetyAssessment.Risk.self))),
                FormField("dangerLevel", Wording("Niveau de danger", en: "Level of danger"), .choice(Option.terms(SafetyAssessment.DangerLevel.self)), required: true),
                FormField("crisisPlan", Wording("Plan de crise", en: "Crisis plan"), .longText,
                          hint: Wording("Attendu si le danger est élevé ou imminent.", en: "Expected when the danger is high or imminent.")),
                FormField("peopleInvolved", Wording("Personnes significatives impliquées", en: "Significant people involved"), .lines,
                          hint: Wording("Une par ligne.", en: "One a line.")),
                FormField("resourcesEngaged", Wording("Ressources mobilisées", en: "Resources engaged"), .lines, hint: Wording("Une par ligne.", en: "One a line.")),
                FormField("notes", Wording("Notes", en: "Notes"), .longText),
            ]),
    ]

    /// A new plan starts from the one in force: its next revision, and its contents to change.
    static let planInForce: @Sendable (Journey) -> [String: String] = { journey in
        var values = ["revision": String((journey.plan?.plan.revision ?? 0) + 1)]
        guard let plan = journey.plan?.plan else { return values }
        values["replaces"] = String(plan.revision)
        for (index, need) in plan.needs.enumerated() {
            values["needs[\(index)].need"] = need.need
            values["needs[\(index)].priority"] = String(need.priority)
        }
        for (index, objective) in plan.objectives.enumerated() {
            let row = "objectives[\(index)]."
            values[row + "what"] = objective.what
            values[row + "measure"] = objective.measure ?? ""
            values[row + "why"] = objective.why ?? ""
            values[row + "targetDate"] = objective.targetDate ?? ""
            values[row + "status"] = objective.status.rawValue
        }
        values["means"] = plan.means.joined(separator: "\n")
        values["reviewOn"] = plan.reviewOn
        return values
    }

    /// A new fall plan starts from the one in force.
    static let fallPlanInForce: @Sendable (Journey) -> [String: String] = { journey in
        var values = ["revision": String((journey.fallPlan?.plan.revision ?? 0) + 1)]
        guard let plan = journey.fallPlan?.plan else { return values }
        values["replaces"] = String(plan.revision)
        for (index, situation) in plan.riskSituations.enumerated() {
            let row = "riskSituations[\(index)]."
            values[row + "situation"] = situation.situation
            values[row + "signalKind"] = situation.signalKind.rawValue
            values[row + "signals"] = situation.signals.joined(separator: "\n")
            values[row + "copingStrategies"] = situation.copingStrategies.joined(separator: "\n")
        }
        for (index, contact) in plan.peopleToCall.enumerated() {
            let row = "peopleToCall[\(index)]."
            values[row + "name"] = contact.name
            values[row + "relationship"] = contact.relationship ?? ""
            values[row + "phone"] = contact.phone ?? ""
        }
        return values
    }
}
