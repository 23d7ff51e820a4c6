import Foundation

/// The rules of the framework, checked before an act is recorded: refusals name the
/// field; warnings are recorded with the act and returned, never refusals.
public enum ClinicalRecorder {
    /// A small allowance for clocks that disagree, when refusing dates in the future.
    static let clockSkew: TimeInterval = 300

    /// Checks an act against the participant's record so far.
    ///
    /// - Parameters:
    ///   - data: the act's data as JSON (canonical, integers only, checked upstream).
    ///   - record: the participant's record, or nil for an admission.
    ///   - authorMayDiagnose: whether the author holds the directory role
    ///     `designated-professional` (a professional designation allowing the diagnosis of
    ///     mental disorders); only then may a `trauma.observed` carry a `diagnosis`.
    /// - Returns: the warnings to record with the act.
    public static func check(type: String, data: Data, occurredAt: String, record: ParticipantRecord?,
                             authorMayDiagnose: Bool = false, now: Date = Date()) throws(ClinicalError) -> [ClinicalWarning] {
        try checked(type: type, data: data, occurredAt: occurredAt, record: record, authorMayDiagnose: authorMayDiagnose, now: now).warnings
    }

    /// Checks an act, then folds it into the participant's record (a new one for an
    /// admission): what recording an act does, the act read only once.
    ///
    /// - Returns: the warnings to record with the act.
    public static func record(type: String, data: Data, occurredAt: String, id: String, participant: String,
                              into record: inout ParticipantRecord?, authorMayDiagnose: Bool = false,
                              now: Date = Date()) throws(ClinicalError) -> [ClinicalWarning] {
        let (warnings, act) = try checked(type: type, data: data, occurredAt: occurredAt, record: record,
                                          authorMayDiagnose: authorMayDiagnose, now: now)
        var updated = record ?? ParticipantRecord(participant: participant)
        updated.apply(type: type, id: id, recorded: act)
        record = updated
        return warnings
    }

    /// Checks an act; returns its warnings and the act as it will be read back.
    static func checked(type: String, data: Data, occurredAt: String, record: ParticipantRecord?,
                        authorMayDiagnose: Bool, now: Date) throws(ClinicalError) -> (warnings: [ClinicalWarning], act: RecordedAct) {
        guard let act = ClinicalActType(rawValue: type) else {
            throw ClinicalError("type", "one of \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", "))",
                fr: "un type d'acte parmi : \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let when = try pastInstant(occurredAt, field: "occurredAt", now: now)
        let (warnings, decoded) = try checked(act, data: data, at: when, record: record, authorMayDiagnose: authorMayDiagnose, now: now)
        return (warnings, RecordedAct(type: act, act: decoded, occurredAt: occurredAt, warnings: warnings))
    }

    /// The rules of one act, its instant already read.
    static func checked(_ act: ClinicalActType, data: Data, at when: Date, record: ParticipantRecord?,
                        authorMayDiagnose: Bool, now: Date) throws(ClinicalError) -> (warnings: [ClinicalWarning], act: RecordedAct.Act) {
        let object = try checkMembers(of: data, allowed: act.members)
        if act == .traumaObserved, object["diagnosis"] != nil, !authorMayDiagnose {
            throw ClinicalError("data.diagnosis", "a diagnosis (PTSD or other) is a reserved act: only an actor holding the role "
                + "\(designatedProfessionalRole) records one; record the observed symptoms and a referral",
                    fr: "un diagnostic (TSPT ou autre) est un acte réservé : seule une personne ayant le rôle \(designatedProfessionalRole) "
                    + "peut en consigner un. Consignez plutôt les symptômes observés et une orientation.")
        }
        let decoded = try read(act, data, object: object, alsoAccepted: act.freeMembers)
        if case .enrolment(let enrolment) = decoded {
            guard record == nil else { throw ClinicalError("participant", "an admission creates the participant; leave it out",
                fr: "l'admission crée l'identifiant de la personne : laissez ce champ vide") }
            return (try checkEnrolment(enrolment, at: when, now: now), decoded)
        }
        guard let record else { throw ClinicalError("participant", "no admitted participant with this id", fr: "aucune personne admise sous cet identifiant") }
        guard !record.erased else { throw ClinicalError("participant", "this participant's record was erased", fr: "le dossier de cette personne a été effacé") }
        guard record.enrolled else { throw ClinicalError("participant", "no admitted participant with this id", fr: "aucune personne admise sous cet identifiant") }
        try checkAfterAdmission(when, field: "occurredAt", record: record)
        if act == .followUpReopened {
            guard record.closed else { throw ClinicalError("type", "the follow-up is open; followup.reopened is for a closed one",
                fr: "le suivi est ouvert : followup.reopened sert à rouvrir un suivi fermé") }
        } else if record.closed {
            throw ClinicalError("participant", "the follow-up is closed; record followup.reopened first",
                fr: "le suivi est fermé : consignez d'abord sa réouverture (followup.reopened)")
        }
        var warnings: [ClinicalWarning] = []
        switch decoded {
        case .enrolment: break
        case .stage(let stage): warnings += try checkStage(stage)
        case .balance(let balance): warnings += try checkBalance(balance, record: record)
        case .relapse(let relapse): try checkRelapse(relapse, now: now)
        case .obligations(let explanation):
            guard explanation.obligationsExplained else { throw ClinicalError("data.obligationsExplained", "must be true: record it once they were explained",
                fr: "doit être vrai (true) : consignez-le une fois les obligations expliquées") }
        case .followUp(let change):
            guard !change.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.reason", "a reason is needed", fr: "une raison est nécessaire") }
        case .consent(let decision): try checkConsent(decision, record: record, at: when)
        case .refusal(let refusal): try checkDecider(refusal.decidedBy, record: record, at: when)
        case .plan(let plan): warnings += try checkPlan(plan, record: record)
        case .session(let session):
            guard (1...1440).contains(session.minutes) else { throw ClinicalError("data.minutes", "a duration from 1 to 1440 minutes", fr: "une durée de 1 à 1440 minutes") }
        case .fallPlan(let plan): try checkFallPlan(plan, record: record)
        case .safety(let safety):
            if [.high, .imminent].contains(safety.dangerLevel), (safety.crisisPlan ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                warnings.append(ClinicalWarning(code: .dangerWithoutCrisisPlan,
                    message: "Danger élevé ou imminent sans plan de crise consigné. — High or imminent danger without a crisis plan."))
            }
        case .referral(let referral):
            guard !referral.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.reason", "why the person is referred", fr: "pourquoi la personne est orientée") }
            if let consent = referral.consent {
                guard record.types[consent] == ClinicalActType.consentGiven.rawValue, !record.voided.contains(consent) else {
                    throw ClinicalError("data.consent", "the id of a consent.given of this participant",
                        fr: "l'identifiant d'un consentement donné (consent.given) de cette personne")
                }
            }
        case .referralUpdate(let update):
            guard record.types[update.referral] == ClinicalActType.referralMade.rawValue else {
                throw ClinicalError("data.referral", "the id of a referral.made of this participant",
                    fr: "l'identifiant d'une orientation (referral.made) de cette personne")
            }
            if update.status == .declined, (update.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ClinicalError("data.reason", "a declined referral says why", fr: "une orientation refusée doit en préciser la raison")
            }
        case .disclosure(let disclosure): try checkDisclosure(disclosure, now: now)
        case .trauma: break
        case .correction(let correction):
            try checkTarget(correction.corrects, field: "data.corrects", record: record)
            guard let members = object["correction"] as? [String: Any], !members.isEmpty else {
                throw ClinicalError("data.correction", "the corrected members, as an object", fr: "les champs corrigés, sous forme d'objet")
            }
            // The corrected members replace the target's in every reader: only members its type has, or its date,
            // held to the rules of a date of an act.
            if let target = record.types[correction.corrects].flatMap(ClinicalActType.init(rawValue:)) {
                let accepted = target.members.union(["occurredAt"])
                if let unknown = members.keys.filter({ !accepted.contains($0) }).sorted().first {
                    throw ClinicalError("data.correction.\(unknown)",
                                        "not a member of \(target.rawValue); accepted: \(accepted.sorted().joined(separator: ", "))",
                                            fr: "pas un champ de \(target.rawValue) (champs acceptés : \(accepted.sorted().joined(separator: ", ")))")
                }
            }
            if let date = members["occurredAt"] {
                let field = "data.correction.occurredAt"
                let corrected = try pastInstant(date as? String ?? "", field: field, now: now)
                if record.types[correction.corrects] != ClinicalActType.participantEnrolled.rawValue {
                    try checkAfterAdmission(corrected, field: field, record: record)
                }
            }
            guard !correction.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.reason", "why it is corrected", fr: "la raison de la correction") }
        case .voiding(let voiding):
            try checkTarget(voiding.voids, field: "data.voids", record: record)
            guard !voiding.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.reason", "why it is voided", fr: "la raison de l'annulation") }
        case .careTeam(let change):
            let member = record.careTeam.contains(change.clinician)
            if act == .careTeamAssigned, member { throw ClinicalError("data.clinician", "already in the care team", fr: "fait déjà partie de l'équipe de suivi") }
            if act == .careTeamReleased, !member { throw ClinicalError("data.clinician", "not in the care team", fr: "ne fait pas partie de l'équipe de suivi") }
        }
        if act != .planRevised, let reviewOn = record.planReviewOn, ClinicalDate.date(reviewOn) < ClinicalDate.startOfDay(when) {
            warnings.append(ClinicalWarning(code: .planReviewOverdue,
                message: "Le plan d'action n'a pas été revu depuis sa date de révision. — The action plan is past its review date."))
        }
        let inAction = if case .stage(let stage) = decoded { stage.wheelStage == .action } else { record.lastStage?.wheelStage == .action }
        if inAction, record.fallPlanRevision == nil, act != .fallPlanRevised {
            warnings.append(ClinicalWarning(code: .noFallPlanInAction,
                message: "La personne est en action et n'a pas encore de plan de chute. — In action without a fall plan."))
        }
        if record.acts >= 2, !record.obligationsExplained, act != .obligationsExplained {
            warnings.append(ClinicalWarning(code: .obligationsNotExplained,
                message: "Les obligations légales n'ont pas encore été expliquées, à la troisième intervention du suivi. — Legal obligations not yet explained at the third act."))
        }
        return (warnings, decoded)
    }

    /// Checks only the shape of an act's data (members, types, vocabularies), without
    /// the rules that need the participant's record.
    public static func checkShape(type: String, data: Data) throws(ClinicalError) {
        guard let act = ClinicalActType(rawValue: type) else { throw ClinicalError("type", "not a clinical act", fr: "pas un acte clinique") }
        let stored: Set<String> = ["occurredAt", "warnings"]
        let object = try checkMembers(of: data, allowed: act.members.union(stored))
        _ = try read(act, data, object: object, alsoAccepted: act.freeMembers.union(stored))
    }

    /// Decodes an act's data (`object`, parsed) as its type, naming the field that does not
    /// fit; members the type does not read are refused at every depth, but for
    /// `alsoAccepted` at the top.
    static func read(_ act: ClinicalActType, _ data: Data, object: [String: Any]? = nil,
                     alsoAccepted: Set<String>) throws(ClinicalError) -> RecordedAct.Act {
        func strictly<A: Decodable>(_ type: A.Type) throws(ClinicalError) -> A {
            try decode(type, data, strictExcept: alsoAccepted, parsed: object)
        }
        return switch act {
        case .participantEnrolled: .enrolment(try strictly(ParticipantEnrolment.self))
        case .obligationsExplained: .obligations(try strictly(ObligationsExplanation.self))
        case .stageAssessed: .stage(try strictly(StageAssessment.self))
        case .decisionalBalanceRecorded: .balance(try strictly(DecisionalBalance.self))
        case .relapseRecorded: .relapse(try strictly(RelapseRecord.self))
        case .followUpClosed, .followUpReopened: .followUp(try strictly(FollowUpChange.self))
        case .consentGiven, .consentWithdrawn: .consent(try strictly(ConsentDecision.self))
        case .consentRefused: .refusal(try checkRefusal(try strictly(ConsentRefusal.self)))
        case .planRevised: .plan(try strictly(PlanRevision.self))
        case .sessionHeld: .session(try strictly(SessionRecord.self))
        case .careTeamAssigned, .careTeamReleased: .careTeam(try strictly(CareTeamChange.self))
        case .fallPlanRevised: .fallPlan(try strictly(FallPlanRevision.self))
        case .safetyAssessed: .safety(try strictly(SafetyAssessment.self))
        case .referralMade: .referral(try strictly(Referral.self))
        case .referralUpdated: .referralUpdate(try strictly(ReferralUpdate.self))
        case .legalDisclosure: .disclosure(try strictly(LegalDisclosure.self))
        case .traumaObserved: .trauma(try checkTrauma(try strictly(TraumaObservation.self), data: data))
        case .entryCorrected: .correction(try strictly(EntryCorrection.self))
        case .entryVoided: .voiding(try strictly(EntryVoiding.self))
        }
    }

    /// The directory role whose holders may record a diagnosis (`Role.designatedProfessional` in ParcoursAccess, which a test holds equal).
    public static let designatedProfessionalRole = "designated-professional"

    /// A diagnosis, when there is one, is exactly `{condition, designation}`, both non-empty.
    static func checkTrauma(_ observation: TraumaObservation, data: Data) throws(ClinicalError) -> TraumaObservation {
        let member = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["diagnosis"]
        guard let diagnosis = observation.diagnosis else {
            if member != nil { throw ClinicalError("data.diagnosis", "an object {condition, designation}, or left out",
                fr: "un objet {condition, designation}, ou rien") }
            return observation
        }
        guard !diagnosis.condition.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ClinicalError("data.diagnosis.condition", "the condition diagnosed, e.g. PTSD", fr: "le trouble diagnostiqué, par exemple TSPT")
        }
        guard !diagnosis.designation.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ClinicalError("data.diagnosis.designation", "the professional designation under which it is made, e.g. psychologue (OPQ)",
                fr: "le titre professionnel sous lequel il est posé, par exemple psychologue (OPQ)")
        }
        return observation
    }

    static func checkEnrolment(_ enrolment: ParticipantEnrolment, at when: Date, now: Date) throws(ClinicalError) -> [ClinicalWarning] {
        guard !enrolment.identity.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.identity.name", "a name is needed", fr: "un nom est nécessaire") }
        let born = try ClinicalDate.day(enrolment.identity.dateOfBirth, field: "data.identity.dateOfBirth")
        let age = ClinicalDate.age(born: born, at: when)
        guard ParticipantEnrolment.ages.contains(age) else {
            throw ClinicalError("data.identity.dateOfBirth", "the program admits people aged 12 to 24 at admission (occurredAt)",
                fr: "le programme admet les personnes âgées de 12 à 24 ans à la date de l'admission (occurredAt)")
        }
        guard enrolment.voluntary else {
            throw ClinicalError("data.voluntary", "participation is voluntary: admission needs the person's free agreement (true)",
                fr: "la participation est volontaire : l'admission demande l'accord libre de la personne (true)")
        }
        guard enrolment.recognizesHarms else {
            throw ClinicalError("data.recognizesHarms", "admission needs the person to recognize the harms, even if not yet ready to change (true)",
                fr: "l'admission demande que la personne reconnaisse les méfaits, même si elle n'est pas encore prête à changer (true)")
        }
        for (field, value) in [("genderIdentity", enrolment.genderIdentity), ("preferredLanguage", enrolment.preferredLanguage),
                               ("referringOrganization", enrolment.referringOrganization)]
        where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ClinicalError("data.\(field)", "must not be empty", fr: "ne doit pas être vide")
        }
        return []
    }

    static func checkStage(_ stage: StageAssessment) throws(ClinicalError) -> [ClinicalWarning] {
        guard StageAssessment.ruler.contains(stage.importance) else { throw ClinicalError("data.importance", "a ruler from 0 to 10", fr: "un nombre entier de 0 à 10") }
        guard StageAssessment.ruler.contains(stage.confidence) else { throw ClinicalError("data.confidence", "a ruler from 0 to 10", fr: "un nombre entier de 0 à 10") }
        guard stage.engagementStep.usualWheelStages.contains(stage.wheelStage) else {
            return [.stagePairUnusual(stage.engagementStep, stage.wheelStage)]
        }
        return []
    }

    static func checkBalance(_ balance: DecisionalBalance, record: ParticipantRecord) throws(ClinicalError) -> [ClinicalWarning] {
        for (side, items) in [("statusQuo.pros", balance.statusQuo.pros), ("statusQuo.cons", balance.statusQuo.cons),
                              ("change.pros", balance.change.pros), ("change.cons", balance.change.cons)] {
            for (index, item) in items.enumerated() where !DecisionalBalance.weights.contains(item.weight) {
                throw ClinicalError("data.\(side)[\(index)].weight", "a weight from 1 to 3", fr: "un poids de 1 à 3")
            }
        }
        let justified = !(balance.clinicalJustification ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        guard let stage = record.lastStage else {
            return [ClinicalWarning(code: .balanceWithoutStage,
                message: "Aucun stade n'a encore été évalué : la balance décisionnelle est contre-indiquée en précontemplation, contemplation, crise et lune de miel.")]
        }
        let contraindicated = [.precontemplation, .contemplation].contains(stage.wheelStage) || [.crisis, .honeymoon].contains(stage.engagementStep)
        if contraindicated && !justified {
            throw ClinicalError("data.clinicalJustification",
                "a decisional balance is contraindicated at the stage last assessed (precontemplation, contemplation, crisis or honeymoon); record the clinical justification",
                    fr: "la balance décisionnelle est contre-indiquée au dernier stade évalué (précontemplation, contemplation, crise ou lune de miel) : "
                    + "consignez la justification clinique")
        }
        return []
    }

    /// A correction or voiding targets an act of the same participant that still counts.
    static func checkTarget(_ id: String, field: String, record: ParticipantRecord) throws(ClinicalError) {
        guard let type = record.types[id] else { throw ClinicalError(field, "the id of an earlier act of this participant",
            fr: "l'identifiant d'un acte antérieur de cette personne") }
        guard type != ClinicalActType.participantEnrolled.rawValue || field == "data.corrects" else {
            throw ClinicalError(field, "an admission is not voided; erase the participant instead",
                fr: "une admission ne s'annule pas : effacez plutôt le dossier de la personne")
        }
        guard !record.voided.contains(id) else { throw ClinicalError(field, "that act was already voided", fr: "cet acte a déjà été annulé") }
    }

    static func checkFallPlan(_ plan: FallPlanRevision, record: ParticipantRecord) throws(ClinicalError) {
        let expected = (record.fallPlanRevision ?? 0) + 1
        guard plan.revision == expected else { throw ClinicalError("data.revision", "the next revision is \(expected)", fr: "la prochaine révision porte le numéro \(expected)") }
        guard plan.replaces == record.fallPlanRevision else {
            throw ClinicalError("data.replaces", record.fallPlanRevision.map { "must be \($0), the fall plan in force" } ?? "must be absent for the first fall plan",
                fr: record.fallPlanRevision.map { "doit être \($0), le plan de chute en vigueur" } ?? "doit être absent pour le premier plan de chute")
        }
        guard !plan.riskSituations.isEmpty else { throw ClinicalError("data.riskSituations", "at least one risk situation", fr: "au moins une situation à risque") }
        for (index, situation) in plan.riskSituations.enumerated() where situation.copingStrategies.isEmpty {
            throw ClinicalError("data.riskSituations[\(index)].copingStrategies", "each risk situation has at least one coping strategy",
                fr: "chaque situation à risque a au moins une stratégie d'adaptation")
        }
    }

    static func checkDisclosure(_ disclosure: LegalDisclosure, now: Date) throws(ClinicalError) {
        guard !disclosure.recipient.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.recipient", "who received the information", fr: "qui a reçu l'information") }
        guard !disclosure.categories.isEmpty else { throw ClinicalError("data.categories", "what was disclosed: at least one category",
            fr: "ce qui a été divulgué : au moins une catégorie") }
        guard !disclosure.justification.trimmingCharacters(in: .whitespaces).isEmpty else { throw ClinicalError("data.justification", "why the law required it", fr: "pourquoi la loi l'exigeait") }
        _ = try pastInstant(disclosure.disclosedAt, field: "data.disclosedAt", now: now)
        if disclosure.participantTold {
            guard let toldAt = disclosure.participantToldAt else { throw ClinicalError("data.participantToldAt", "when the person was told", fr: "quand la personne en a été informée") }
            _ = try pastInstant(toldAt, field: "data.participantToldAt", now: now)
        } else if disclosure.participantToldAt != nil {
            throw ClinicalError("data.participantToldAt", "only when participantTold is true", fr: "seulement si participantTold est vrai (true)")
        }
    }

    static func checkConsent(_ consent: ConsentDecision, record: ParticipantRecord, at when: Date) throws(ClinicalError) {
        if [.organization, .clinician].contains(consent.scope.kind), (consent.scope.value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ClinicalError("data.scope.value", "the organization or the clinician the consent is about",
                fr: "l'organisation ou l'intervenant·e que vise le consentement")
        }
        guard !consent.categories.isEmpty else {
            throw ClinicalError("data.categories", "at least one of \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", "))",
                fr: "au moins une catégorie parmi : \(InformationCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let expiresOn = consent.expiresOn { _ = try ClinicalDate.actDay(expiresOn, field: "data.expiresOn") }
        try checkDecider(consent.decidedBy, record: record, at: when)
    }

    /// Under 14 (at the act), consent is given or refused by the holder of parental
    /// authority or the tutor, not by the participant alone.
    static func checkDecider(_ decider: ConsentDecision.Decider, record: ParticipantRecord, at when: Date) throws(ClinicalError) {
        if decider == .participant, let born = record.dateOfBirth,
           ClinicalDate.age(born: born, at: when) < ConsentDecision.ageOfConsent {
            throw ClinicalError("data.decidedBy",
                "under 14, the holder of parental authority or the tutor gives or refuses consent (parental-authority or tutor), not the participant alone",
                    fr: "avant 14 ans, le consentement est donné ou refusé par le ou la titulaire de l'autorité parentale, la tutrice ou le tuteur "
                    + "(parental-authority ou tutor), pas par la personne seule")
        }
    }

    /// A refusal names a clinician (actor id) or an organization (name), or is about
    /// research and names no one; the program itself is not refused (close the follow-up).
    static func checkRefusal(_ refusal: ConsentRefusal) throws(ClinicalError) -> ConsentRefusal {
        let kind = refusal.scope.kind
        guard ConsentRefusal.scopeKinds.contains(kind) else {
            throw ClinicalError("data.scope.kind", "one of clinician, organization or research: whom the person refuses access to",
                fr: "clinician, organization ou research : à qui la personne refuse l'accès")
        }
        let named = !(refusal.scope.value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if kind == .research {
            guard refusal.scope.value == nil else { throw ClinicalError("data.scope.value", "absent for research: the refusal is about all researchers",
                fr: "absent pour la recherche : le refus vise l'ensemble des chercheuses et chercheurs") }
        } else if !named {
            throw ClinicalError("data.scope.value", kind == .clinician ? "the clinician's actor id" : "the organization's name",
                fr: kind == .clinician ? "l'identifiant d'acteur de l'intervenant·e" : "le nom de l'organisation")
        }
        return refusal
    }

    static func checkPlan(_ plan: PlanRevision, record: ParticipantRecord) throws(ClinicalError) -> [ClinicalWarning] {
        let expected = (record.planRevision ?? 0) + 1
        guard plan.revision == expected else { throw ClinicalError("data.revision", "the next revision is \(expected)", fr: "la prochaine révision porte le numéro \(expected)") }
        guard plan.replaces == record.planRevision else {
            throw ClinicalError("data.replaces", record.planRevision.map { "must be \($0), the plan in force" } ?? "must be absent for the first plan",
                fr: record.planRevision.map { "doit être \($0), le plan en vigueur" } ?? "doit être absent pour le premier plan")
        }
        guard !plan.objectives.isEmpty else { throw ClinicalError("data.objectives", "at least one objective", fr: "au moins un objectif") }
        for (index, objective) in plan.objectives.enumerated() {
            guard !objective.what.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ClinicalError("data.objectives[\(index)].what", "what the person wants to change", fr: "ce que la personne veut changer")
            }
            guard let measure = objective.measure, !measure.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ClinicalError("data.objectives[\(index)].measure", "a SMART objective is measurable: say how both will know",
                    fr: "un objectif SMART est mesurable : précisez comment la personne et vous le saurez")
            }
            guard let target = objective.targetDate else {
                throw ClinicalError("data.objectives[\(index)].targetDate", "a SMART objective is time-bound: a date as YYYY-MM-DD",
                    fr: "un objectif SMART est défini dans le temps : une date au format AAAA-MM-JJ")
            }
            _ = try ClinicalDate.actDay(target, field: "data.objectives[\(index)].targetDate")
        }
        for (index, need) in plan.needs.enumerated() where need.priority < 1 {
            throw ClinicalError("data.needs[\(index)].priority", "a rank from 1 (the person's first priority)",
                fr: "un rang à partir de 1 (la première priorité de la personne)")
        }
        _ = try ClinicalDate.actDay(plan.reviewOn, field: "data.reviewOn")
        if plan.objectives.filter({ $0.status == .active }).count > 1 {
            return [ClinicalWarning(code: .severalActiveObjectives,
                message: "Plus d'un objectif actif à la fois : le cadre recommande un objectif à la fois. — More than one active objective.")]
        }
        return []
    }

    static func checkRelapse(_ relapse: RelapseRecord, now: Date) throws(ClinicalError) {
        let started = ClinicalDate.date(try ClinicalDate.actDay(relapse.startedOn, field: "data.startedOn"))
        guard started <= now else { throw ClinicalError("data.startedOn", "must not be in the future", fr: "ne peut pas être dans le futur") }
        if let endedOn = relapse.endedOn {
            let ended = ClinicalDate.date(try ClinicalDate.actDay(endedOn, field: "data.endedOn"))
            guard ended >= started else { throw ClinicalError("data.endedOn", "must not be before startedOn", fr: "ne peut pas précéder startedOn") }
            guard ended <= now else { throw ClinicalError("data.endedOn", "must not be in the future", fr: "ne peut pas être dans le futur") }
        }
    }

    /// No act but the admission is dated before the day of the admission (an act later on
    /// that day is: the hour of an act is not that precise). The error says nothing of the date.
    static func checkAfterAdmission(_ instant: Date, field: String, record: ParticipantRecord) throws(ClinicalError) {
        if let admitted = record.admittedOn, ClinicalDate.startOfDay(instant) < ClinicalDate.date(admitted) {
            throw ClinicalError(field, "not before the participant's admission: the day of her or his participant.enrolled, or later",
                fr: "pas avant l'admission de la personne : le jour de son admission (participant.enrolled) ou plus tard")
        }
    }

    /// An instant something happened (`occurredAt`, `data.disclosedAt`…): well formed, in
    /// a plausible year (`ClinicalDate.actInstant`) and not in the future (beyond `clockSkew`).
    static func pastInstant(_ text: String, field: String, now: Date) throws(ClinicalError) -> Date {
        let instant = try ClinicalDate.actInstant(text, field: field)
        guard instant <= now.addingTimeInterval(clockSkew) else { throw ClinicalError(field, "must not be in the future", fr: "ne peut pas être dans le futur") }
        return instant
    }

    /// Refuses members the act does not know, so a typo never passes silently; returns the
    /// data parsed. A `diagnosis` is refused as a reserved act wherever the act has no
    /// place for one (only `trauma.observed` has).
    static func checkMembers(of data: Data, allowed: Set<String>) throws(ClinicalError) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ClinicalError("data", "a JSON object", fr: "un objet JSON") }
        if object["diagnosis"] != nil, !allowed.contains("diagnosis") {
            throw ClinicalError("data.diagnosis", "a diagnosis (PTSD or other) is a reserved act of designated health professionals, "
                + "recorded only with trauma.observed; record the observed symptoms and a referral",
                    fr: "un diagnostic (TSPT ou autre) est un acte réservé aux professionnel·le·s de la santé habilité·e·s, consigné seulement "
                    + "avec trauma.observed. Consignez plutôt les symptômes observés et une orientation.")
        }
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw ClinicalError("data.\(unknown)", "unknown member; accepted: \(allowed.sorted().joined(separator: ", "))",
                fr: "champ inconnu (champs acceptés : \(allowed.sorted().joined(separator: ", ")))")
        }
        return object
    }

    /// Decodes an act, turning decoding errors into the field they concern. With
    /// `strictExcept`, members the type does not read are refused at every depth, but for
    /// those named at the top (`StrictActDecoder`, given the data `parsed` if it was);
    /// without, they are ignored, as when reading what is already stored.
    static func decode<Act: Decodable>(_ type: Act.Type, _ data: Data, strictExcept alsoAccepted: Set<String>? = nil,
                                       parsed object: [String: Any]? = nil) throws(ClinicalError) -> Act {
        do {
            if let alsoAccepted { return try StrictActDecoder.decode(type, from: data, object: object, alsoAccepted: alsoAccepted) }
            return try JSONDecoder().decode(type, from: data)
        } catch let error as ClinicalError {
            throw error
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                throw ClinicalError(path(context.codingPath + [key]), "required", fr: "obligatoire")
            case .typeMismatch(let expected, let context):
                throw ClinicalError(path(context.codingPath), "expected \(expected == Int.self ? "an integer" : "\(expected)")",
                    fr: "attendu : \(frenchKind(expected))")
            case .valueNotFound(_, let context):
                throw ClinicalError(path(context.codingPath), "required, not null", fr: "obligatoire, pas null")
            case .dataCorrupted(let context):
                throw ClinicalError(path(context.codingPath), "not an accepted value", fr: "pas une valeur acceptée")
            @unknown default:
                throw ClinicalError("data", "invalid", fr: "non valide")
            }
        } catch {
            throw ClinicalError("data", "invalid", fr: "non valide")
        }
    }

    /// What a decoding error expected, in French (the English says the Swift type's name).
    static func frenchKind(_ expected: Any.Type) -> String {
        switch expected {
        case is Int.Type, is Int64.Type, is UInt64.Type: "un nombre entier"
        case is String.Type: "un texte"
        case is Bool.Type: "vrai (true) ou faux (false)"
        case is [Any].Type: "une liste"
        case is [String: Any].Type: "un objet"
        default: "une valeur de type \(expected)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        (["data"] + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// A new pseudonymous participant id: `P-` and six characters of Crockford's
    /// base 32, from the system's random generator — never derived from identity.
    public static func newParticipantID() -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var generator = SystemRandomNumberGenerator()
        return "P-" + String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
