import Foundation
import ParcoursClinical
import ParcoursStore

/// An act as stored: its own members, plus the instant it happened and the warnings
/// recorded with it, read in one pass.
struct StoredAct<Act: Decodable>: Decodable {
    var act: Act
    var occurredAt: String
    var warnings: [ClinicalWarning]

    enum Keys: String, CodingKey { case occurredAt, warnings }

    init(from decoder: Decoder) throws {
        act = try Act(from: decoder)
        let container = try decoder.container(keyedBy: Keys.self)
        // In UTC, as the log writes instants, so days and date order agree whatever offset was given.
        let given = try container.decode(String.self, forKey: .occurredAt)
        occurredAt = ClinicalDate.instantOrNil(given).map(ClinicalDate.format) ?? given
        warnings = try container.decodeIfPresent([ClinicalWarning].self, forKey: .warnings) ?? []
    }
}

extension Journey {
    /// Acts that are a contact with the person, for "last contact".
    static let contactActs: Set<ClinicalActType> = [
        .participantEnrolled, .obligationsExplained, .stageAssessed, .decisionalBalanceRecorded, .planRevised,
        .fallPlanRevised, .relapseRecorded, .safetyAssessed, .sessionHeld, .traumaObserved, .consentGiven,
    ]

    /// What answers an open warning: the act types after which it no longer stands.
    static let answeredBy: [String: Set<ClinicalActType>] = [
        "plan-review-overdue": [.planRevised],
        "several-active-objectives": [.planRevised],
        "obligations-not-explained": [.obligationsExplained],
        "no-fall-plan-in-action": [.fallPlanRevised, .stageAssessed],
        "stage-pair-unusual": [.stageAssessed],
        "balance-without-stage": [.stageAssessed],
        "danger-without-crisis-plan": [.safetyAssessed],
    ]

    /// Applies one act as recorded, on top of what came before it in the stream.
    /// Returns false (and changes nothing but the position) when the payload is erased
    /// or is not a readable act.
    @discardableResult
    public mutating func apply(_ event: ProjectedEvent) -> Bool {
        throughSeq = max(throughSeq, event.seq + 1)
        guard var data = event.payload, let act = ClinicalActType(rawValue: event.type) else { return false }
        if event.schema < act.currentSchema {
            guard let upcast = try? ClinicalUpcaster.upcast(type: event.type, schema: event.schema, data: data) else { return false }
            data = upcast
        }
        let decoder = JSONDecoder()
        func read<A: Decodable>(_ type: A.Type) -> StoredAct<A>? { try? decoder.decode(StoredAct<A>.self, from: data) }
        let context: (occurredAt: String, warnings: [ClinicalWarning], summary: String)?
        switch act {
        case .participantEnrolled: context = read(ParticipantEnrolment.self).map { enrolled($0, event) }
        case .obligationsExplained: context = read(ObligationsExplanation.self).map { stored in
            obligationsExplainedOn = Self.day(stored.occurredAt)
            return (stored.occurredAt, stored.warnings, "Obligations légales expliquées" + (stored.act.rulesAgreed ? "; règles du suivi convenues" : ""))
        }
        case .stageAssessed: context = read(StageAssessment.self).map { assessed($0, event) }
        case .decisionalBalanceRecorded: context = read(DecisionalBalance.self).map { stored in
            balances.append(BalanceEntry(id: event.id, on: Self.day(stored.occurredAt), balance: stored.act))
            return (stored.occurredAt, stored.warnings, "Balance décisionnelle consignée")
        }
        case .planRevised: context = read(PlanRevision.self).map { stored in
            if let plan { planHistory.append(plan) }
            plan = PlanEntry(id: event.id, on: Self.day(stored.occurredAt), plan: stored.act)
            let active = stored.act.objectives.filter { $0.status == .active }.count
            return (stored.occurredAt, stored.warnings,
                    "Plan d'action, version \(stored.act.revision) : \(stored.act.objectives.count) objectif(s), \(active) actif(s), révision le \(stored.act.reviewOn)")
        }
        case .fallPlanRevised: context = read(FallPlanRevision.self).map { stored in
            fallPlan = FallPlanEntry(id: event.id, on: Self.day(stored.occurredAt), plan: stored.act)
            return (stored.occurredAt, stored.warnings,
                    "Plan de chute, version \(stored.act.revision) : \(stored.act.riskSituations.count) situation(s) à risque")
        }
        case .relapseRecorded: context = read(RelapseRecord.self).map { stored in
            let relapse = stored.act
            relapses.append(RelapseEntry(id: event.id, on: Self.day(stored.occurredAt), kind: relapse.kind, startedOn: relapse.startedOn,
                                         endedOn: relapse.endedOn, factors: relapse.factors, whatHelped: relapse.whatHelped))
            return (stored.occurredAt, stored.warnings, "Chute \(relapse.kind.frenchLabel), depuis le \(relapse.startedOn)"
                        + (relapse.endedOn.map { " jusqu'au \($0)" } ?? "") + " : un moment du parcours, facteurs et appuis consignés")
        }
        case .safetyAssessed: context = read(SafetyAssessment.self).map { stored in
            let day = Self.day(stored.occurredAt)
            safety = SafetyEntry(id: event.id, on: day, assessment: stored.act)
            safetyLevels.append(SafetyLevelReading(on: day, level: stored.act.dangerLevel))
            return (stored.occurredAt, stored.warnings, "Évaluation de la sécurité : danger \(stored.act.dangerLevel.frenchLabel)"
                        + (stored.act.crisisPlan == nil ? "" : ", plan de crise consigné"))
        }
        case .sessionHeld: context = read(SessionRecord.self).map { stored in
            let session = stored.act, day = Self.day(stored.occurredAt)
            if let index = sessions.firstIndex(where: { $0.kind == session.kind }) {
                sessions[index].count += 1
                sessions[index].minutes += session.minutes
                sessions[index].lastOn = max(sessions[index].lastOn, day)
            } else {
                sessions.append(SessionTally(kind: session.kind, count: 1, minutes: session.minutes, lastOn: day))
                sessions.sort { $0.kind.rawValue < $1.kind.rawValue }
            }
            return (stored.occurredAt, stored.warnings, "\(session.kind.frenchLabel.capitalizedFirst) (\(session.minutes) min)")
        }
        case .referralMade: context = read(Referral.self).map { stored in
            let referral = stored.act
            referrals.append(ReferralEntry(id: event.id, on: Self.day(stored.occurredAt), to: referral.to, reason: referral.reason,
                                           urgency: referral.urgency, consent: referral.consent))
            return (stored.occurredAt, stored.warnings,
                    "Orientation vers \(referral.to.name) (\(referral.to.kind.frenchLabel)), urgence \(referral.urgency.frenchLabel)")
        }
        case .referralUpdated: context = read(ReferralUpdate.self).map { stored in
            let update = stored.act
            let status = ReferralEntry.Status(rawValue: update.status.rawValue) ?? .pending
            let index = referrals.firstIndex { $0.id == update.referral }
            if let index {
                referrals[index].status = status
                referrals[index].updates.append(.init(id: event.id, on: Self.day(stored.occurredAt), status: status, reason: update.reason))
            }
            let name = index.map { " vers \(referrals[$0].to.name)" } ?? ""
            return (stored.occurredAt, stored.warnings, "Orientation\(name) : \(update.status.frenchLabel)")
        }
        case .consentGiven, .consentWithdrawn: context = read(ConsentDecision.self).map { consented($0, event, given: act == .consentGiven) }
        case .legalDisclosure: context = read(LegalDisclosure.self).map { stored in
            disclosures.append(DisclosureEntry(id: event.id, on: Self.day(stored.occurredAt), by: event.author, disclosure: stored.act))
            return (stored.occurredAt, stored.warnings, "Divulgation légale (\(stored.act.legalBasis.frenchLabel)) à \(stored.act.recipient)"
                        + (stored.act.participantTold ? "; la personne en a été informée" : "; la personne n'en a pas encore été informée"))
        }
        case .traumaObserved: context = read(TraumaObservation.self).map { stored in
            traumaObservations.append(TraumaEntry(id: event.id, on: Self.day(stored.occurredAt), observation: stored.act))
            return (stored.occurredAt, stored.warnings, "Observation tenant compte du trauma : \(stored.act.symptoms.count) manifestation(s), \(stored.act.triggers.count) déclencheur(s)")
        }
        case .careTeamAssigned, .careTeamReleased: context = read(CareTeamChange.self).map { stored in
            let joined = act == .careTeamAssigned, clinician = stored.act.clinician
            var team = Set(careTeam)
            if joined { team.insert(clinician) } else { team.remove(clinician) }
            careTeam = team.sorted()
            careTeamChanges.append(CareTeamEntry(on: Self.day(stored.occurredAt), clinician: clinician, joined: joined))
            return (stored.occurredAt, stored.warnings, joined ? "\(clinician) se joint à l'équipe de suivi" : "\(clinician) quitte l'équipe de suivi")
        }
        case .followUpClosed, .followUpReopened: context = read(FollowUpChange.self).map { stored in
            followUp = FollowUpState(open: act == .followUpReopened, since: Self.day(stored.occurredAt), reason: stored.act.reason)
            return (stored.occurredAt, stored.warnings, act == .followUpClosed ? "Fermeture du suivi" : "Réouverture du suivi")
        }
        case .entryCorrected: context = read(EntryCorrection.self).map { stored in
            (stored.occurredAt, stored.warnings, "Correction d'une entrée antérieure")
        }
        case .entryVoided: context = read(EntryVoiding.self).map { stored in
            (stored.occurredAt, stored.warnings, "Annulation d'une entrée antérieure (retirée de la vue, conservée au journal)")
        }
        }
        guard let context else { return false }
        let day = Self.day(context.occurredAt)
        if Self.contactActs.contains(act) { lastContactOn = max(lastContactOn ?? day, day) }
        warnings.removeAll { Self.answeredBy[$0.code]?.contains(act) == true }
        for warning in context.warnings {
            warnings.removeAll { $0.code == warning.code }
            warnings.append(OpenWarning(code: warning.code, message: warning.message, since: day, act: event.id))
        }
        let entry = TimelineEntry(id: event.id, seq: event.seq, occurredAt: context.occurredAt, type: event.type, author: event.author,
                                  summary: context.summary, corrected: corrections[event.id] != nil)
        var index = timeline.endIndex
        while index > timeline.startIndex, (timeline[index - 1].occurredAt, timeline[index - 1].seq) > (entry.occurredAt, entry.seq) {
            index -= 1
        }
        timeline.insert(entry, at: index)
        return true
    }

    private mutating func enrolled(_ stored: StoredAct<ParticipantEnrolment>, _ event: ProjectedEvent) -> (String, [ClinicalWarning], String) {
        let enrolment = stored.act, day = Self.day(stored.occurredAt)
        let age = (try? ClinicalDate.day(enrolment.identity.dateOfBirth, field: "")).flatMap { born in
            ClinicalDate.instantOrNil(stored.occurredAt).map { ClinicalDate.age(born: born, at: $0) }
        }
        admission = Admission(id: event.id, on: day, admittedBy: event.author, name: enrolment.identity.name,
                              dateOfBirth: enrolment.identity.dateOfBirth, contact: enrolment.identity.contact, ageAtAdmission: age,
                              genderIdentity: enrolment.genderIdentity, preferredLanguage: enrolment.preferredLanguage,
                              referringOrganization: enrolment.referringOrganization, voluntary: enrolment.voluntary,
                              recognizesHarms: enrolment.recognizesHarms)
        followUp = FollowUpState(open: true, since: day, reason: nil)
        return (stored.occurredAt, stored.warnings, "Admission, orientée par \(enrolment.referringOrganization)")
    }

    private mutating func assessed(_ stored: StoredAct<StageAssessment>, _ event: ProjectedEvent) -> (String, [ClinicalWarning], String) {
        let assessment = stored.act, day = Self.day(stored.occurredAt)
        if let previous = stage, previous.wheelStage != assessment.wheelStage {
            transitions.append(StageTransition(id: event.id, on: day, from: previous.wheelStage, to: assessment.wheelStage,
                                               direction: WheelDirection(from: previous.wheelStage, to: assessment.wheelStage)))
            if let last = episodes.indices.last {
                episodes[last].to = day
                episodes[last].days = Self.days(from: episodes[last].from, to: day)
            }
        }
        if stage?.wheelStage != assessment.wheelStage {
            episodes.append(StageEpisode(wheelStage: assessment.wheelStage, from: day, to: nil, days: nil))
        }
        stage = StagePoint(id: event.id, on: day, engagementStep: assessment.engagementStep, wheelStage: assessment.wheelStage,
                           importance: assessment.importance, confidence: assessment.confidence, personSaid: assessment.personSaid)
        rulers.append(RulerReading(on: day, importance: assessment.importance, confidence: assessment.confidence))
        return (stored.occurredAt, stored.warnings,
                "Étape : \(assessment.engagementStep.frenchLabel) ; roue : \(assessment.wheelStage.frenchLabel) (importance \(assessment.importance)/10, confiance \(assessment.confidence)/10)")
    }

    private mutating func consented(_ stored: StoredAct<ConsentDecision>, _ event: ProjectedEvent, given: Bool) -> (String, [ClinicalWarning], String) {
        let decision = stored.act, day = Self.day(stored.occurredAt)
        let categories = decision.categories.map(\.frenchLabel).joined(separator: ", ")
        if given {
            consents.append(ConsentEntry(id: event.id, on: day, scope: decision.scope, categories: decision.categories,
                                         purpose: decision.purpose, expiresOn: decision.expiresOn, decidedBy: decision.decidedBy))
            return (stored.occurredAt, stored.warnings, "Consentement donné — \(decision.scope.frenchLabel) : \(categories)")
        }
        let withdrawn = Set(decision.categories)
        for index in consents.indices where consents[index].scope == decision.scope && consents[index].withdrawnOn == nil {
            let remaining = Set(consents[index].categories).subtracting(consents[index].withdrawnCategories)
            let removed = remaining.intersection(withdrawn)
            guard !removed.isEmpty else { continue }
            consents[index].withdrawnCategories = InformationCategory.allCases.filter {
                consents[index].withdrawnCategories.contains($0) || removed.contains($0)
            }
            if remaining.subtracting(removed).isEmpty { consents[index].withdrawnOn = day }
        }
        return (stored.occurredAt, stored.warnings, "Consentement retiré — \(decision.scope.frenchLabel) : \(categories)")
    }

    /// Whole days from one day to another (`YYYY-MM-DD`).
    public static func days(from start: String, to end: String) -> Int? {
        func number(_ day: String) -> Int? {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return ClinicalDate.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
        }
        guard let first = number(start), let last = number(end) else { return nil }
        return last - first
    }
}

extension String {
    /// The same text with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
