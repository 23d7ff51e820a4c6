import Foundation
import Testing
@testable import ParcoursClinical

/// The rules of the framework, each refused or warned as DOMAIN.md says.
@Suite("Clinical rules")
struct ClinicalRulesTests {
    static let now = ClinicalDate.instantOrNil("2026-11-23T12:00:00.000Z")!
    static let when = "2026-11-20T10:00:00.000Z"

    static func json(_ object: [String: Any]) -> Data { try! JSONSerialization.data(withJSONObject: object) }

    static func enrolment(born: String = "2010-05-01", voluntary: Bool = true, harms: Bool = true) -> Data {
        json(["identity": ["name": "Personne Fictive", "dateOfBirth": born], "genderIdentity": "non-binary", "preferredLanguage": "fr",
              "referringOrganization": "En Marge 12-17", "voluntary": voluntary, "recognizesHarms": harms])
    }

    static func stage(_ step: String = "crisis", _ wheel: String = "contemplation", importance: Int = 6, confidence: Int = 4) -> Data {
        json(["engagementStep": step, "wheelStage": wheel, "importance": importance, "confidence": confidence])
    }

    static func balance(weight: Int = 2, justification: String? = nil) -> Data {
        var object: [String: Any] = ["statusQuo": ["pros": [["item": "x", "weight": weight]], "cons": []], "change": ["pros": [], "cons": []]]
        if let justification { object["clinicalJustification"] = justification }
        return json(object)
    }

    /// An admitted participant to whom the legal obligations were explained (unless said
    /// otherwise), with the given acts folded in.
    static func record(_ acts: [(String, Data)] = [], explained: Bool = true) -> ParticipantRecord {
        var record = ParticipantRecord(participant: "P-TEST01")
        record.apply(type: "participant.enrolled", data: enrolment())
        if explained { record.apply(type: "obligations.explained", data: json(["obligationsExplained": true, "rulesAgreed": true])) }
        for (type, data) in acts { record.apply(type: type, data: data) }
        return record
    }

    func check(_ type: String, _ data: Data, record: ParticipantRecord?, at occurredAt: String = when) throws -> [ClinicalWarning] {
        try FrenchReasons.checked { try ClinicalRecorder.check(type: type, data: data, occurredAt: occurredAt, record: record, now: Self.now) }
    }

    @Test("an admission between 12 and 24, voluntary and recognizing the harms, is accepted")
    func admission() throws {
        #expect(try check("participant.enrolled", Self.enrolment(), record: nil).isEmpty)
        #expect(try check("participant.enrolled", Self.enrolment(born: "2002-11-21"), record: nil).isEmpty)
    }

    @Test("age outside 12–24 at admission is refused", arguments: ["2015-01-01", "2001-01-01", "1990-05-01"])
    func ageRefused(born: String) throws {
        #expect(throws: ClinicalError.self) { try check("participant.enrolled", Self.enrolment(born: born), record: nil) }
    }

    @Test("admission without voluntary participation or without recognition of harms is refused")
    func voluntaryAndHarms() throws {
        #expect(throws: ClinicalError("data.voluntary", "participation is voluntary: admission needs the person's free agreement (true)",
                                      fr: "la participation est volontaire : l'admission demande l'accord libre de la personne (true)")) {
            try check("participant.enrolled", Self.enrolment(voluntary: false), record: nil)
        }
        #expect {
            try check("participant.enrolled", Self.enrolment(harms: false), record: nil)
        } throws: { ($0 as? ClinicalError)?.field == "data.recognizesHarms" }
    }

    @Test("any act for an unknown participant is refused; a second admission of the same id too")
    func unknownParticipant() throws {
        #expect { try check("stage.assessed", Self.stage(), record: nil) } throws: { ($0 as? ClinicalError)?.field == "participant" }
        #expect { try check("participant.enrolled", Self.enrolment(), record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "participant" }
    }

    @Test("a closed follow-up takes only a reopening; an erased participant takes nothing")
    func closedAndErased() throws {
        let closed = Self.record([("followup.closed", Self.json(["reason": "objectifs atteints"]))])
        #expect { try check("stage.assessed", Self.stage(), record: closed) } throws: { ($0 as? ClinicalError)?.field == "participant" }
        #expect(try check("followup.reopened", Self.json(["reason": "nouvelle demande"]), record: closed).isEmpty)
        #expect(throws: ClinicalError.self) { try check("followup.reopened", Self.json(["reason": "x"]), record: Self.record()) }
        var erased = Self.record()
        erased.markErased()
        #expect(throws: ClinicalError.self) { try check("stage.assessed", Self.stage(), record: erased) }
    }

    @Test("rulers outside 0–10 and weights outside 1–3 are refused, naming the field")
    func rulersAndWeights() throws {
        #expect { try check("stage.assessed", Self.stage(importance: 11), record: Self.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.importance"
        }
        #expect { try check("stage.assessed", Self.stage(confidence: -1), record: Self.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.confidence"
        }
        let inAction = Self.record([("stage.assessed", Self.stage("reflection-and-dilemma", "determination"))])
        #expect { try check("decisional-balance.recorded", Self.balance(weight: 4), record: inAction) } throws: {
            ($0 as? ClinicalError)?.field == "data.statusQuo.pros[0].weight"
        }
        #expect(try check("decisional-balance.recorded", Self.balance(weight: 3), record: inAction).isEmpty)
    }

    @Test("a decisional balance at a contraindicated stage needs a clinical justification",
          arguments: [("crisis", "contemplation"), ("anticipation-of-benefits", "precontemplation"), ("honeymoon", "outside-the-wheel"),
                      ("reflection-and-dilemma", "contemplation")])
    func contraindicatedBalance(step: String, wheel: String) throws {
        let record = Self.record([("stage.assessed", Self.stage(step, wheel))])
        #expect { try check("decisional-balance.recorded", Self.balance(), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.clinicalJustification"
        }
        #expect(try check("decisional-balance.recorded", Self.balance(justification: "ambivalence post-décision à travailler"), record: record).isEmpty)
    }

    @Test("a stage pair outside the usual correspondence is a warning, never a refusal")
    func unusualPair() throws {
        let warnings = try check("stage.assessed", Self.stage("crisis", "determination"), record: Self.record())
        #expect(warnings.map(\.code) == ["stage-pair-unusual"])
        #expect(warnings[0].message.contains("repère, pas une règle"))
        #expect(try check("stage.assessed", Self.stage("cessation-of-activities", "permanent-exit"), record: Self.record()).isEmpty)
    }

    @Test("legal obligations not yet explained at the third act are a warning")
    func obligationsWarning() throws {
        let first = Self.record(explained: false)
        #expect(try check("stage.assessed", Self.stage(), record: first).isEmpty)
        let second = Self.record([("stage.assessed", Self.stage())], explained: false)
        #expect(try check("stage.assessed", Self.stage(), record: second).map(\.code) == ["obligations-not-explained"])
        #expect(try check("obligations.explained", Self.json(["obligationsExplained": true, "rulesAgreed": true]), record: second).isEmpty)
        let explained = Self.record([("stage.assessed", Self.stage())])
        #expect(try check("stage.assessed", Self.stage(), record: explained).isEmpty)
    }

    @Test("dates in the future are refused")
    func futureDates() throws {
        #expect { try check("stage.assessed", Self.stage(), record: Self.record(), at: "2026-12-01T00:00:00.000Z") } throws: {
            ($0 as? ClinicalError)?.field == "occurredAt"
        }
        let relapse = Self.json(["kind": "momentary", "startedOn": "2026-12-01", "factors": []])
        #expect { try check("relapse.recorded", relapse, record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "data.startedOn" }
    }

    @Test("a relapse is recorded with its factors; it ends on or after it starts")
    func relapse() throws {
        let good = Self.json(["kind": "prolonged", "startedOn": "2026-10-01", "endedOn": "2026-10-20",
                              "factors": [["origin": "external", "category": "criminogenic-places-or-people", "description": "retour au quartier"],
                                          ["origin": "internal", "category": "need-for-immediate-satisfaction", "description": "besoin d'argent vite"]],
                              "whatHelped": "appel à une personne de confiance"])
        #expect(try check("relapse.recorded", good, record: Self.record()).isEmpty)
        let backwards = Self.json(["kind": "momentary", "startedOn": "2026-10-20", "endedOn": "2026-10-01", "factors": []])
        #expect { try check("relapse.recorded", backwards, record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "data.endedOn" }
    }

    @Test("unknown members, missing members and unknown values name their field")
    func shapes() throws {
        let typo = Self.json(["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4, "importanse": 2])
        #expect { try check("stage.assessed", typo, record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "data.importanse" }
        let missing = Self.json(["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6])
        #expect { try check("stage.assessed", missing, record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "data.confidence" }
        #expect { try check("stage.assessed", Self.stage("lost", "contemplation"), record: Self.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.engagementStep"
        }
        #expect { try check("no.such-act", Self.json([:]), record: Self.record()) } throws: { ($0 as? ClinicalError)?.field == "type" }
    }

    @Test("participant ids are random and pseudonymous: P- and six Crockford base-32 characters")
    func participantIDs() throws {
        let ids = (0..<200).map { _ in ClinicalRecorder.newParticipantID() }
        #expect(Set(ids).count == 200)
        #expect(ids.allSatisfy { $0.range(of: "^P-[0-9A-HJKMNP-TV-Z]{6}$", options: .regularExpression) != nil })
    }
}

@Suite("Clinical rules: consent, plans, sessions, care team")
struct MoreClinicalRulesTests {
    typealias Rules = ClinicalRulesTests
    static func consent(by decider: String, scope: [String: Any] = ["kind": "organization", "value": "CODIM"]) -> Data {
        Rules.json(["scope": scope, "categories": ["stages", "plans"], "purpose": "suivi conjoint", "decidedBy": decider])
    }

    static func admitted(born: String) -> ParticipantRecord {
        var record = ParticipantRecord(participant: "P-TEST02")
        record.apply(type: "participant.enrolled", data: Rules.enrolment(born: born))
        record.apply(type: "obligations.explained", data: Rules.json(["obligationsExplained": true, "rulesAgreed": true]))
        return record
    }

    func check(_ type: String, _ data: Data, record: ParticipantRecord) throws -> [ClinicalWarning] {
        try FrenchReasons.checked { try ClinicalRecorder.check(type: type, data: data, occurredAt: Rules.when, record: record, now: Rules.now) }
    }

    @Test("under 14, consent is given or refused by the holder of parental authority or the tutor, not the participant alone")
    func consentUnder14() throws {
        let thirteen = Self.admitted(born: "2013-06-01")
        for type in ["consent.given", "consent.withdrawn"] {
            #expect { try check(type, Self.consent(by: "participant"), record: thirteen) } throws: {
                ($0 as? ClinicalError)?.field == "data.decidedBy"
            }
            #expect(try check(type, Self.consent(by: "parental-authority"), record: thirteen).isEmpty)
            #expect(try check(type, Self.consent(by: "tutor"), record: thirteen).isEmpty)
        }
        #expect(try check("consent.given", Self.consent(by: "participant"), record: Self.admitted(born: "2011-06-01")).isEmpty)
    }

    @Test("a consent names whom it is about and at least one category")
    func consentShape() throws {
        let record = Self.admitted(born: "2008-01-01")
        #expect { try check("consent.given", Self.consent(by: "participant", scope: ["kind": "organization"]), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.scope.value"
        }
        #expect(try check("consent.given", Self.consent(by: "participant", scope: ["kind": "research"]), record: record).isEmpty)
        let none = Rules.json(["scope": ["kind": "research"], "categories": [], "decidedBy": "participant"])
        #expect { try check("consent.given", none, record: record) } throws: { ($0 as? ClinicalError)?.field == "data.categories" }
    }

    static func plan(revision: Int = 1, replaces: Int? = nil, objectives: [[String: Any]]) -> Data {
        var object: [String: Any] = ["revision": revision, "needs": [["need": "logement stable", "priority": 1]], "objectives": objectives,
                                     "means": ["rencontres hebdomadaires"], "reviewOn": "2026-12-15"]
        if let replaces { object["replaces"] = replaces }
        return Rules.json(object)
    }

    static var smart: [String: Any] { ["what": "trouver un logement", "measure": "bail signé", "targetDate": "2027-02-01", "status": "active"] }

    @Test("a SMART objective without its measure or target date is refused, naming the objective")
    func smartObjectives() throws {
        let record = Self.admitted(born: "2008-01-01")
        #expect(try check("plan.revised", Self.plan(objectives: [Self.smart]), record: record).isEmpty)
        var noMeasure = Self.smart
        noMeasure["measure"] = nil
        #expect { try check("plan.revised", Self.plan(objectives: [Self.smart, noMeasure]), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.objectives[1].measure"
        }
        var noDate = Self.smart
        noDate["targetDate"] = nil
        #expect { try check("plan.revised", Self.plan(objectives: [noDate]), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.objectives[0].targetDate"
        }
    }

    @Test("revisions follow each other; more than one active objective is a warning")
    func revisions() throws {
        var record = Self.admitted(born: "2008-01-01")
        #expect { try check("plan.revised", Self.plan(revision: 2, objectives: [Self.smart]), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.revision"
        }
        record.apply(type: "plan.revised", data: Self.plan(objectives: [Self.smart]))
        #expect { try check("plan.revised", Self.plan(revision: 2, objectives: [Self.smart]), record: record) } throws: {
            ($0 as? ClinicalError)?.field == "data.replaces"
        }
        let two = try check("plan.revised", Self.plan(revision: 2, replaces: 1, objectives: [Self.smart, Self.smart]), record: record)
        #expect(two.map(\.code) == ["several-active-objectives"])
    }

    @Test("sessions have a duration; the care team changes one clinician at a time")
    func sessionsAndCareTeam() throws {
        var record = Self.admitted(born: "2008-01-01")
        let session = Rules.json(["kind": "accompaniment", "minutes": 90, "processes": ["engaging"], "techniques": ["open-questions", "summaries"]])
        #expect(try check("session.held", session, record: record).isEmpty)
        let endless = Rules.json(["kind": "individual-meeting", "minutes": 0, "processes": [], "techniques": []])
        #expect { try check("session.held", endless, record: record) } throws: { ($0 as? ClinicalError)?.field == "data.minutes" }
        let assign = Rules.json(["clinician": "clin-0001"])
        #expect(throws: ClinicalError.self) { try check("careteam.released", assign, record: record) }
        #expect(try check("careteam.assigned", assign, record: record).isEmpty)
        record.apply(type: "careteam.assigned", data: assign)
        #expect(throws: ClinicalError.self) { try check("careteam.assigned", assign, record: record) }
        #expect(try check("careteam.released", assign, record: record).isEmpty)
    }
}

@Suite("Clinical rules: fall plans, safety, referrals, disclosures, trauma, corrections")
struct RemainingClinicalRulesTests {
    typealias Rules = ClinicalRulesTests

    func check(_ type: String, _ data: Data, record: ParticipantRecord, mayDiagnose: Bool = false) throws -> [ClinicalWarning] {
        try FrenchReasons.checked {
            try ClinicalRecorder.check(type: type, data: data, occurredAt: Rules.when, record: record, authorMayDiagnose: mayDiagnose, now: Rules.now)
        }
    }

    static func recordWith(_ acts: [(String, Data, String)]) -> ParticipantRecord {
        var record = Rules.record()
        for (type, data, id) in acts { record.apply(type: type, data: data, id: id) }
        return record
    }

    static let consentID = "00000000-0000-4000-8000-00000000c001"
    static let referralID = "00000000-0000-4000-8000-00000000c002"
    static let stageID = "00000000-0000-4000-8000-00000000c003"

    @Test("each risk situation of a fall plan has a coping strategy; revisions follow each other")
    func fallPlan() throws {
        let good = Rules.json(["revision": 1, "riskSituations": [["situation": "fin de semaine seule", "signalKind": "affective",
                               "signals": ["ennui"], "copingStrategies": ["appeler une amie"]]], "peopleToCall": [["name": "Amie Fictive"]]])
        #expect(try check("fall-plan.revised", good, record: Rules.record()).isEmpty)
        let bare = Rules.json(["revision": 1, "riskSituations": [["situation": "fête", "signalKind": "situational", "signals": [],
                               "copingStrategies": []]], "peopleToCall": []])
        #expect { try check("fall-plan.revised", bare, record: Rules.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.riskSituations[0].copingStrategies"
        }
        let wrongKind = Rules.json(["revision": 1, "riskSituations": [["situation": "x", "signalKind": "spiritual", "signals": [],
                                    "copingStrategies": ["y"]]], "peopleToCall": []])
        #expect { try check("fall-plan.revised", wrongKind, record: Rules.record()) } throws: {
            ($0 as? ClinicalError)?.field.hasPrefix("data.riskSituations[0].signalKind") == true
        }
    }

    @Test("high or imminent danger without a crisis plan is a warning")
    func safety() throws {
        let imminent = Rules.json(["risks": ["threats", "debts"], "dangerLevel": "imminent", "peopleInvolved": [], "resourcesEngaged": []])
        #expect(try check("safety.assessed", imminent, record: Rules.record()).map(\.code) == ["danger-without-crisis-plan"])
        let planned = Rules.json(["risks": ["threats"], "dangerLevel": "high", "crisisPlan": "hébergement d'urgence, appel au 811",
                                  "peopleInvolved": ["soeur"], "resourcesEngaged": ["maison d'hébergement"]])
        #expect(try check("safety.assessed", planned, record: Rules.record()).isEmpty)
    }

    @Test("a referral relies on a consent of this participant; an update names a referral, and a refusal its reason")
    func referrals() throws {
        let consent = Rules.json(["scope": ["kind": "organization", "value": "CODIM"], "categories": ["stages"], "decidedBy": "participant"])
        let record = Self.recordWith([("consent.given", consent, Self.consentID)])
        let referral = ["to": ["kind": "medical-clinic", "name": "Clinique Exemple"], "reason": "suivi de santé", "urgency": "soon"] as [String: Any]
        var relying = referral
        relying["consent"] = Self.consentID
        #expect(try check("referral.made", Rules.json(relying), record: record).isEmpty)
        relying["consent"] = Self.referralID
        #expect { try check("referral.made", Rules.json(relying), record: record) } throws: { ($0 as? ClinicalError)?.field == "data.consent" }
        let referred = Self.recordWith([("referral.made", Rules.json(referral), Self.referralID)])
        #expect(try check("referral.updated", Rules.json(["referral": Self.referralID, "status": "completed"]), record: referred).isEmpty)
        #expect { try check("referral.updated", Rules.json(["referral": Self.referralID, "status": "declined"]), record: referred) } throws: {
            ($0 as? ClinicalError)?.field == "data.reason"
        }
        #expect { try check("referral.updated", Rules.json(["referral": Self.consentID, "status": "accepted"]), record: referred) } throws: {
            ($0 as? ClinicalError)?.field == "data.referral"
        }
    }

    @Test("a legal disclosure records its basis, recipient, categories, justification, and when the person was told")
    func disclosure() throws {
        var disclosure: [String: Any] = ["legalBasis": "youth-protection-act-s39", "recipient": "DPJ de Montréal",
                                         "categories": ["identity", "safety"], "disclosedAt": "2026-11-20T09:00:00.000Z",
                                         "participantTold": true, "participantToldAt": "2026-11-20T11:00:00.000Z",
                                         "justification": "motifs raisonnables de croire que la sécurité est compromise"]
        #expect(try check("disclosure.legal", Rules.json(disclosure), record: Rules.record()).isEmpty)
        disclosure["participantToldAt"] = nil
        #expect { try check("disclosure.legal", Rules.json(disclosure), record: Rules.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.participantToldAt"
        }
        disclosure["participantTold"] = false
        disclosure["disclosedAt"] = "2027-01-01T00:00:00.000Z"
        #expect { try check("disclosure.legal", Rules.json(disclosure), record: Rules.record()) } throws: {
            ($0 as? ClinicalError)?.field == "data.disclosedAt"
        }
    }

    static func diagnosed(_ diagnosis: Any = ["condition": "PTSD", "designation": "psychologue (OPQ)"]) -> Data {
        Rules.json(["survivalStrategies": ["freeze"], "triggers": [], "symptoms": ["hypervigilance"], "diagnosis": diagnosis])
    }

    @Test("trauma is recorded as observed strategies and symptoms; a diagnosis without the designated-professional role is refused as a reserved act")
    func trauma() throws {
        let observed = Rules.json(["survivalStrategies": ["freeze"], "triggers": ["bruits forts"], "symptoms": ["hypervigilance"]])
        #expect(try check("trauma.observed", observed, record: Rules.record()).isEmpty)
        for diagnosed in [Self.diagnosed(), Self.diagnosed("TSPT")] {
            #expect { try check("trauma.observed", diagnosed, record: Rules.record()) } throws: {
                ($0 as? ClinicalError)?.field == "data.diagnosis" && ($0 as? ClinicalError)?.reason.contains("reserved act") == true
                    && ($0 as? ClinicalError)?.reason.contains("designated-professional") == true
            }
        }
    }

    @Test("a designated professional records a diagnosis with trauma.observed: {condition, designation}, both non-empty")
    func diagnosisByDesignatedProfessional() throws {
        #expect(try check("trauma.observed", Self.diagnosed(), record: Rules.record(), mayDiagnose: true).isEmpty)
        try ClinicalRecorder.checkShape(type: "trauma.observed", data: Self.diagnosed())
        let malformed: [(Any, String)] = [
            ("TSPT", "data.diagnosis"), (["condition": "PTSD"], "data.diagnosis.designation"),
            (["condition": " ", "designation": "psychologue (OPQ)"], "data.diagnosis.condition"),
            (["condition": "PTSD", "designation": ""], "data.diagnosis.designation"),
            (["condition": "PTSD", "designation": "psychologue (OPQ)", "severity": "x"], "data.diagnosis.severity"),
            (NSNull(), "data.diagnosis"),
        ]
        for (diagnosis, field) in malformed {
            #expect { try check("trauma.observed", Self.diagnosed(diagnosis), record: Rules.record(), mayDiagnose: true) } throws: {
                ($0 as? ClinicalError)?.field == field
            }
        }
    }

    @Test("a diagnosis on any other act is refused, whoever records it")
    func diagnosisElsewhere() throws {
        let diagnosis: [String: Any] = ["condition": "PTSD", "designation": "psychologue (OPQ)"]
        let session = Rules.json(["kind": "accompaniment", "minutes": 60, "processes": [], "techniques": [], "diagnosis": diagnosis])
        let safety = Rules.json(["risks": [], "dangerLevel": "low", "diagnosis": diagnosis])
        for (type, data) in [("session.held", session), ("safety.assessed", safety)] {
            for mayDiagnose in [false, true] {
                #expect { try check(type, data, record: Rules.record(), mayDiagnose: mayDiagnose) } throws: {
                    ($0 as? ClinicalError)?.field == "data.diagnosis" && ($0 as? ClinicalError)?.reason.contains("trauma.observed") == true
                }
            }
        }
        var enrolment = try #require(try JSONSerialization.jsonObject(with: Rules.enrolment()) as? [String: Any])
        enrolment["diagnosis"] = diagnosis
        #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.check(type: "participant.enrolled", data: Rules.json(enrolment), occurredAt: Rules.when, record: nil,
                                       authorMayDiagnose: true, now: Rules.now)
        }
    }

    @Test("a correction or voiding targets an act of the same participant that still counts")
    func corrections() throws {
        let record = Self.recordWith([("stage.assessed", Rules.stage(), Self.stageID)])
        let correction = Rules.json(["corrects": Self.stageID, "reason": "erreur de saisie", "correction": ["importance": 7]])
        #expect(try check("entry.corrected", correction, record: record).isEmpty)
        let elsewhere = Rules.json(["corrects": "00000000-0000-4000-8000-0000000000ff", "reason": "x", "correction": ["importance": 7]])
        #expect { try check("entry.corrected", elsewhere, record: record) } throws: { ($0 as? ClinicalError)?.field == "data.corrects" }
        let empty = Rules.json(["corrects": Self.stageID, "reason": "x", "correction": [:] as [String: Any]])
        #expect { try check("entry.corrected", empty, record: record) } throws: { ($0 as? ClinicalError)?.field == "data.correction" }
        let voiding = Rules.json(["voids": Self.stageID, "reason": "saisi dans le mauvais dossier"])
        #expect(try check("entry.voided", voiding, record: record).isEmpty)
        var voided = record
        voided.apply(type: "entry.voided", data: voiding, id: "00000000-0000-4000-8000-00000000c004")
        #expect { try check("entry.voided", voiding, record: voided) } throws: { ($0 as? ClinicalError)?.reason.contains("already voided") == true }
    }
}

@Suite("Clinical warnings about plans")
struct PlanWarningTests {
    typealias Rules = ClinicalRulesTests

    @Test("a plan past its review date is a warning on the next act, until a new revision")
    func reviewOverdue() throws {
        var record = Rules.record()
        record.apply(type: "plan.revised", data: MoreClinicalRulesTests.plan(objectives: [MoreClinicalRulesTests.smart]))
        // The plan is reviewed on 2026-12-15; an act on 2026-11-20 is on time, one in January is not.
        #expect(try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage(), occurredAt: Rules.when, record: record, now: Rules.now).isEmpty)
        let later = ClinicalDate.instantOrNil("2027-01-10T10:00:00.000Z")!
        let warnings = try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage(), occurredAt: "2027-01-10T10:00:00.000Z",
                                                  record: record, now: later)
        #expect(warnings.map(\.code) == ["plan-review-overdue"])
        let revision = MoreClinicalRulesTests.plan(revision: 2, replaces: 1, objectives: [MoreClinicalRulesTests.smart])
        #expect(try ClinicalRecorder.check(type: "plan.revised", data: revision, occurredAt: "2027-01-10T10:00:00.000Z", record: record, now: later).isEmpty)
    }

    @Test("a person in action without a fall plan is a warning")
    func noFallPlan() throws {
        let warnings = try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage("cut-off-and-distance", "action"),
                                                  occurredAt: Rules.when, record: Rules.record(), now: Rules.now)
        #expect(warnings.map(\.code) == ["no-fall-plan-in-action"])
        var planned = Rules.record()
        planned.apply(type: "fall-plan.revised", data: Rules.json(["revision": 1, "riskSituations": [["situation": "x", "signalKind": "cognitive",
                      "signals": [], "copingStrategies": ["y"]]], "peopleToCall": []]))
        #expect(try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage("cut-off-and-distance", "action"),
                                           occurredAt: Rules.when, record: planned, now: Rules.now).isEmpty)
    }
}

@Suite("Schema evolution")
struct SchemaEvolutionTests {
    @Test("a relapse recorded in version 1 reads as version 2, its factors kept with their origin")
    func relapseUpcast() throws {
        let v1 = ClinicalRulesTests.json(["kind": "momentary", "startedOn": "2026-10-01", "externalFactors": ["fête"],
                                          "internalFactors": ["ennui"], "whatHelped": "une amie", "occurredAt": "2026-10-02T10:00:00.000Z"])
        let current = try ClinicalUpcaster.upcast(type: "relapse.recorded", schema: 1, data: v1)
        let relapse = try JSONDecoder().decode(RelapseRecord.self, from: current)
        #expect(relapse.factors == [RelapseRecord.Factor(origin: .external, category: nil, description: "fête"),
                                    RelapseRecord.Factor(origin: .internal, category: nil, description: "ennui")])
        #expect(relapse.whatHelped == "une amie")
        let object = try JSONSerialization.jsonObject(with: current) as? [String: Any]
        #expect(object?["occurredAt"] as? String == "2026-10-02T10:00:00.000Z")
        #expect(object?["externalFactors"] == nil)
        // The current version passes through untouched; new acts are recorded in it.
        #expect(try ClinicalUpcaster.upcast(type: "relapse.recorded", schema: 2, data: current) == current)
        #expect(ClinicalActType.relapseRecorded.currentSchema == 2 && ClinicalActType.stageAssessed.currentSchema == 1)
    }
}

@Suite("Clinical dates")
struct ClinicalDateTests {
    @Test("instants parse strictly and format back", arguments: ["2026-11-23T10:15:30.123Z", "2024-02-29T00:00:00.000Z", "1999-12-31T23:59:59.999Z"])
    func roundTrip(text: String) throws {
        #expect(ClinicalDate.format(try ClinicalDate.instant(text, field: "t")) == text)
    }

    @Test("other forms are refused", arguments: ["2026-11-23T10:15:30+00:00", "2025-02-29T00:00:00.000Z", "2026-11-23 10:15:30Z", "2026-13-01T00:00:00Z", "x"])
    func refused(text: String) {
        #expect(throws: ClinicalError.self) { try ClinicalDate.instant(text, field: "t") }
    }

    @Test("an instant without milliseconds is the same instant")
    func withoutMilliseconds() throws {
        #expect(try ClinicalDate.instant("2026-11-23T10:15:30Z", field: "t") == (try ClinicalDate.instant("2026-11-23T10:15:30.000Z", field: "t")))
    }
}
