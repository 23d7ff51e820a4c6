import Foundation
import ParcoursClinical

extension Journey {
    /// Acts that are a contact with the person, for "last contact".
    static let contactActs: Set<ClinicalActType> = [
        .participantEnrolled, .obligationsExplained, .stageAssessed, .decisionalBalanceRecorded, .planRevised,
        .fallPlanRevised, .relapseRecorded, .safetyAssessed, .sessionHeld, .traumaObserved, .consentGiven,
        .consentRefused,
    ]

    /// What answers an open warning: the act types after which it no longer stands.
    static let answeredBy: [WarningCode: Set<ClinicalActType>] = [
        .planReviewOverdue: [.planRevised],
        .severalActiveObjectives: [.planRevised],
        .obligationsNotExplained: [.obligationsExplained],
        .noFallPlanInAction: [.fallPlanRevised, .stageAssessed],
        .stagePairUnusual: [.stageAssessed],
        .balanceWithoutStage: [.stageAssessed],
        .dangerWithoutCrisisPlan: [.safetyAssessed],
    ]

    /// Applies one act as recorded, on top of what came before it in the stream.
    /// Returns false (and changes nothing but the position) when the payload is erased
    /// or is not a readable act.
    @discardableResult
    public mutating func apply(_ event: ProjectedEvent) -> Bool { apply(event, RecordedAct.decode(event)) }

    /// Applies an act already read back from `event`.
    @discardableResult
    public mutating func apply(_ event: ProjectedEvent, _ recorded: RecordedAct?) -> Bool {
        throughSeq = max(throughSeq, event.seq + 1)
        guard let recorded else { return false }
        let act = recorded.type, occurredAt = recorded.occurredAt, day = Self.day(occurredAt)
        // One line in French, and its English (every string of the pages in both).
        let summary: (french: String, english: String)
        switch recorded.act {
        case .enrolment(let enrolment): summary = enrolled(enrolment, recorded, event)
        case .obligations(let explanation):
            obligationsExplainedOn = day
            summary = ("Obligations légales expliquées" + (explanation.rulesAgreed ? " ; règles du suivi convenues" : ""),
                       "Legal obligations explained" + (explanation.rulesAgreed ? "; rules of the follow-up agreed" : ""))
        case .stage(let assessment): summary = assessed(assessment, day: day, event)
        case .balance(let balance):
            balances.append(BalanceEntry(id: event.id, on: day, balance: balance))
            summary = ("Balance décisionnelle consignée", "Decisional balance recorded")
        case .plan(let revision):
            if let plan { planHistory.append(plan) }
            plan = PlanEntry(id: event.id, on: day, plan: revision)
            let active = revision.objectives.filter { $0.status == .active }.count
            summary = ("Plan d'action, version \(revision.revision) : \(revision.objectives.count) objectif(s), \(active) actif(s), révision le \(revision.reviewOn)",
                       "Action plan, version \(revision.revision): \(revision.objectives.count) objective(s), \(active) active, review on \(revision.reviewOn)")
        case .fallPlan(let revision):
            fallPlan = FallPlanEntry(id: event.id, on: day, plan: revision)
            summary = ("Plan de chute, version \(revision.revision) : \(revision.riskSituations.count) situation(s) à risque",
                       "Fall plan, version \(revision.revision): \(revision.riskSituations.count) risk situation(s)")
        case .relapse(let relapse):
            relapses.append(RelapseEntry(id: event.id, on: day, kind: relapse.kind, startedOn: relapse.startedOn,
                                         endedOn: relapse.endedOn, factors: relapse.factors, whatHelped: relapse.whatHelped))
            summary = ("Chute \(relapse.kind.frenchLabel), depuis le \(relapse.startedOn)" + (relapse.endedOn.map { " jusqu'au \($0)" } ?? "")
                           + " : un moment du parcours, facteurs et appuis consignés",
                       "\(relapse.kind.englishLabel.capitalizedFirst) relapse, starting on \(relapse.startedOn)" + (relapse.endedOn.map { " until \($0)" } ?? "")
                           + ": a moment of the path, factors and supports recorded")
        case .safety(let assessment):
            safety = SafetyEntry(id: event.id, on: day, assessment: assessment)
            safetyLevels.append(SafetyLevelReading(on: day, level: assessment.dangerLevel))
            summary = ("Évaluation de la sécurité : danger \(assessment.dangerLevel.frenchLabel)" + (assessment.crisisPlan == nil ? "" : ", plan de crise consigné"),
                       "Safety assessment, level of danger: \(assessment.dangerLevel.englishLabel)" + (assessment.crisisPlan == nil ? "" : ", crisis plan recorded"))
        case .session(let session):
            if let index = sessions.firstIndex(where: { $0.kind == session.kind }) {
                sessions[index].count += 1
                sessions[index].minutes += session.minutes
                sessions[index].lastOn = max(sessions[index].lastOn, day)
            } else {
                sessions.append(SessionTally(kind: session.kind, count: 1, minutes: session.minutes, lastOn: day))
                sessions.sort { $0.kind.rawValue < $1.kind.rawValue }
            }
            summary = ("\(session.kind.frenchLabel.capitalizedFirst) (\(session.minutes) min)", "\(session.kind.englishLabel.capitalizedFirst) (\(session.minutes) min)")
        case .referral(let referral):
            referrals.append(ReferralEntry(id: event.id, on: day, to: referral.to, reason: referral.reason, urgency: referral.urgency,
                                           consent: referral.consent))
            summary = ("Orientation vers \(referral.to.name) (\(referral.to.kind.frenchLabel)), urgence \(referral.urgency.frenchLabel)",
                       "Referral to \(referral.to.name) (\(referral.to.kind.englishLabel)), urgency: \(referral.urgency.englishLabel)")
        case .referralUpdate(let update):
            let status = ReferralEntry.Status(rawValue: update.status.rawValue) ?? .pending
            let index = referrals.firstIndex { $0.id == update.referral }
            if let index {
                referrals[index].status = status
                referrals[index].updates.append(.init(id: event.id, on: day, status: status, reason: update.reason))
            }
            summary = ("Orientation\(index.map { " vers \(referrals[$0].to.name)" } ?? "") : \(update.status.frenchLabel)",
                       "Referral\(index.map { " to \(referrals[$0].to.name)" } ?? ""): \(update.status.englishLabel)")
        case .consent(let decision): summary = consented(decision, given: act == .consentGiven, day: day, event)
        case .refusal(let refusal):
            // Recorded late: a consent with the same scope given on a later day already decided after it.
            let lifted = consents.filter { $0.scope == refusal.scope && $0.on > day }.map(\.on).min()
            refusals.append(RefusalEntry(id: event.id, on: day, scope: refusal.scope, decidedBy: refusal.decidedBy, reason: refusal.reason,
                                         liftedOn: lifted))
            summary = ("Refus d'accès — \(refusal.scope.frenchLabel)", "Refusal of access — \(refusal.scope.englishLabel)")
        case .disclosure(let disclosure):
            disclosures.append(DisclosureEntry(id: event.id, on: day, by: event.author, disclosure: disclosure))
            summary = ("Divulgation légale (\(disclosure.legalBasis.frenchLabel)) à \(disclosure.recipient)"
                           + (disclosure.participantTold ? " ; la personne en a été informée" : " ; la personne n'en a pas encore été informée"),
                       "Legal disclosure (\(disclosure.legalBasis.englishLabel)) to \(disclosure.recipient)"
                           + (disclosure.participantTold ? "; the person was told" : "; the person has not been told yet"))
        case .trauma(let observation):
            traumaObservations.append(TraumaEntry(id: event.id, on: day, observation: observation))
            summary = ("Observation tenant compte du trauma : \(observation.symptoms.count) manifestation(s), \(observation.triggers.count) déclencheur(s)",
                       "Trauma-informed observation: \(observation.symptoms.count) symptom(s) observed, \(observation.triggers.count) trigger(s)")
        case .careTeam(let change):
            let joined = act == .careTeamAssigned
            var team = Set(careTeam)
            if joined { team.insert(change.clinician) } else { team.remove(change.clinician) }
            careTeam = team.sorted()
            careTeamChanges.append(CareTeamEntry(on: day, clinician: change.clinician, joined: joined))
            summary = joined ? ("\(change.clinician) se joint à l'équipe de suivi", "\(change.clinician) joins the care team")
                : ("\(change.clinician) quitte l'équipe de suivi", "\(change.clinician) leaves the care team")
        case .followUp(let change):
            followUp = FollowUpState(open: act == .followUpReopened, since: day, reason: change.reason)
            summary = act == .followUpClosed ? ("Fermeture du suivi", "Follow-up closed") : ("Réouverture du suivi", "Follow-up reopened")
        case .correction: summary = ("Correction d'une entrée antérieure", "Correction of an earlier entry")
        case .voiding:
            summary = ("Annulation d'une entrée antérieure (retirée de la vue, conservée au journal)",
                       "Voiding of an earlier entry (removed from view, kept in the log)")
        }
        if Self.contactActs.contains(act) { lastContactOn = max(lastContactOn ?? day, day) }
        warnings.removeAll { Self.answeredBy[$0.code]?.contains(act) == true }
        for warning in recorded.warnings {
            warnings.removeAll { $0.code == warning.code }
            warnings.append(OpenWarning(code: warning.code, message: warning.message, since: day, act: event.id))
        }
        let entry = TimelineEntry(id: event.id, seq: event.seq, occurredAt: occurredAt, type: event.type, author: event.author,
                                  summary: summary.french, englishSummary: summary.english, corrected: corrections[event.id] != nil)
        var index = timeline.endIndex
        while index > timeline.startIndex, (timeline[index - 1].occurredAt, timeline[index - 1].seq) > (entry.occurredAt, entry.seq) {
            index -= 1
        }
        timeline.insert(entry, at: index)
        return true
    }

    private mutating func enrolled(_ enrolment: ParticipantEnrolment, _ recorded: RecordedAct, _ event: ProjectedEvent)
        -> (french: String, english: String) {
        let day = Self.day(recorded.occurredAt)
        let age = (try? ClinicalDate.day(enrolment.identity.dateOfBirth, field: "")).flatMap { born in
            ClinicalDate.instantOrNil(recorded.occurredAt).map { ClinicalDate.age(born: born, at: $0) }
        }
        admission = Admission(id: event.id, on: day, admittedBy: event.author, name: enrolment.identity.name,
                              dateOfBirth: enrolment.identity.dateOfBirth, contact: enrolment.identity.contact, ageAtAdmission: age,
                              genderIdentity: enrolment.genderIdentity, preferredLanguage: enrolment.preferredLanguage,
                              referringOrganization: enrolment.referringOrganization, voluntary: enrolment.voluntary,
                              recognizesHarms: enrolment.recognizesHarms)
        followUp = FollowUpState(open: true, since: day, reason: nil)
        return ("Admission, orientée par \(enrolment.referringOrganization)", "Admission, referred by \(enrolment.referringOrganization)")
    }

    private mutating func assessed(_ assessment: StageAssessment, day: String, _ event: ProjectedEvent) -> (french: String, english: String) {
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
        assessments.append(StageReading(id: event.id, on: day, engagementStep: assessment.engagementStep, wheelStage: assessment.wheelStage,
                                        importance: assessment.importance, confidence: assessment.confidence))
        return ("Étape : \(assessment.engagementStep.frenchLabel) ; roue : \(assessment.wheelStage.frenchLabel) (importance \(assessment.importance)/10, confiance \(assessment.confidence)/10)",
                "Step: \(assessment.engagementStep.englishLabel); wheel: \(assessment.wheelStage.englishLabel) (importance \(assessment.importance)/10, confidence \(assessment.confidence)/10)")
    }

    private mutating func consented(_ decision: ConsentDecision, given: Bool, day: String, _ event: ProjectedEvent)
        -> (french: String, english: String) {
        let categories = decision.categories.map(\.frenchLabel).joined(separator: ", ")
        let englishCategories = decision.categories.map(\.englishLabel).joined(separator: ", ")
        if given {
            // The latest decision for a scope wins: consent lifts the refusals it names.
            for index in refusals.indices where refusals[index].scope == decision.scope && refusals[index].liftedOn == nil
                && refusals[index].on <= day {
                refusals[index].liftedOn = day
            }
            consents.append(ConsentEntry(id: event.id, on: day, scope: decision.scope, categories: decision.categories,
                                         purpose: decision.purpose, expiresOn: decision.expiresOn, decidedBy: decision.decidedBy))
            return ("Consentement donné — \(decision.scope.frenchLabel) : \(categories)",
                    "Consent given — \(decision.scope.englishLabel): \(englishCategories)")
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
        return ("Consentement retiré — \(decision.scope.frenchLabel) : \(categories)",
                "Consent withdrawn — \(decision.scope.englishLabel): \(englishCategories)")
    }

    /// Whole days from one day to another (`YYYY-MM-DD`).
    public static func days(from start: String, to end: String) -> Int? {
        guard let first = dayNumber(start), let last = dayNumber(end) else { return nil }
        return last - first
    }

    /// A day (`YYYY-MM-DD`, or its parts without leading zeros) as a count of days from
    /// 1970-01-01; nil when it is not one. The usual form is read straight from its digits: the
    /// charts place every assessment of a journey page by it.
    public static func dayNumber(_ day: String) -> Int? {
        var text = day
        let fixed: Int?? = text.withUTF8 { bytes -> Int?? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return .none }
            func digits(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = digits(0..<4), let month = digits(5..<7), let date = digits(8..<10) else { return .some(nil) }
            return .some(ClinicalDate.daysFromCivil(year: year, month: month, day: date))
        }
        if let fixed { return fixed }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return ClinicalDate.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
    }
}

extension String {
    /// The same text with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension RecordedAct {
    /// The act an event carries; nil when erased or not a readable clinical act.
    static func decode(_ event: ProjectedEvent) -> RecordedAct? {
        event.payload.flatMap { decode(type: event.type, data: $0, schema: event.schema, using: ParsedJSONData(data: $0)) }
    }
}
