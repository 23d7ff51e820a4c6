import Foundation

/// Deterministic synthetic journeys that look like the framework: non-linear stage
/// paths with back-and-forth, relapses, plan and fall-plan revisions, referrals with
/// outcomes, consents, withdrawals and refusals, legal disclosures for some minors, care-team
/// changes and corrections. Same seed, same acts. Synthetic names only.
public struct JourneyGenerator {
    /// One generated act, in `parcours record`'s input shape (an admission has no participant).
    public struct Act: Sendable, Equatable {
        /// A UUID drawn from the seed, so later acts can name earlier ones.
        public var id: String
        public var type: String
        public var participant: String
        public var occurredAt: String
        /// The act's data as JSON with sorted keys.
        public var data: Data
    }

    private var random: SplitMix64
    private let clinician: String
    /// How many visits (stage assessments, each with what follows it) a journey has.
    private let visits: ClosedRange<Int>

    /// Journeys begin on this day (UTC) or later, all in the past.
    static let first = DateComponents(year: 2024, month: 1, day: 8)

    /// `visits` sets the journeys' length: the default gives about 33 acts a journey;
    /// 25...45 gives about 100, for stores of a million events.
    public init(seed: UInt64, clinician: String, visits: ClosedRange<Int> = 4...13) {
        random = SplitMix64(seed: seed)
        self.clinician = clinician
        self.visits = visits
    }

    /// The acts of `count` participants, each journey in date order, admission first;
    /// `first` numbers the synthetic names, for callers that draw journeys in chunks.
    public mutating func journeys(count: Int, first: Int = 0) -> [[Act]] {
        (first..<first + count).map { journey(number: $0) }
    }

    private static let partners = ["CCSMTL", "CODIM", "SPVM — Les Survivantes", "Fondation Marie-Vincent", "En Marge 12-17", "L'Anonyme"]
    private static let genders = ["woman", "man", "trans woman", "trans man", "non-binary", "two-spirit", "other"]

    private mutating func journey(number: Int) -> [Act] {
        let participant = "P-" + String((0..<6).map { _ in Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")[random.below(32)] })
        var day = random.below(450)
        let age = 12 + random.below(13)
        let admitted = ClinicalDate.calendar.date(byAdding: .day, value: day, to: ClinicalDate.date(Self.first))!
        // Born `age` years and up to ten months before the admission: exactly `age` at admission.
        let birth = ClinicalDate.calendar.date(byAdding: .day, value: -random.below(300),
                                               to: ClinicalDate.calendar.date(byAdding: .year, value: -age, to: admitted)!)!
        let parts = ClinicalDate.calendar.dateComponents([.year, .month, .day], from: birth)
        let born = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        let minor = ClinicalDate.age(born: try! ClinicalDate.day(born, field: ""), at: admitted) < ConsentDecision.ageOfConsent
        var acts: [Act] = []
        @discardableResult
        func act(_ type: String, _ data: [String: Any]) -> String {
            day += 1 + random.below(4)
            let when = ClinicalDate.calendar.date(byAdding: .day, value: day, to: ClinicalDate.date(Self.first))!
            let occurredAt = ClinicalDate.format(when.addingTimeInterval(Double(9 * 3600 + random.below(8 * 3600))))
            let id = uuid()
            acts.append(Act(id: id, type: type, participant: participant, occurredAt: occurredAt,
                            data: try! JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])))
            return id
        }
        act("participant.enrolled", [
            "identity": ["name": "Personne Fictive \(number + 1)", "dateOfBirth": born],
            "genderIdentity": Self.genders[random.below(Self.genders.count)], "preferredLanguage": random.below(5) == 0 ? "en" : "fr",
            "referringOrganization": Self.partners[random.below(Self.partners.count)], "voluntary": true, "recognizesHarms": true,
        ])
        // The care team is created with the admission, by the clinician who records.
        act("careteam.assigned", ["clinician": clinician])
        act("obligations.explained", ["obligationsExplained": true, "rulesAgreed": true])
        let decider = minor ? "parental-authority" : "participant"
        act("consent.given", ["scope": ["kind": "program"], "categories": ["stages", "plans", "referrals"], "decidedBy": decider])
        let research = random.below(3) == 0
        if research {
            act("consent.given", ["scope": ["kind": "research"], "categories": ["stages", "relapses"], "decidedBy": decider])
        }
        if minor && random.below(3) == 0 {
            act("disclosure.legal", ["legalBasis": "youth-protection-act-s39", "recipient": "Direction de la protection de la jeunesse",
                                     "categories": ["identity", "safety"], "disclosedAt": "\(ISODay(acts.last!.occurredAt))T08:00:00.000Z",
                                     "participantTold": true, "participantToldAt": "\(ISODay(acts.last!.occurredAt))T08:30:00.000Z",
                                     "justification": "motifs raisonnables de croire que la sécurité est compromise (données fictives)"])
        }
        var step = random.below(3)
        var plan = 0
        var fallPlan = 0
        var referral: String?
        for visit in 0..<(visits.lowerBound + random.below(visits.count)) {
            // Snakes and ladders: mostly forward, sometimes back.
            step = max(0, min(7, step + [1, 1, 1, 0, -1, -2][random.below(6)]))
            let engagement = EngagementStep.allCases[step]
            let usual = Array(engagement.usualWheelStages).sorted { $0.rawValue < $1.rawValue }
            let wheel = random.below(6) == 0 ? WheelStage.allCases[random.below(6)] : usual[random.below(usual.count)]
            let stage = act("stage.assessed", ["engagementStep": engagement.rawValue, "wheelStage": wheel.rawValue,
                                               "importance": random.below(11), "confidence": random.below(11)])
            if random.below(12) == 0 {
                act("entry.corrected", ["corrects": stage, "reason": "erreur de saisie", "correction": ["importance": random.below(11)]])
            }
            if wheel == .action && fallPlan == 0 || random.below(7) == 0 {
                fallPlan += 1
                var data: [String: Any] = ["revision": fallPlan, "riskSituations": [["situation": "fin de semaine seule", "signalKind": "affective",
                                           "signals": ["ennui"], "copingStrategies": ["appeler une personne de confiance"]]],
                                           "peopleToCall": [["name": "Personne Ressource Fictive"]]]
                if fallPlan > 1 { data["replaces"] = fallPlan - 1 }
                act("fall-plan.revised", data)
            }
            if wheel == .relapse || engagement == .resumptionOfActivities {
                act("relapse.recorded", ["kind": random.below(3) == 0 ? "prolonged" : "momentary", "startedOn": ISODay(acts.last!.occurredAt),
                                         "factors": [["origin": "external", "category": "critical-event", "description": "événement critique"]],
                                         "whatHelped": "en parler sans jugement"])
            }
            if visit % 3 == 0 {
                plan += 1
                var data: [String: Any] = ["revision": plan, "needs": [["need": "logement stable", "priority": 1]],
                                           "objectives": [["what": "objectif fictif \(plan)", "measure": "mesure convenue", "targetDate": "2027-06-30",
                                                           "status": "active"]], "means": ["rencontres hebdomadaires"], "reviewOn": "2027-06-30"]
                if plan > 1 { data["replaces"] = plan - 1 }
                act("plan.revised", data)
            }
            if [.determination, .action].contains(wheel), ![.crisis, .honeymoon].contains(engagement), random.below(3) == 0 {
                act("decisional-balance.recorded", ["statusQuo": ["pros": [["item": "argent rapide", "weight": 3]], "cons": [["item": "danger", "weight": 3]]],
                                                    "change": ["pros": [["item": "sécurité", "weight": 2]], "cons": [["item": "perte de revenus", "weight": 2]]]])
            }
            let session = act("session.held", ["kind": ["individual-meeting", "accompaniment", "recreational-activity", "cultural-activity",
                                          "school-or-employment-help"][random.below(5)], "minutes": 30 + 15 * random.below(6),
                                 "processes": ["engaging", "evoking"], "techniques": ["open-questions", "reflective-listening"]])
            if random.below(15) == 0 { act("entry.voided", ["voids": session, "reason": "saisi dans le mauvais dossier"]) }
            if random.below(12) == 0 {
                act("trauma.observed", ["survivalStrategies": [["fight", "flight", "freeze", "fawn"][random.below(4)]],
                                        "triggers": ["bruits forts"], "symptoms": ["hypervigilance"]])
            }
            if referral == nil && random.below(4) == 0 {
                referral = act("referral.made", ["to": ["kind": "psychological-support", "name": "Ressource Fictive"],
                                                 "reason": "soutien psychologique", "urgency": "soon"])
            } else if let made = referral, random.below(3) == 0 {
                let outcome = ["accepted", "completed", "no-show", "declined"][random.below(4)]
                var update: [String: Any] = ["referral": made, "status": outcome]
                if outcome == "declined" { update["reason"] = "liste d'attente trop longue" }
                act("referral.updated", update)
                referral = nil
            }
        }
        // A clinician who leaves the care team no longer writes into it: her leaving comes last.
        let leaves = random.below(6) == 0
        if research && random.below(3) == 0 {
            act("consent.withdrawn", ["scope": ["kind": "research"], "categories": ["stages", "relapses"], "decidedBy": decider])
        }
        if random.below(4) == 0 {
            act("safety.assessed", ["risks": ["debts", "threats"], "dangerLevel": "high", "crisisPlan": "plan de crise fictif convenu",
                                    "peopleInvolved": ["personne ressource"], "resourcesEngaged": ["hébergement d'urgence"]])
        }
        if random.below(3) == 0 {
            act("followup.closed", ["reason": "objectifs atteints"])
            if random.below(2) == 0 { act("followup.reopened", ["reason": "nouvelle demande de la personne"]) }
        }
        // One journey in eight ends with a refusal of a partner organization's access. Chosen
        // by the journey's number and drawn only here, after every other draw: the acts
        // above are the same as before this act existed.
        if number % 8 == 3, acts.last?.type != "followup.closed" {
            act("consent.refused", ["scope": ["kind": "organization", "value": Self.partners[random.below(Self.partners.count)]],
                                    "decidedBy": decider, "reason": "préfère que cet organisme n'ait pas accès (données fictives)"])
        }
        if leaves, acts.last?.type != "followup.closed", acts.last?.type != "consent.refused" {
            act("careteam.released", ["clinician": clinician, "reason": "passage du relais (données fictives)"])
        }
        return acts
    }
}

extension JourneyGenerator {
    /// A version-4-shaped UUID from the seed.
    private mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return [String(h[0..<8]), String(h[8..<12]), String(h[12..<16]), String(h[16..<20]), String(h[20..<32])].joined(separator: "-")
    }
}

private func ISODay(_ instant: String) -> String { String(instant.prefix(10)) }
