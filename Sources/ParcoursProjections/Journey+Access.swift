import ParcoursAccess
import ParcoursClinical

extension Journey {
    /// What the access policy reads of a journey: the care team, the consents, the refusals
    /// and who admitted the person. It decodes on its own from a journey's JSON, the rest
    /// skipped, so a write is decided without opening the whole journey.
    public struct AccessFacts: Codable, Sendable, Equatable {
        public struct Admitted: Codable, Sendable, Equatable {
            public var admittedBy: String
        }

        public var participant: String
        public var admission: Admitted?
        /// Clinicians' actor ids, sorted.
        public var careTeam: [String]
        public var consents: [ConsentEntry]
        public var refusals: [RefusalEntry]

        /// Clinicians or organizations of `kind` the person refused, refusals not lifted.
        func refused(_ kind: ConsentDecision.ScopeKind) -> Set<String> {
            Set(refusals.filter { $0.scope.kind == kind && $0.liftedOn == nil }.compactMap(\.scope.value))
        }

        /// What the access policy needs of this participant on `today` (`YYYY-MM-DD`):
        /// the care team and its organizations (from the directory), the categories shared
        /// with each organization by consents in force, whom she or he refused, and the
        /// organization of the clinician who admitted her or him.
        public func context(organizations: [String: String], today: String) -> ParticipantContext {
            var shared: [String: Set<InformationCategory>] = [:]
            for consent in consents where consent.scope.kind == .organization && consent.isInForce(on: today) {
                guard let organization = consent.scope.value else { continue }
                shared[organization, default: []].formUnion(Set(consent.categories).subtracting(consent.withdrawnCategories))
            }
            return ParticipantContext(participant: participant, careTeam: Set(careTeam),
                                      careTeamOrganizations: Set(careTeam.compactMap { organizations[$0] }), sharedWith: shared,
                                      refusedClinicians: refused(.clinician), refusedOrganizations: refused(.organization),
                                      admittingOrganization: admission.flatMap { organizations[$0.admittedBy] })
        }
    }

    /// This journey's facts for the access policy.
    public var accessFacts: AccessFacts {
        AccessFacts(participant: participant, admission: admission.map { AccessFacts.Admitted(admittedBy: $0.admittedBy) },
                    careTeam: careTeam, consents: consents, refusals: refusals)
    }

    /// Whether an act of this type changes what the access policy reads of a journey.
    public static func changesAccess(_ type: String) -> Bool {
        type == ClinicalActType.participantEnrolled.rawValue || type.hasPrefix("careteam.") || type.hasPrefix("consent.")
            || rewritesEarlierActs(type)
    }

    /// What the access policy needs of this participant on `today` (`YYYY-MM-DD`).
    public func accessContext(organizations: [String: String], today: String) -> ParticipantContext {
        accessFacts.context(organizations: organizations, today: today)
    }

    /// The journey as a reader permitted `categories` may see it: every part of another
    /// category left out, free-text notes removed unless `notes` is permitted, and the
    /// timeline keeping only the acts of permitted categories.
    public func redacted(to categories: Set<InformationCategory>) -> Journey {
        if categories == Set(InformationCategory.allCases) { return self }
        var view = Journey(participant: participant)
        view.throughSeq = throughSeq
        view.followUp = followUp
        view.careTeam = careTeam
        view.consents = consents
        view.refusals = refusals
        view.corrections = corrections
        view.voidedCount = voidedCount
        if categories.contains(.identity) { view.admission = admission }
        if categories.contains(.stages) {
            (view.stage, view.episodes, view.transitions, view.rulers, view.balances) = (stage, episodes, transitions, rulers, balances)
            view.assessments = assessments
            (view.sessions, view.lastContactOn, view.warnings, view.obligationsExplainedOn) = (sessions, lastContactOn, warnings, obligationsExplainedOn)
            view.careTeamChanges = careTeamChanges
        }
        if categories.contains(.plans) { (view.plan, view.planHistory, view.fallPlan) = (plan, planHistory, fallPlan) }
        if categories.contains(.relapses) { view.relapses = relapses }
        if categories.contains(.safety) { (view.safety, view.safetyLevels, view.traumaObservations) = (safety, safetyLevels, traumaObservations) }
        if categories.contains(.referrals) { view.referrals = referrals }
        if categories.contains(.disclosures) { view.disclosures = disclosures }
        view.timeline = timeline.filter { Self.shows(actType: $0.type, to: categories) }
        if !categories.contains(.notes) { view.removeNotes() }
        return view
    }

    /// Whether a reader permitted `categories` sees an act of `type` in the timeline.
    static func shows(actType type: String, to categories: Set<InformationCategory>) -> Bool {
        category(ofActType: type).map(categories.contains) ?? true
    }

    /// The category an act belongs to, for what a partial view shows; nil for acts about
    /// the follow-up itself (care team, consents, corrections), shown with any view.
    static func category(ofActType type: String) -> InformationCategory? {
        switch ClinicalActType(rawValue: type) {
        case .participantEnrolled: .identity
        case .stageAssessed, .decisionalBalanceRecorded, .sessionHeld, .obligationsExplained: .stages
        case .planRevised, .fallPlanRevised: .plans
        case .relapseRecorded: .relapses
        case .safetyAssessed, .traumaObserved: .safety
        case .referralMade, .referralUpdated: .referrals
        case .legalDisclosure: .disclosures
        default: nil
        }
    }

    /// Leaves out every free-text note: what the person said, what helped and the factors'
    /// wording, reasons, notes, and the contact line.
    mutating func removeNotes() {
        stage?.personSaid = nil
        admission?.contact = nil
        followUp.reason = nil
        for index in relapses.indices {
            relapses[index].whatHelped = nil
            for factor in relapses[index].factors.indices { relapses[index].factors[factor].description = "" }
        }
        for index in referrals.indices {
            referrals[index].reason = ""
            for update in referrals[index].updates.indices { referrals[index].updates[update].reason = nil }
        }
        safety?.assessment.notes = nil
        for index in traumaObservations.indices { traumaObservations[index].observation.notes = nil }
        for index in consents.indices { consents[index].purpose = nil }
        for index in refusals.indices { refusals[index].reason = nil }
        for key in corrections.keys { corrections[key]?.reason = "" }
    }
}
