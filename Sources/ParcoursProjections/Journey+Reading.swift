import ParcoursClinical

/// The sealed journey read by hand (`ActReading`), member by member as its synthesized
/// `init(from:)` reads it: every page of a record opens one, and `Codable` over the tape was
/// most of that (issue 12). The acts' own content inside it (a plan, a disclosure…) is read by
/// the acts' hand readers. What this refuses is read again through `Codable`, whose verdict
/// stands (`ParsedJSONData.read`); `JourneyReadingTests` holds both to the same journeys.
extension Journey: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        try self.init(allButTimeline: reading, at: object)
        timeline = try reading.objects("timeline", of: object)
    }

    /// The journey with only the latest acts of its timeline that `window` keeps, `window`
    /// being asked once the rest is read (a read decides what it shows from the journey's
    /// access facts), the window it gave, and how many acts it keeps in all. Of the acts not
    /// kept, only the type is read: a page that shows twenty acts does not make the strings of a hundred.
    static func read(_ reading: ActReading, at object: Int,
                     window: (Journey) -> TimelineWindow) throws(ActReading.Unreadable) -> (journey: Journey, window: TimelineWindow, acts: Int) {
        var journey = try Journey(allButTimeline: reading, at: object)
        let window = window(journey)
        let (entries, kept) = try entries(reading, array: try reading.required("timeline", of: object, .array), keptBy: window, latest: window.latest)
        journey.timeline = entries
        return (journey, window, kept)
    }

    /// The latest `latest` acts that `window` keeps of the timeline at `array`, and how many it
    /// keeps in all; of the others only the type is read.
    static func entries(_ reading: ActReading, array: Int, keptBy window: TimelineWindow,
                        latest: Int) throws(ActReading.Unreadable) -> (entries: [TimelineEntry], kept: Int) {
        var kept: [Int] = []
        var position = array + 1
        for _ in 0..<reading.fields.count(at: array) {
            guard reading.fields.kind(at: position) == .object else { throw ActReading.Unreadable() }
            if window.keeps(type: try reading.text("type", of: position)) { kept.append(position) }
            position = reading.fields.after(position)
        }
        return (try kept.suffix(latest).map { position throws(ActReading.Unreadable) in try TimelineEntry(reading, at: position) }, kept.count)
    }

    /// Every member but the timeline, as the synthesized `init(from:)` reads them.
    private init(allButTimeline reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        guard reading.fields.kind(at: object) == .object else { throw ActReading.Unreadable() }
        self.init(participant: try reading.text("participant", of: object))
        throughSeq = try reading.unsigned("throughSeq", of: object)
        admission = try reading.object(ifPresent: "admission", of: object)
        stage = try reading.object(ifPresent: "stage", of: object)
        episodes = try reading.objects("episodes", of: object)
        transitions = try reading.objects("transitions", of: object)
        rulers = try reading.objects("rulers", of: object)
        assessments = try reading.objects("assessments", of: object)
        relapses = try reading.objects("relapses", of: object)
        plan = try reading.object(ifPresent: "plan", of: object)
        planHistory = try reading.objects("planHistory", of: object)
        fallPlan = try reading.object(ifPresent: "fallPlan", of: object)
        referrals = try reading.objects("referrals", of: object)
        consents = try reading.objects("consents", of: object)
        refusals = try reading.objects("refusals", of: object)
        disclosures = try reading.objects("disclosures", of: object)
        safety = try reading.object(ifPresent: "safety", of: object)
        safetyLevels = try reading.objects("safetyLevels", of: object)
        sessions = try reading.objects("sessions", of: object)
        balances = try reading.objects("balances", of: object)
        traumaObservations = try reading.objects("traumaObservations", of: object)
        careTeam = try reading.texts("careTeam", of: object)
        careTeamChanges = try reading.objects("careTeamChanges", of: object)
        followUp = try reading.object("followUp", of: object)
        obligationsExplainedOn = try reading.text(ifPresent: "obligationsExplainedOn", of: object)
        lastContactOn = try reading.text(ifPresent: "lastContactOn", of: object)
        corrections = try reading.dictionary("corrections", of: object) { position throws(ActReading.Unreadable) in
            guard reading.fields.kind(at: position) == .object else { throw ActReading.Unreadable() }
            return try CorrectionMark(reading, at: position)
        }
        voidedCount = try reading.integer("voidedCount", of: object)
        warnings = try reading.objects("warnings", of: object)
    }
}

extension Journey.Admission: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        admittedBy = try reading.text("admittedBy", of: object)
        name = try reading.text("name", of: object)
        dateOfBirth = try reading.text("dateOfBirth", of: object)
        contact = try reading.text(ifPresent: "contact", of: object)
        ageAtAdmission = try reading.integer(ifPresent: "ageAtAdmission", of: object)
        genderIdentity = try reading.text("genderIdentity", of: object)
        preferredLanguage = try reading.text("preferredLanguage", of: object)
        referringOrganization = try reading.text("referringOrganization", of: object)
        voluntary = try reading.truth("voluntary", of: object)
        recognizesHarms = try reading.truth("recognizesHarms", of: object)
    }
}

extension Journey.StagePoint: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        engagementStep = try reading.choice("engagementStep", of: object)
        wheelStage = try reading.choice("wheelStage", of: object)
        importance = try reading.integer("importance", of: object)
        confidence = try reading.integer("confidence", of: object)
        personSaid = try reading.text(ifPresent: "personSaid", of: object)
    }
}

extension Journey.StageEpisode: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        wheelStage = try reading.choice("wheelStage", of: object)
        from = try reading.text("from", of: object)
        to = try reading.text(ifPresent: "to", of: object)
        days = try reading.integer(ifPresent: "days", of: object)
    }
}

extension Journey.StageTransition: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        from = try reading.choice("from", of: object)
        to = try reading.choice("to", of: object)
        direction = try reading.choice("direction", of: object)
    }
}

extension Journey.RulerReading: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        on = try reading.text("on", of: object)
        importance = try reading.integer("importance", of: object)
        confidence = try reading.integer("confidence", of: object)
    }
}

extension Journey.StageReading: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        engagementStep = try reading.choice("engagementStep", of: object)
        wheelStage = try reading.choice("wheelStage", of: object)
        importance = try reading.integer("importance", of: object)
        confidence = try reading.integer("confidence", of: object)
    }
}

extension Journey.RelapseEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        kind = try reading.choice("kind", of: object)
        startedOn = try reading.text("startedOn", of: object)
        endedOn = try reading.text(ifPresent: "endedOn", of: object)
        factors = try reading.objects("factors", of: object)
        whatHelped = try reading.text(ifPresent: "whatHelped", of: object)
    }
}

extension Journey.PlanEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        plan = try reading.object("plan", of: object)
    }
}

extension Journey.FallPlanEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        plan = try reading.object("plan", of: object)
    }
}

extension Journey.ReferralEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        to = try reading.object("to", of: object)
        reason = try reading.text("reason", of: object)
        urgency = try reading.choice("urgency", of: object)
        consent = try reading.text(ifPresent: "consent", of: object)
        status = try reading.choice("status", of: object)
        updates = try reading.objects("updates", of: object)
    }
}

extension Journey.ReferralEntry.Update: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        status = try reading.choice("status", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
    }
}

extension Journey.ConsentEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        scope = try reading.object("scope", of: object)
        categories = try reading.choices("categories", of: object)
        purpose = try reading.text(ifPresent: "purpose", of: object)
        expiresOn = try reading.text(ifPresent: "expiresOn", of: object)
        decidedBy = try reading.choice("decidedBy", of: object)
        withdrawnCategories = try reading.choices("withdrawnCategories", of: object)
        withdrawnOn = try reading.text(ifPresent: "withdrawnOn", of: object)
    }
}

extension Journey.RefusalEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        scope = try reading.object("scope", of: object)
        decidedBy = try reading.choice("decidedBy", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
        liftedOn = try reading.text(ifPresent: "liftedOn", of: object)
    }
}

extension Journey.DisclosureEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        by = try reading.text("by", of: object)
        disclosure = try reading.object("disclosure", of: object)
    }
}

extension Journey.SafetyEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        assessment = try reading.object("assessment", of: object)
    }
}

extension Journey.SafetyLevelReading: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        on = try reading.text("on", of: object)
        level = try reading.choice("level", of: object)
    }
}

extension Journey.SessionTally: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        kind = try reading.choice("kind", of: object)
        count = try reading.integer("count", of: object)
        minutes = try reading.integer("minutes", of: object)
        lastOn = try reading.text("lastOn", of: object)
    }
}

extension Journey.BalanceEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        balance = try reading.object("balance", of: object)
    }
}

extension Journey.TraumaEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        on = try reading.text("on", of: object)
        observation = try reading.object("observation", of: object)
    }
}

extension Journey.CareTeamEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        on = try reading.text("on", of: object)
        clinician = try reading.text("clinician", of: object)
        joined = try reading.truth("joined", of: object)
    }
}

extension Journey.FollowUpState: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        open = try reading.truth("open", of: object)
        since = try reading.text(ifPresent: "since", of: object)
        reason = try reading.text(ifPresent: "reason", of: object)
    }
}

extension Journey.CorrectionMark: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        by = try reading.texts("by", of: object)
        on = try reading.text("on", of: object)
        reason = try reading.text("reason", of: object)
        members = try reading.texts("members", of: object)
    }
}

extension Journey.OpenWarning: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        code = WarningCode(rawValue: try reading.text("code", of: object))
        message = try reading.text("message", of: object)
        since = try reading.text("since", of: object)
        act = try reading.text("act", of: object)
    }
}

extension Journey.TimelineEntry: ActReading.Readable {
    public init(_ reading: ActReading, at object: Int) throws(ActReading.Unreadable) {
        id = try reading.text("id", of: object)
        seq = try reading.unsigned("seq", of: object)
        occurredAt = try reading.text("occurredAt", of: object)
        type = try reading.text("type", of: object)
        author = try reading.text("author", of: object)
        summary = try reading.text("summary", of: object)
        englishSummary = try reading.text(ifPresent: "englishSummary", of: object)
        corrected = try reading.truth("corrected", of: object)
    }
}
