import ParcoursClinical
import ParcoursProjections

/// The items of the journey page's shorter lists — open warnings, relapses, the plan and the fall
/// plan, referrals, consents and refusals, legal disclosures, sessions — written like the longer
/// rows, for the same reason: each item through a Mustache section cost a dozen lookups through
/// the context stack. Each item's markup is the one its template had, every text escaped by
/// `HTMLText`, and the catalogue's words escaped as the templates' `{{t.…}}` are.
extension RecordRows {
    /// Clinical warnings not yet answered, each with the day it was raised.
    static func warnings(_ warnings: [Journey.OpenWarning], language: Language) -> String {
        let since = " <span class=\"since\">(" + word("since", language) + " "
        var html = ""
        for warning in warnings {
            html += "<li>"
            html += HTMLText.escape(WebPages.warning(warning.message, code: warning.code, in: language))
            html += since
            html += HTMLText.escape(warning.since)
            html += ")</span></li>"
        }
        return html
    }

    /// Relapses, part of the path: the kind, since when, until when and what helped. The kind
    /// follows the noun in French (« chute momentanée ») and comes before it in English
    /// ("momentary relapse").
    static func relapses(_ relapses: [Journey.RelapseEntry], language: Language) -> String {
        let (relapse, startingOn, until, whatHelped) = (Catalogue.record["relapse"]!(language), ", " + word("startingOn", language) + " ",
                                                        " " + word("until", language) + " ", " — " + word("whatHelped", language) + " ")
        var html = ""
        for entry in relapses {
            let kind = VocabularyLabel.label(entry.kind, in: language)
            html += "<li>"
            html += HTMLText.escape(language == .fr ? relapse + " " + kind : kind + " " + relapse)
            html += startingOn
            html += HTMLText.escape(entry.startedOn)
            if let ended = entry.endedOn { html += until + HTMLText.escape(ended) }
            if let helped = entry.whatHelped { html += whatHelped + HTMLText.escape(helped) }
            html += "</li>"
        }
        return html
    }

    /// Referrals: the day, where to, and where it stands.
    static func referrals(_ referrals: [Journey.ReferralEntry], language: Language) -> String {
        var html = ""
        for referral in referrals {
            html += "<li>" + HTMLText.escape(referral.on) + Catalogue.colon(language) + HTMLText.escape(VocabularyLabel.label(referral.to.kind, in: language))
            html += " — " + HTMLText.escape(VocabularyLabel.label(referral.status, in: language)) + "</li>"
        }
        return html
    }

    /// The plan's needs by priority, its objectives with their measure and target, and its means.
    static func plan(_ plan: PlanRevision, language: Language) -> (needs: String, objectives: String, means: String) {
        let semicolon = Catalogue.semicolon(language)
        let (measure, target) = (semicolon + word("measure", language) + " ", semicolon + word("target", language) + " ")
        var needs = "", objectives = "", means = ""
        for need in plan.needs.sorted(by: { $0.priority < $1.priority }) { needs += "<li>" + HTMLText.escape(need.need) + "</li>" }
        for objective in plan.objectives {
            objectives += "<li><strong>" + HTMLText.escape(objective.what) + "</strong> — "
            objectives += HTMLText.escape(VocabularyLabel.label(objective.status, in: language))
            if let value = objective.measure { objectives += measure + HTMLText.escape(value) }
            if let value = objective.targetDate { objectives += target + HTMLText.escape(value) }
            objectives += "</li>"
        }
        for mean in plan.means { means += "<li>" + HTMLText.escape(mean) + "</li>" }
        return (needs, objectives, means)
    }

    /// The fall plan's risk situations (a table's rows) and the people to call.
    static func fallPlan(_ plan: FallPlanRevision, language: Language) -> (situations: String, people: String) {
        var situations = "", people = ""
        let semicolon = Catalogue.semicolon(language)
        for situation in plan.riskSituations {
            situations += "<tr><td>" + HTMLText.escape(situation.situation) + "</td><td>"
            situations += HTMLText.escape(VocabularyLabel.label(situation.signalKind, in: language)) + "</td><td>"
            situations += HTMLText.escape(situation.signals.joined(separator: semicolon)) + "</td><td>"
            situations += HTMLText.escape(situation.copingStrategies.joined(separator: semicolon)) + "</td></tr>"
        }
        for person in plan.peopleToCall {
            people += "<li>" + HTMLText.escape(person.name)
            if let relationship = person.relationship { people += " (" + HTMLText.escape(relationship) + ")" }
            if let phone = person.phone { people += " — " + HTMLText.escape(phone) }
            people += "</li>"
        }
        return (situations, people)
    }

    /// Consents: scope, categories, who decided, whether in force `today`, expiry and withdrawal.
    static func consents(_ consents: [Journey.ConsentEntry], today: String, language: Language) -> String {
        let (semicolon, colon) = (Catalogue.semicolon(language), Catalogue.colon(language))
        let (decidedBy, expires, withdrawn) = (" (" + word("decidedBy", language) + " ", semicolon + word("expires", language) + " ",
                                               semicolon + word("withdrawn", language) + " ")
        var html = ""
        for consent in consents {
            html += "<li>" + HTMLText.escape(consent.on) + colon + HTMLText.escape(scope(consent.scope, language)) + " — "
            html += HTMLText.escape(consent.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", "))
            html += decidedBy + HTMLText.escape(VocabularyLabel.label(consent.decidedBy, in: language)) + ") — <strong>"
            html += word(consent.isInForce(on: today) ? "inForce" : "notInForce", language) + "</strong>"
            if let day = consent.expiresOn { html += expires + HTMLText.escape(day) }
            if let day = consent.withdrawnOn { html += withdrawn + HTMLText.escape(day) }
            html += "</li>"
        }
        return html
    }

    /// Refusals: scope, who decided, lifted or standing. The person's own words are not shown.
    static func refusals(_ refusals: [Journey.RefusalEntry], language: Language) -> String {
        let (decidedBy, lifted, stands) = (" (" + word("decidedBy", language) + " ", " — " + word("lifted", language) + " ",
                                           " — <strong>" + word("stands", language) + "</strong>")
        var html = ""
        for refusal in refusals {
            html += "<li>" + HTMLText.escape(refusal.on) + Catalogue.colon(language) + HTMLText.escape(scope(refusal.scope, language))
            html += decidedBy + HTMLText.escape(VocabularyLabel.label(refusal.decidedBy, in: language)) + ")"
            html += refusal.liftedOn.map { lifted + HTMLText.escape($0) } ?? stands
            html += "</li>"
        }
        return html
    }

    /// Legal disclosures: basis, recipient, categories, by whom, and whether the person was told.
    static func disclosures(_ disclosures: [Journey.DisclosureEntry], language: Language) -> String {
        let (told, notTold) = (word("told", language), "<strong>" + word("notTold", language) + "</strong>")
        var html = ""
        for entry in disclosures {
            let disclosure = entry.disclosure
            html += "<li>" + HTMLText.escape(entry.on) + Catalogue.colon(language) + HTMLText.escape(VocabularyLabel.label(disclosure.legalBasis, in: language))
            html += " — " + HTMLText.escape(disclosure.recipient) + " ("
            html += HTMLText.escape(disclosure.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", "))
            html += "), " + HTMLText.escape(entry.by) + Catalogue.semicolon(language)
            if disclosure.participantTold {
                html += told
                if let toldAt = disclosure.participantToldAt { html += " " + HTMLText.escape(String(toldAt.prefix(10))) }
            } else {
                html += notTold
            }
            html += "</li>"
        }
        return html
    }

    /// Sessions by kind: how many, how many minutes in all, the last one's day (a table's rows).
    static func sessions(_ sessions: [Journey.SessionTally], language: Language) -> String {
        var html = ""
        for tally in sessions {
            html += "<tr><td>" + HTMLText.escape(VocabularyLabel.label(tally.kind, in: language)) + "</td><td>" + String(tally.count)
            html += "</td><td>" + String(tally.minutes) + "</td><td>" + HTMLText.escape(tally.lastOn) + "</td></tr>"
        }
        return html
    }

    /// A consent's or refusal's scope in words, with its value (a partner, a purpose) when it has one.
    static func scope(_ scope: ConsentDecision.Scope, _ language: Language) -> String {
        VocabularyLabel.label(scope.kind, in: language) + (scope.value.map { " (\($0))" } ?? "")
    }

    /// A word of the record's catalogue, escaped as the templates' `{{t.record.…}}` are.
    static func word(_ key: String, _ language: Language) -> String { HTMLText.escape(Catalogue.record[key]!(language)) }
}
