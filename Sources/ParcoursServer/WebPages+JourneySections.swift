import ParcoursClinical
import ParcoursProjections

/// The journey page's sections on what is in force and what was decided: the plan and the
/// fall plan, consents and refusals, legal disclosures, sessions. The journey is already
/// redacted by the policy: a section the reader may not see is simply empty.
extension WebPages {
    static func journeySections(_ journey: Journey, today: String, language: Language) -> [String: Any] {
        var values: [String: Any] = [:]
        if let entry = journey.plan {
            let rows = RecordRows.plan(entry.plan, language: language)
            values["planDetail"] = [
                "on": entry.on, "reviewOn": entry.plan.reviewOn, "overdue": entry.plan.reviewOn < today,
                "needRows": rows.needs, "objectiveRows": rows.objectives, "meanRows": rows.means,
                "hasNeeds": !entry.plan.needs.isEmpty, "hasObjectives": !entry.plan.objectives.isEmpty, "hasMeans": !entry.plan.means.isEmpty,
            ] as [String: Any]
        }
        if let entry = journey.fallPlan {
            let rows = RecordRows.fallPlan(entry.plan, language: language)
            values["fallPlan"] = [
                "on": entry.on, "situationRows": rows.situations, "peopleRows": rows.people,
                "hasSituations": !entry.plan.riskSituations.isEmpty, "hasPeople": !entry.plan.peopleToCall.isEmpty,
            ] as [String: Any]
        }
        values["consentRows"] = RecordRows.consents(journey.consents, today: today, language: language)
        values["hasConsents"] = !journey.consents.isEmpty
        // The person's own words of a refusal are not shown here; its scope and since when are.
        values["refusalRows"] = RecordRows.refusals(journey.refusals, language: language)
        values["hasRefusals"] = !journey.refusals.isEmpty
        values["disclosureRows"] = RecordRows.disclosures(journey.disclosures, language: language)
        values["hasDisclosures"] = !journey.disclosures.isEmpty
        values["sessionRows"] = RecordRows.sessions(journey.sessions, language: language)
        values["hasSessions"] = !journey.sessions.isEmpty
        return values
    }
}
