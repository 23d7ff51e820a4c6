import ParcoursClinical

/// The journey written member by member (`JSONMembersWriter`): what a rebuild seals for
/// every participant, byte for byte what `JSONEncoder` writes with sorted keys (held so by
/// `CodablePathTests`). The entries one per act and the plans are written by hand; the
/// rest of the acts' own content (a disclosure, a safety assessment…) goes through Codable's path.
extension Journey {
    func write(to writer: JSONBytesWriter) throws {
        var object = JSONMembersWriter(writer)
        object.object("admission", admission) { $0.write(to: $1) }
        object.array("assessments", assessments) { $0.write(to: $1) }
        try object.array("balances", balances) { entry, writer in
            var member = JSONMembersWriter(writer)
            try member.value("balance", entry.balance)
            member.string("id", entry.id)
            member.string("on", entry.on)
            member.end()
        }
        object.strings("careTeam", careTeam)
        object.array("careTeamChanges", careTeamChanges) { $0.write(to: $1) }
        object.array("consents", consents) { $0.write(to: $1) }
        object.dictionary("corrections", corrections) { $0.write(to: $1) }
        try object.array("disclosures", disclosures) { entry, writer in
            var member = JSONMembersWriter(writer)
            member.string("by", entry.by)
            try member.value("disclosure", entry.disclosure)
            member.string("id", entry.id)
            member.string("on", entry.on)
            member.end()
        }
        object.array("episodes", episodes) { $0.write(to: $1) }
        object.object("fallPlan", fallPlan) { entry, writer in Self.writeVersion(entry.id, entry.on, to: writer) { entry.plan.write(to: $0) } }
        object.object("followUp", followUp) { $0.write(to: $1) }
        object.string("lastContactOn", lastContactOn)
        object.string("obligationsExplainedOn", obligationsExplainedOn)
        object.string("participant", participant)
        object.object("plan", plan) { entry, writer in Self.writeVersion(entry.id, entry.on, to: writer) { entry.plan.write(to: $0) } }
        object.array("planHistory", planHistory) { entry, writer in Self.writeVersion(entry.id, entry.on, to: writer) { entry.plan.write(to: $0) } }
        object.array("referrals", referrals) { $0.write(to: $1) }
        object.array("refusals", refusals) { $0.write(to: $1) }
        try object.array("relapses", relapses) { try $0.write(to: $1) }
        object.array("rulers", rulers) { $0.write(to: $1) }
        try object.object("safety", safety) { entry, writer in
            var member = JSONMembersWriter(writer)
            try member.value("assessment", entry.assessment)
            member.string("id", entry.id)
            member.string("on", entry.on)
            member.end()
        }
        object.array("safetyLevels", safetyLevels) { reading, writer in
            var member = JSONMembersWriter(writer)
            member.string("level", reading.level)
            member.string("on", reading.on)
            member.end()
        }
        object.array("sessions", sessions) { $0.write(to: $1) }
        object.object("stage", stage) { $0.write(to: $1) }
        object.integer("throughSeq", throughSeq)
        object.array("timeline", timeline) { $0.write(to: $1) }
        object.array("transitions", transitions) { $0.write(to: $1) }
        try object.array("traumaObservations", traumaObservations) { entry, writer in
            var member = JSONMembersWriter(writer)
            member.string("id", entry.id)
            try member.value("observation", entry.observation)
            member.string("on", entry.on)
            member.end()
        }
        object.integer("voidedCount", voidedCount)
        object.array("warnings", warnings) { $0.write(to: $1) }
        object.end()
    }

    /// A plan or fall plan in force or replaced: `{"id","on","plan"}`.
    static func writeVersion(_ id: String, _ on: String, to writer: JSONBytesWriter, _ plan: (JSONBytesWriter) -> Void) {
        var member = JSONMembersWriter(writer)
        member.string("id", id)
        member.string("on", on)
        member.object("plan", ()) { _, writer in plan(writer) }
        member.end()
    }
}

// The plans are written again at every revision (the history keeps each one): by hand too.
extension PlanRevision {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.strings("means", means)
        member.array("needs", needs) { need, writer in
            var member = JSONMembersWriter(writer)
            member.string("need", need.need)
            member.integer("priority", need.priority)
            member.end()
        }
        member.array("objectives", objectives) { objective, writer in
            var member = JSONMembersWriter(writer)
            member.string("measure", objective.measure)
            member.string("status", objective.status)
            member.string("targetDate", objective.targetDate)
            member.string("what", objective.what)
            member.string("why", objective.why)
            member.end()
        }
        member.integer("replaces", replaces)
        member.string("reviewOn", reviewOn)
        member.integer("revision", revision)
        member.end()
    }
}

extension FallPlanRevision {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.array("peopleToCall", peopleToCall) { contact, writer in
            var member = JSONMembersWriter(writer)
            member.string("name", contact.name)
            member.string("phone", contact.phone)
            member.string("relationship", contact.relationship)
            member.end()
        }
        member.integer("replaces", replaces)
        member.integer("revision", revision)
        member.array("riskSituations", riskSituations) { situation, writer in
            var member = JSONMembersWriter(writer)
            member.strings("copingStrategies", situation.copingStrategies)
            member.string("signalKind", situation.signalKind)
            member.strings("signals", situation.signals)
            member.string("situation", situation.situation)
            member.end()
        }
        member.end()
    }
}

extension Journey.Admission {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("admittedBy", admittedBy)
        member.integer("ageAtAdmission", ageAtAdmission)
        member.string("contact", contact)
        member.string("dateOfBirth", dateOfBirth)
        member.string("genderIdentity", genderIdentity)
        member.string("id", id)
        member.string("name", name)
        member.string("on", on)
        member.string("preferredLanguage", preferredLanguage)
        member.bool("recognizesHarms", recognizesHarms)
        member.string("referringOrganization", referringOrganization)
        member.bool("voluntary", voluntary)
        member.end()
    }
}

extension Journey.StagePoint {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.integer("confidence", confidence)
        member.string("engagementStep", engagementStep)
        member.string("id", id)
        member.integer("importance", importance)
        member.string("on", on)
        member.string("personSaid", personSaid)
        member.string("wheelStage", wheelStage)
        member.end()
    }
}

extension Journey.StageReading {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.integer("confidence", confidence)
        member.string("engagementStep", engagementStep)
        member.string("id", id)
        member.integer("importance", importance)
        member.string("on", on)
        member.string("wheelStage", wheelStage)
        member.end()
    }
}

extension Journey.StageEpisode {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.integer("days", days)
        member.string("from", from)
        member.string("to", to)
        member.string("wheelStage", wheelStage)
        member.end()
    }
}

extension Journey.StageTransition {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("direction", direction)
        member.string("from", from)
        member.string("id", id)
        member.string("on", on)
        member.string("to", to)
        member.end()
    }
}

extension Journey.RulerReading {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.integer("confidence", confidence)
        member.integer("importance", importance)
        member.string("on", on)
        member.end()
    }
}

extension Journey.RelapseEntry {
    func write(to writer: JSONBytesWriter) throws {
        var member = JSONMembersWriter(writer)
        member.string("endedOn", endedOn)
        try member.values("factors", factors)
        member.string("id", id)
        member.string("kind", kind)
        member.string("on", on)
        member.string("startedOn", startedOn)
        member.string("whatHelped", whatHelped)
        member.end()
    }
}

extension Journey.ReferralEntry {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("consent", consent)
        member.string("id", id)
        member.string("on", on)
        member.string("reason", reason)
        member.string("status", status)
        member.object("to", to) { destination, writer in
            var member = JSONMembersWriter(writer)
            member.string("kind", destination.kind)
            member.string("name", destination.name)
            member.end()
        }
        member.array("updates", updates) { update, writer in
            var member = JSONMembersWriter(writer)
            member.string("id", update.id)
            member.string("on", update.on)
            member.string("reason", update.reason)
            member.string("status", update.status)
            member.end()
        }
        member.string("urgency", urgency)
        member.end()
    }
}

extension ConsentDecision.Scope {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("kind", kind)
        member.string("value", value)
        member.end()
    }
}

extension Journey.ConsentEntry {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.strings("categories", categories)
        member.string("decidedBy", decidedBy)
        member.string("expiresOn", expiresOn)
        member.string("id", id)
        member.string("on", on)
        member.string("purpose", purpose)
        member.object("scope", scope) { $0.write(to: $1) }
        member.strings("withdrawnCategories", withdrawnCategories)
        member.string("withdrawnOn", withdrawnOn)
        member.end()
    }
}

extension Journey.RefusalEntry {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("decidedBy", decidedBy)
        member.string("id", id)
        member.string("liftedOn", liftedOn)
        member.string("on", on)
        member.string("reason", reason)
        member.object("scope", scope) { $0.write(to: $1) }
        member.end()
    }
}

extension Journey.SessionTally {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.integer("count", count)
        member.string("kind", kind)
        member.string("lastOn", lastOn)
        member.integer("minutes", minutes)
        member.end()
    }
}

extension Journey.CareTeamEntry {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("clinician", clinician)
        member.bool("joined", joined)
        member.string("on", on)
        member.end()
    }
}

extension Journey.FollowUpState {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.bool("open", open)
        member.string("reason", reason)
        member.string("since", since)
        member.end()
    }
}

extension Journey.CorrectionMark {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.strings("by", by)
        member.strings("members", members)
        member.string("on", on)
        member.string("reason", reason)
        member.end()
    }
}

extension Journey.OpenWarning {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("act", act)
        member.string("code", code)
        member.string("message", message)
        member.string("since", since)
        member.end()
    }
}

extension Journey.TimelineEntry {
    func write(to writer: JSONBytesWriter) {
        var member = JSONMembersWriter(writer)
        member.string("author", author)
        member.bool("corrected", corrected)
        member.string("englishSummary", englishSummary)
        member.string("id", id)
        member.string("occurredAt", occurredAt)
        member.integer("seq", seq)
        member.string("summary", summary)
        member.string("type", type)
        member.end()
    }
}
