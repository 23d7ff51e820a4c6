import Foundation
import ParcoursClinical
import ParcoursProjections

/// A journey as French text for a clinician: what is in force first, then the path
/// through the wheel as a compact chart, then the timeline. Words describe, never judge.
public struct JourneyText {
    public let journey: Journey
    /// Today (`YYYY-MM-DD`), for "since" and overdue reviews; the journey itself never depends on it.
    public let today: String
    /// What the reader may see; the text says what is left out.
    public var categories: Set<InformationCategory> = Set(InformationCategory.allCases)

    public init(journey: Journey, today: String, categories: Set<InformationCategory> = Set(InformationCategory.allCases)) {
        (self.journey, self.today, self.categories) = (journey, today, categories)
    }

    /// The journey as French text.
    public func render() -> String {
        var lines: [String] = []
        let follow = journey.followUp
        lines.append("Parcours de \(journey.participant) — suivi \(follow.open ? "ouvert" : "fermé")\(follow.since.map { " depuis le \($0)" } ?? "")")
        let hidden = InformationCategory.allCases.filter { !categories.contains($0) }
        if !hidden.isEmpty {
            lines.append("Vue partielle, selon la politique d'accès — non affiché : " + hidden.map(\.frenchLabel).joined(separator: ", "))
        }
        if let admission = journey.admission {
            lines.append("Admission le \(admission.on)\(mark(admission.id)) par \(admission.admittedBy), orientée par \(admission.referringOrganization)")
            lines.append("  \(admission.name) · née ou né le \(admission.dateOfBirth)\(admission.ageAtAdmission.map { " (\($0) ans à l'admission)" } ?? "")"
                         + " · identité de genre : \(admission.genderIdentity) · langue : \(admission.preferredLanguage)")
            if let contact = admission.contact { lines.append("  Joindre : \(contact)") }
        }
        lines.append("Équipe de suivi : \(journey.careTeam.isEmpty ? "personne pour l'instant" : journey.careTeam.joined(separator: ", "))")
        lines.append("Obligations légales : " + (journey.obligationsExplainedOn.map { "expliquées le \($0)" } ?? "pas encore expliquées"))
        if let stage = journey.stage {
            lines.append("Où en est la personne : \(stage.engagementStep.frenchLabel) · roue : \(stage.wheelStage.frenchLabel)\(mark(stage.id))"
                         + " — évalué le \(stage.on)\(since(stage.on))")
            if let said = stage.personSaid { lines.append("  Ce que la personne a dit : « \(said) »") }
        }
        lines += ["", "Chemin dans la roue"] + wheelChart()
        if !journey.rulers.isEmpty {
            lines.append("  Importance : " + journey.rulers.map { String($0.importance) }.joined(separator: " → ")
                         + " · Confiance : " + journey.rulers.map { String($0.confidence) }.joined(separator: " → "))
        }
        lines += section("Chutes — des moments du parcours", journey.relapses.map { relapse in
            let factors = relapse.factors.map { "\($0.origin == .external ? "externe" : "interne") : \($0.description)" }.joined(separator: " ; ")
            return "\(relapse.startedOn)\(relapse.endedOn.map { " → \($0)" } ?? "") · \(relapse.kind.frenchLabel)\(mark(relapse.id))"
                + (factors.isEmpty ? "" : " · facteurs — \(factors)") + (relapse.whatHelped.map { " · ce qui a aidé : \($0)" } ?? "")
        })
        lines += section("Plan d'action en vigueur", journey.plan.map { entry in
            let plan = entry.plan
            let overdue = plan.reviewOn < today ? " (date de révision passée)" : ""
            return ["Version \(plan.revision) du \(entry.on)\(mark(entry.id)), à revoir le \(plan.reviewOn)\(overdue)"]
                + plan.needs.sorted { $0.priority < $1.priority }.map { "  besoin \($0.priority) : \($0.need)" }
                + plan.objectives.map { objective in
                    "  objectif (\(Self.status(objective.status))) : \(objective.what)"
                        + (objective.measure.map { " · mesure : \($0)" } ?? "") + (objective.targetDate.map { " · visé pour le \($0)" } ?? "")
                }
                + (plan.means.isEmpty ? [] : ["  moyens choisis : " + plan.means.joined(separator: ", ")])
                + (journey.planHistory.isEmpty ? [] : ["  versions antérieures : " + journey.planHistory.map { "\($0.plan.revision) (\($0.on))" }.joined(separator: ", ")])
        } ?? [])
        lines += section("Plan de chute en vigueur", journey.fallPlan.map { entry in
            ["Version \(entry.plan.revision) du \(entry.on)\(mark(entry.id))"]
                + entry.plan.riskSituations.map { "  \($0.situation) (signal \(Self.signal($0.signalKind))) → \($0.copingStrategies.joined(separator: ", "))" }
                + (entry.plan.peopleToCall.isEmpty ? [] : ["  personnes à appeler : " + entry.plan.peopleToCall.map(\.name).joined(separator: ", ")])
        } ?? [])
        lines += section("Sécurité", journey.safety.map { entry in
            ["Danger \(entry.assessment.dangerLevel.frenchLabel) le \(entry.on)\(mark(entry.id)) · risques : "
                + entry.assessment.risks.map(\.rawValue).joined(separator: ", "),
             "  plan de crise : " + (entry.assessment.crisisPlan ?? "aucun consigné")]
        } ?? [])
        lines += section("Orientations", journey.referrals.map { referral in
            "\(referral.on) → \(referral.to.name) (\(referral.to.kind.frenchLabel))\(mark(referral.id)) · \(referral.status.frenchLabel)"
        })
        lines += section("Consentements", journey.consents.map { consent in
            let state = consent.withdrawnOn.map { "retiré le \($0)" } ?? (consent.isInForce(on: today) ? "en vigueur" : "échu")
            let categories = consent.categories.filter { !consent.withdrawnCategories.contains($0) }.map(\.frenchLabel)
            return "\(consent.on) · \(consent.scope.frenchLabel) · \(categories.joined(separator: ", ")) · \(state)\(mark(consent.id))"
        })
        lines += section("Refus d'accès exprimés par la personne", journey.refusals.map { refusal in
            "\(refusal.on) · \(refusal.scope.frenchLabel)\(mark(refusal.id)) · " + (refusal.liftedOn.map { "levé le \($0)" } ?? "en vigueur")
                + (refusal.reason.map { " · « \($0) »" } ?? "")
        })
        lines += section("Divulgations légales (toujours visibles pour la personne)", journey.disclosures.map { entry in
            let disclosure = entry.disclosure
            return "\(entry.on) · \(disclosure.legalBasis.frenchLabel) · à \(disclosure.recipient) · par \(entry.by)\(mark(entry.id)) · "
                + (disclosure.participantTold ? "personne informée\(disclosure.participantToldAt.map { " le \($0.prefix(10))" } ?? "")" : "personne pas encore informée")
        })
        lines += section("Rencontres et activités", journey.sessions.map { "\($0.kind.frenchLabel) : \($0.count) (\($0.minutes) min), dernière le \($0.lastOn)" })
        lines += section("Avertissements cliniques ouverts", journey.warnings.map { "depuis le \($0.since) : \($0.message)" })
        if !journey.corrections.isEmpty || journey.voidedCount > 0 {
            lines += ["", "† valeur corrigée par une entrée ultérieure (\(journey.corrections.count)) ; entrées annulées, retirées de la vue et conservées au journal : \(journey.voidedCount)"]
        }
        lines += ["", "Chronologie"] + timeline().map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// One line per act, in date order.
    public func timeline() -> [String] { Self.lines(of: journey.timeline) }

    /// One line per entry of a timeline.
    public static func lines(of entries: [Journey.TimelineEntry]) -> [String] {
        entries.map { entry in
            "\(entry.occurredAt.prefix(16).replacingOccurrences(of: "T", with: " ")) · \(entry.summary)\(entry.corrected ? " †" : "") · \(entry.author)"
        }
    }

    /// The path through the wheel: one column per stage episode, oldest first (the last twelve).
    func wheelChart() -> [String] {
        let episodes = journey.episodes.suffix(12)
        guard !episodes.isEmpty else { return ["  (aucune étape évaluée)"] }
        let width = WheelStage.allCases.map(\.frenchLabel.count).max()!
        var lines = WheelStage.allCases.map { stage in
            "  " + stage.frenchLabel.padding(toLength: width, withPad: " ", startingAt: 0) + " "
                + episodes.map { $0.wheelStage == stage ? " ● " : " · " }.joined()
        }
        lines.append("  " + String(repeating: " ", count: width + 1) + episodes.map { _ in " | " }.joined())
        lines += episodes.map { episode in
            "  \(episode.from) \(episode.wheelStage.frenchLabel)"
                + (episode.days.map { ", \($0) jours" } ?? ", en cours\(since(episode.from))")
        }
        lines += journey.transitions.suffix(11).map { "  \($0.on) : \($0.from.frenchLabel) → \($0.to.frenchLabel) (\($0.direction.frenchLabel))\(mark($0.id))" }
        return lines
    }

    private func section(_ title: String, _ items: [String]) -> [String] {
        ["", title] + (items.isEmpty ? ["  —"] : items.map { "  " + $0 })
    }

    private func mark(_ id: String) -> String { journey.corrections[id] == nil ? "" : " †" }

    private func since(_ day: String) -> String {
        guard let days = Journey.days(from: day, to: today), days >= 0 else { return "" }
        return days == 0 ? " (aujourd'hui)" : days == 1 ? " (hier)" : " (il y a \(days) jours)"
    }

    static func status(_ status: PlanRevision.ObjectiveStatus) -> String {
        switch status {
        case .active: "actif"
        case .reached: "atteint"
        case .paused: "en pause"
        case .revised: "révisé"
        }
    }


    static func signal(_ kind: FallPlanRevision.SignalKind) -> String {
        switch kind {
        case .situational: "situationnel"
        case .behavioural: "comportemental"
        case .affective: "affectif"
        case .cognitive: "cognitif"
        }
    }
}
