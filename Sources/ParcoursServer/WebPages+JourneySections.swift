import ParcoursClinical
import ParcoursProjections

/// The journey page's sections on what is in force and what was decided: the plan and the
/// fall plan, consents and refusals, legal disclosures, sessions. The journey is already
/// redacted by the policy: a section the reader may not see is simply empty.
extension WebPages {
    static func journeySections(_ journey: Journey, today: String, language: Language) -> [String: Any] {
        func label(_ term: some VocabularyTerm) -> String { VocabularyLabel.label(term, in: language) }
        func scope(_ scope: ConsentDecision.Scope) -> String { label(scope.kind) + (scope.value.map { " (\($0))" } ?? "") }
        let words = Catalogue.record
        var values: [String: Any] = [:]
        if let entry = journey.plan {
            values["planDetail"] = [
                "on": entry.on, "reviewOn": entry.plan.reviewOn, "overdue": entry.plan.reviewOn < today,
                "needs": entry.plan.needs.sorted { $0.priority < $1.priority }.map { ["need": $0.need, "priority": $0.priority] as [String: Any] },
                "objectives": entry.plan.objectives.map { objective -> [String: Any] in
                    var item: [String: Any] = ["what": objective.what, "status": label(objective.status)]
                    if let measure = objective.measure { item["measure"] = measure }
                    if let target = objective.targetDate { item["targetDate"] = target }
                    return item
                },
                "means": entry.plan.means,
                "hasNeeds": !entry.plan.needs.isEmpty, "hasObjectives": !entry.plan.objectives.isEmpty, "hasMeans": !entry.plan.means.isEmpty,
            ] as [String: Any]
        }
        if let entry = journey.fallPlan {
            values["fallPlan"] = [
                "on": entry.on,
                "situations": entry.plan.riskSituations.map { situation -> [String: Any] in
                    ["situation": situation.situation, "kind": label(situation.signalKind), "signals": situation.signals.joined(separator: " ; "),
                     "strategies": situation.copingStrategies.joined(separator: " ; ")]
                },
                "people": entry.plan.peopleToCall.map { person -> [String: Any] in
                    var item: [String: Any] = ["name": person.name]
                    if let relationship = person.relationship { item["relationship"] = relationship }
                    if let phone = person.phone { item["phone"] = phone }
                    return item
                },
                "hasSituations": !entry.plan.riskSituations.isEmpty, "hasPeople": !entry.plan.peopleToCall.isEmpty,
            ] as [String: Any]
        }
        values["consents"] = journey.consents.map { consent -> [String: Any] in
            var item: [String: Any] = ["on": consent.on, "scope": scope(consent.scope), "decidedBy": label(consent.decidedBy),
                                       "categories": consent.categories.map(label).joined(separator: ", "),
                                       "state": words[consent.isInForce(on: today) ? "inForce" : "notInForce"]!(language)]
            if let expires = consent.expiresOn { item["expiresOn"] = expires }
            if let withdrawn = consent.withdrawnOn { item["withdrawnOn"] = withdrawn }
            return item
        }
        values["hasConsents"] = !journey.consents.isEmpty
        // The person's own words of a refusal are not shown here; its scope and since when are.
        values["refusals"] = journey.refusals.map { refusal -> [String: Any] in
            var item: [String: Any] = ["on": refusal.on, "scope": scope(refusal.scope), "decidedBy": label(refusal.decidedBy)]
            if let lifted = refusal.liftedOn { item["liftedOn"] = lifted }
            return item
        }
        values["hasRefusals"] = !journey.refusals.isEmpty
        values["disclosures"] = journey.disclosures.map { entry -> [String: Any] in
            var item: [String: Any] = ["on": entry.on, "basis": label(entry.disclosure.legalBasis), "recipient": entry.disclosure.recipient,
                                       "categories": entry.disclosure.categories.map(label).joined(separator: ", "), "by": entry.by,
                                       "told": entry.disclosure.participantTold]
            if let toldAt = entry.disclosure.participantToldAt { item["toldAt"] = String(toldAt.prefix(10)) }
            return item
        }
        values["hasDisclosures"] = !journey.disclosures.isEmpty
        values["sessions"] = journey.sessions.map { tally -> [String: Any] in
            ["kind": label(tally.kind), "count": tally.count, "minutes": tally.minutes, "lastOn": tally.lastOn]
        }
        values["hasSessions"] = !journey.sessions.isEmpty
        return values
    }
}
