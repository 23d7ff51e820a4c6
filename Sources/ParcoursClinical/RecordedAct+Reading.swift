/// Every act type read by hand (`ActReading`), member by member as its synthesized
/// `init(from:)` reads it: the same names, the same optional members, the same cases. A
/// member added to a type and not here fails to compile when it is required, and fails
/// `ActReadingTests` when it is optional.
extension RecordedAct {
    /// The act of `kind` in the object at the root of `fields`, with when it happened and
    /// its warnings; throws where its `Codable` reading might not give the same.
    static func read(_ kind: ClinicalActType, by reading: ActReading) throws(ActReading.Unreadable) -> RecordedAct {
        let root = 0
        guard reading.fields.kind(at: root) == .object else { throw ActReading.Unreadable() }
        let act: Act = switch kind {
        case .participantEnrolled: .enrolment(try ParticipantEnrolment(reading, at: root))
        case .obligationsExplained: .obligations(try ObligationsExplanation(reading, at: root))
        case .consentGiven, .consentWithdrawn: .consent(try ConsentDecision(reading, at: root))
        case .consentRefused: .refusal(try ConsentRefusal(reading, at: root))
        case .careTeamAssigned, .careTeamReleased: .careTeam(try CareTeamChange(reading, at: root))
        case .stageAssessed: .stage(try StageAssessment(reading, at: root))
        case .decisionalBalanceRecorded: .balance(try DecisionalBalance(reading, at: root))
        case .planRevised: .plan(try PlanRevision(reading, at: root))
        case .fallPlanRevised: .fallPlan(try FallPlanRevision(reading, at: root))
        case .relapseRecorded: .relapse(try RelapseRecord(reading, at: root))
        case .safetyAssessed: .safety(try SafetyAssessment(reading, at: root))
        case .sessionHeld: .session(try SessionRecord(reading, at: root))
        case .referralMade: .referral(try Referral(reading, at: root))
        case .referralUpdated: .referralUpdate(try ReferralUpdate(reading, at: root))
        case .legalDisclosure: .disclosure(try LegalDisclosure(reading, at: root))
        case .traumaObserved: .trauma(try TraumaObservation(reading, at: root))
        case .followUpClosed, .followUpReopened: .followUp(try FollowUpChange(reading, at: root))
        case .entryCorrected: .correction(try EntryCorrection(reading, at: root))
        case .entryVoided: .voiding(try EntryVoiding(reading, at: root))
        }
        let occurredAt = try reading.text(ifPresent: "occurredAt", of: root) ?? ""
        let warnings: [ClinicalWarning] = try reading.objects(ifPresent: "warnings", of: root) ?? []
        return RecordedAct(type: kind, act: act, occurredAt: instant(occurredAt), warnings: warnings)
    }
}

extension ClinicalWarning: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        self.init(code: WarningCode(rawValue: try reading.text("code", of: object)), message: try reading.text("message", of: object))
    }
}

extension ParticipantEnrolment: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        identity = try reading.object("identity", of: object)
        genderIdentity = try reading.text("genderIdentity", of: object)
        preferredLanguage = try reading.text("preferredLanguage", of: object)
        referringOrganization = try reading.text("referringOrganization", of: object)
        voluntary = try reading.truth("voluntary", of: object)
        recognizesHarms = try reading.truth("recognizesHarms", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
    }
}

extension ParticipantEnrolment.Identity: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        name = try reading.text("name", of: object)
        dateOfBirth = try reading.text("dateOfBirth", of: object)
        contact = try reading.text(ifPresent: "contact", of: object)
    }
}

extension ObligationsExplanation: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        obligationsExplained = try reading.truth("obligationsExplained", of: object)
        rulesAgreed = try reading.truth("rulesAgreed", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
    }
}

extension ConsentDecision: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        scope = try reading.object("scope", of: object)
        categories = try reading.choices("categories", of: object)
        purpose = try reading.text(ifPresent: "purpose", of: object)
        expiresOn = try reading.text(ifPresent: "expiresOn", of: object)
        decidedBy = try reading.choice("decidedBy", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
    }
}

extension ConsentDecision.Scope: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        kind = try reading.choice("kind", of: object)
        value = try reading.text(ifPresent: "value", of: object)
    }
}

extension ConsentRefusal: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        scope = try reading.object("scope", of: object)
        decidedBy = try reading.choice("decidedBy", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
    }
}

extension CareTeamChange: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        clinician = try reading.text("clinician", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
    }
}

extension StageAssessment: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        engagementStep = try reading.choice("engagementStep", of: object)
        wheelStage = try reading.choice("wheelStage", of: object)
        importance = try reading.integer("importance", of: object)
        confidence = try reading.integer("confidence", of: object)
        personSaid = try reading.text(ifPresent: "personSaid", of: object)
    }
}

extension DecisionalBalance: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        statusQuo = try reading.object("statusQuo", of: object)
        change = try reading.object("change", of: object)
        clinicalJustification = try reading.text(ifPresent: "clinicalJustification", of: object)
    }
}

extension DecisionalBalance.Side: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        pros = try reading.objects("pros", of: object)
        cons = try reading.objects("cons", of: object)
    }
}

extension DecisionalBalance.Item: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        item = try reading.text("item", of: object)
        weight = try reading.integer("weight", of: object)
    }
}

extension PlanRevision: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        revision = try reading.integer("revision", of: object)
        replaces = try reading.integer(ifPresent: "replaces", of: object)
        needs = try reading.objects("needs", of: object)
        objectives = try reading.objects("objectives", of: object)
        means = try reading.texts("means", of: object)
        reviewOn = try reading.text("reviewOn", of: object)
    }
}

extension PlanRevision.Need: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        need = try reading.text("need", of: object)
        priority = try reading.integer("priority", of: object)
    }
}

extension PlanRevision.Objective: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        what = try reading.text("what", of: object)
        measure = try reading.text(ifPresent: "measure", of: object)
        targetDate = try reading.text(ifPresent: "targetDate", of: object)
        why = try reading.text(ifPresent: "why", of: object)
        status = try reading.choice("status", of: object)
    }
}

extension FallPlanRevision: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        revision = try reading.integer("revision", of: object)
        replaces = try reading.integer(ifPresent: "replaces", of: object)
        riskSituations = try reading.objects("riskSituations", of: object)
        peopleToCall = try reading.objects("peopleToCall", of: object)
    }
}

extension FallPlanRevision.RiskSituation: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        situation = try reading.text("situation", of: object)
        signalKind = try reading.choice("signalKind", of: object)
        signals = try reading.texts("signals", of: object)
        copingStrategies = try reading.texts("copingStrategies", of: object)
    }
}

extension FallPlanRevision.Contact: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        name = try reading.text("name", of: object)
        relationship = try reading.text(ifPresent: "relationship", of: object)
        phone = try reading.text(ifPresent: "phone", of: object)
    }
}

extension RelapseRecord: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        kind = try reading.choice("kind", of: object)
        startedOn = try reading.text("startedOn", of: object)
        endedOn = try reading.text(ifPresent: "endedOn", of: object)
        factors = try reading.objects("factors", of: object)
        whatHelped = try reading.text(ifPresent: "whatHelped", of: object)
    }
}

extension RelapseRecord.Factor: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        origin = try reading.choice("origin", of: object)
        category = try reading.choice(ifPresent: "category", of: object)
        description = try reading.text("description", of: object)
    }
}

extension SafetyAssessment: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        risks = try reading.choices("risks", of: object)
        dangerLevel = try reading.choice("dangerLevel", of: object)
        crisisPlan = try reading.text(ifPresent: "crisisPlan", of: object)
        peopleInvolved = try reading.texts("peopleInvolved", of: object)
        resourcesEngaged = try reading.texts("resourcesEngaged", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
    }
}

extension SessionRecord: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        kind = try reading.choice("kind", of: object)
        minutes = try reading.integer("minutes", of: object)
        processes = try reading.choices("processes", of: object)
        techniques = try reading.choices("techniques", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
    }
}

extension Referral: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        to = try reading.object("to", of: object)
        reason = try reading.text("reason", of: object)
        urgency = try reading.choice("urgency", of: object)
        consent = try reading.text(ifPresent: "consent", of: object)
    }
}

extension Referral.Destination: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        kind = try reading.choice("kind", of: object)
        name = try reading.text("name", of: object)
    }
}

extension ReferralUpdate: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        referral = try reading.text("referral", of: object)
        status = try reading.choice("status", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
    }
}

extension LegalDisclosure: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        legalBasis = try reading.choice("legalBasis", of: object)
        basisDetail = try reading.text(ifPresent: "basisDetail", of: object)
        recipient = try reading.text("recipient", of: object)
        categories = try reading.choices("categories", of: object)
        disclosedAt = try reading.text("disclosedAt", of: object)
        participantTold = try reading.truth("participantTold", of: object)
        participantToldAt = try reading.text(ifPresent: "participantToldAt", of: object)
        justification = try reading.text("justification", of: object)
    }
}

extension TraumaObservation: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        survivalStrategies = try reading.choices("survivalStrategies", of: object)
        triggers = try reading.texts("triggers", of: object)
        symptoms = try reading.texts("symptoms", of: object)
        notes = try reading.text(ifPresent: "notes", of: object)
        diagnosis = try reading.object(ifPresent: "diagnosis", of: object)
    }
}

extension TraumaObservation.Diagnosis: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        condition = try reading.text("condition", of: object)
        designation = try reading.text("designation", of: object)
    }
}

extension FollowUpChange: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        reason = try reading.text("reason", of: object)
    }
}

extension EntryCorrection: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        corrects = try reading.text("corrects", of: object)
        reason = try reading.text("reason", of: object)
    }
}

extension EntryVoiding: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        voids = try reading.text("voids", of: object)
        reason = try reading.text("reason", of: object)
    }
}
