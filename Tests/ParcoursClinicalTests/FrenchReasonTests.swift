import Foundation
import Testing
@testable import ParcoursClinical

/// A corpus of bad acts, one or more for each rule that refuses: each refusal says in
/// French what would be accepted, not the English left as it was, and neither says what
/// the act held.
@Suite("French reasons of refusals")
struct FrenchReasonTests {
    typealias Rules = ClinicalRulesTests

    static let admissionID = "00000000-0000-4000-8000-0000000000e0"
    static let consentID = "00000000-0000-4000-8000-0000000000c1"
    static let referralID = "00000000-0000-4000-8000-0000000000a1"
    static let stageID = "00000000-0000-4000-8000-0000000000a2"
    static let voidedID = "00000000-0000-4000-8000-0000000000a4"

    /// A participant admitted on 2026-11-01, born 2010-05-01, with a consent, a referral,
    /// a stage, clin-0001 in the care team and one act voided.
    static let base: ParticipantRecord = {
        var enrolment = try! JSONSerialization.jsonObject(with: Rules.enrolment()) as! [String: Any]
        enrolment["occurredAt"] = "2026-11-01T10:00:00.000Z"
        var record = ParticipantRecord(participant: "P-TEST03")
        record.apply(type: "participant.enrolled", data: Rules.json(enrolment), id: admissionID)
        record.apply(type: "obligations.explained", data: Rules.json(["obligationsExplained": true, "rulesAgreed": true]))
        record.apply(type: "consent.given", data: Rules.json(golden("consent.given")), id: consentID)
        record.apply(type: "referral.made", data: Rules.json(golden("referral.made")), id: referralID)
        record.apply(type: "stage.assessed", data: Rules.stage(), id: stageID)
        record.apply(type: "careteam.assigned", data: Rules.json(["clinician": "clin-0001"]))
        record.apply(type: "session.held", data: Rules.json(golden("session.held")), id: voidedID)
        record.apply(type: "entry.voided", data: Rules.json(["voids": voidedID, "reason": "erreur"]))
        return record
    }()

    static func golden(_ type: String) -> [String: Any] {
        let file = GoldenActTests.directory.appendingPathComponent("\(type).json")
        let act = try! JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        return act["data"] as! [String: Any]
    }

    /// The golden act of `type` with top-level members replaced (nil removes).
    static func golden(_ type: String, _ changes: [String: Any?]) -> [String: Any] {
        var data = golden(type)
        for (key, value) in changes { data[key] = value }
        return data
    }

    enum On: Sendable { case record, none, closed, erased, underFourteen, withPlans }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var type: String
        var data: String
        var on: On = .record
        var at: String = Rules.when
        var mayDiagnose = false
        var testDescription: String { name }

        init(_ name: String, _ type: String, _ data: [String: Any], on: On = .record, at: String = Rules.when, mayDiagnose: Bool = false) {
            self.name = name
            self.type = type
            self.data = String(decoding: Rules.json(data), as: UTF8.self)
            self.on = on
            self.at = at
            self.mayDiagnose = mayDiagnose
        }

        init(_ name: String, _ type: String, raw: String) {
            (self.name, self.type, self.data) = (name, type, raw)
        }
    }

    static var objective: [String: Any] { ["what": "objectif fictif", "measure": "mesure convenue", "targetDate": "2027-06-30", "status": "active"] }
    static var situation: [String: Any] { ["situation": "fin de semaine seule", "signalKind": "affective", "signals": ["ennui"],
                                           "copingStrategies": ["appeler une personne de confiance"]] }

    static let corpus: [Bad] = [
        Bad("unknown act type", "no.such-act", [:]),
        Bad("instant malformed", "stage.assessed", golden("stage.assessed"), at: "2026-11-20"),
        Bad("instant before 2000", "stage.assessed", golden("stage.assessed"), at: "1999-12-31T10:00:00.000Z"),
        Bad("instant in the future", "stage.assessed", golden("stage.assessed"), at: "2026-12-20T10:00:00.000Z"),
        Bad("act before the admission", "stage.assessed", golden("stage.assessed"), at: "2026-10-20T10:00:00.000Z"),
        Bad("data not an object", "stage.assessed", raw: "[1]"),
        Bad("diagnosis on another act", "stage.assessed", golden("stage.assessed", ["diagnosis": ["condition": "PTSD", "designation": "x"]])),
        Bad("diagnosis without the role", "trauma.observed", golden("trauma.observed", ["diagnosis": ["condition": "PTSD", "designation": "psychologue (OPQ)"]])),
        Bad("unknown member", "stage.assessed", golden("stage.assessed", ["importanse": 2])),
        Bad("unknown member below the top", "relapse.recorded",
            golden("relapse.recorded", ["factors": [["origin": "external", "description": "x", "hiddenNote": "texte caché"]]])),
        Bad("member missing", "stage.assessed", golden("stage.assessed", ["confidence": nil])),
        Bad("member null", "stage.assessed", golden("stage.assessed", ["confidence": NSNull()])),
        Bad("member of the wrong type", "stage.assessed", golden("stage.assessed", ["confidence": "sept"])),
        Bad("text where a list is expected", "session.held", golden("session.held", ["processes": "engaging"])),
        Bad("unknown vocabulary", "stage.assessed", golden("stage.assessed", ["engagementStep": "lost"])),
        Bad("second admission", "participant.enrolled", golden("participant.enrolled")),
        Bad("no participant", "stage.assessed", golden("stage.assessed"), on: .none),
        Bad("erased participant", "stage.assessed", golden("stage.assessed"), on: .erased),
        Bad("closed follow-up", "stage.assessed", golden("stage.assessed"), on: .closed),
        Bad("reopening an open follow-up", "followup.reopened", golden("followup.reopened")),
        Bad("empty name", "participant.enrolled", golden("participant.enrolled", ["identity": ["name": " ", "dateOfBirth": "2010-05-01"]]), on: .none),
        Bad("birth date malformed", "participant.enrolled",
            golden("participant.enrolled", ["identity": ["name": "Personne Fictive", "dateOfBirth": "01/05/2010"]]), on: .none),
        Bad("birth date that does not exist", "participant.enrolled",
            golden("participant.enrolled", ["identity": ["name": "Personne Fictive", "dateOfBirth": "2010-02-30"]]), on: .none),
        Bad("age outside 12–24", "participant.enrolled",
            golden("participant.enrolled", ["identity": ["name": "Personne Fictive", "dateOfBirth": "1990-05-01"]]), on: .none),
        Bad("not voluntary", "participant.enrolled", golden("participant.enrolled", ["voluntary": false]), on: .none),
        Bad("harms not recognized", "participant.enrolled", golden("participant.enrolled", ["recognizesHarms": false]), on: .none),
        Bad("empty gender identity", "participant.enrolled", golden("participant.enrolled", ["genderIdentity": " "]), on: .none),
        Bad("obligations not explained", "obligations.explained", ["obligationsExplained": false, "rulesAgreed": true]),
        Bad("closing without a reason", "followup.closed", ["reason": " "]),
        Bad("ruler above 10", "stage.assessed", golden("stage.assessed", ["importance": 11])),
        Bad("ruler below 0", "stage.assessed", golden("stage.assessed", ["confidence": -1])),
        Bad("weight outside 1–3", "decisional-balance.recorded",
            golden("decisional-balance.recorded", ["statusQuo": ["pros": [["item": "x", "weight": 4]], "cons": []]])),
        Bad("balance at a contraindicated stage", "decisional-balance.recorded", golden("decisional-balance.recorded")),
        Bad("session of 0 minutes", "session.held", golden("session.held", ["minutes": 0])),
        Bad("referral without a reason", "referral.made", golden("referral.made", ["reason": ""])),
        Bad("referral on an unknown consent", "referral.made", golden("referral.made", ["consent": "00000000-0000-4000-8000-000000000099"])),
        Bad("update of an unknown referral", "referral.updated", golden("referral.updated")),
        Bad("declined without a reason", "referral.updated", ["referral": referralID, "status": "declined"]),
        Bad("correction of an unknown act", "entry.corrected", golden("entry.corrected")),
        Bad("correction without members", "entry.corrected", ["corrects": stageID, "correction": [String: Any](), "reason": "erreur"]),
        Bad("correction of a member the act has not", "entry.corrected", ["corrects": stageID, "correction": ["mood": 1], "reason": "erreur"]),
        Bad("correction to a future date", "entry.corrected",
            ["corrects": stageID, "correction": ["occurredAt": "2027-01-01T00:00:00.000Z"], "reason": "erreur"]),
        Bad("correction without a reason", "entry.corrected", ["corrects": stageID, "correction": ["importance": 1], "reason": " "]),
        Bad("voiding the admission", "entry.voided", ["voids": admissionID, "reason": "erreur"]),
        Bad("voiding twice", "entry.voided", ["voids": voidedID, "reason": "erreur"]),
        Bad("voiding without a reason", "entry.voided", ["voids": stageID, "reason": ""]),
        Bad("assigned twice", "careteam.assigned", ["clinician": "clin-0001"]),
        Bad("released though not in the team", "careteam.released", golden("careteam.released", ["clinician": "clin-0002"])),
        Bad("diagnosis not an object", "trauma.observed", golden("trauma.observed", ["diagnosis": NSNull()]), mayDiagnose: true),
        Bad("diagnosis without condition", "trauma.observed",
            golden("trauma.observed", ["diagnosis": ["condition": " ", "designation": "psychologue (OPQ)"]]), mayDiagnose: true),
        Bad("diagnosis without designation", "trauma.observed",
            golden("trauma.observed", ["diagnosis": ["condition": "PTSD", "designation": ""]]), mayDiagnose: true),
        Bad("fall plan out of turn", "fall-plan.revised", golden("fall-plan.revised", ["revision": 2])),
        Bad("first fall plan replacing one", "fall-plan.revised", golden("fall-plan.revised", ["replaces": 1])),
        Bad("fall plan not replacing the one in force", "fall-plan.revised", golden("fall-plan.revised", ["revision": 2]), on: .withPlans),
        Bad("fall plan without risk situations", "fall-plan.revised", golden("fall-plan.revised", ["riskSituations": []])),
        Bad("risk situation without a strategy", "fall-plan.revised",
            golden("fall-plan.revised", ["riskSituations": [situation.merging(["copingStrategies": []]) { $1 }]])),
        Bad("disclosure without recipient", "disclosure.legal", golden("disclosure.legal", ["recipient": " "])),
        Bad("disclosure without categories", "disclosure.legal", golden("disclosure.legal", ["categories": []])),
        Bad("disclosure without justification", "disclosure.legal", golden("disclosure.legal", ["justification": ""])),
        Bad("disclosure in the future", "disclosure.legal", golden("disclosure.legal", ["disclosedAt": "2027-02-28T08:00:00.000Z"])),
        Bad("told without when", "disclosure.legal", golden("disclosure.legal", ["participantToldAt": nil])),
        Bad("when without told", "disclosure.legal", golden("disclosure.legal", ["participantTold": false])),
        Bad("consent about no one", "consent.given", golden("consent.given", ["scope": ["kind": "organization"]])),
        Bad("consent without categories", "consent.given", golden("consent.given", ["categories": []])),
        Bad("consent expiring on no date", "consent.given", golden("consent.given", ["expiresOn": "bientôt"])),
        Bad("consent expiring before 2000", "consent.given", golden("consent.given", ["expiresOn": "1999-01-01"])),
        Bad("consent by a participant under 14", "consent.given", golden("consent.given"), on: .underFourteen),
        Bad("refusal of the program", "consent.refused", golden("consent.refused", ["scope": ["kind": "program"]])),
        Bad("refusal of research naming someone", "consent.refused", golden("consent.refused", ["scope": ["kind": "research", "value": "x"]])),
        Bad("refusal of an unnamed clinician", "consent.refused", golden("consent.refused", ["scope": ["kind": "clinician"]])),
        Bad("refusal of an unnamed organization", "consent.refused", golden("consent.refused", ["scope": ["kind": "organization"]])),
        Bad("plan out of turn", "plan.revised", golden("plan.revised", ["revision": 3])),
        Bad("first plan replacing one", "plan.revised", golden("plan.revised", ["replaces": 1])),
        Bad("plan not replacing the one in force", "plan.revised", golden("plan.revised", ["revision": 2]), on: .withPlans),
        Bad("plan without objectives", "plan.revised", golden("plan.revised", ["objectives": []])),
        Bad("objective without what", "plan.revised", golden("plan.revised", ["objectives": [objective.merging(["what": " "]) { $1 }]])),
        Bad("objective without measure", "plan.revised", golden("plan.revised", ["objectives": [objective.filter { $0.key != "measure" }]])),
        Bad("objective without target date", "plan.revised", golden("plan.revised", ["objectives": [objective.filter { $0.key != "targetDate" }]])),
        Bad("objective with a target date malformed", "plan.revised",
            golden("plan.revised", ["objectives": [objective.merging(["targetDate": "juin"]) { $1 }]])),
        Bad("need ranked 0", "plan.revised", golden("plan.revised", ["needs": [["need": "logement stable", "priority": 0]]])),
        Bad("review day malformed", "plan.revised", golden("plan.revised", ["reviewOn": "2027-13-01"])),
        Bad("lapse starting in the future", "relapse.recorded", golden("relapse.recorded", ["startedOn": "2026-12-24"])),
        Bad("lapse ending before it starts", "relapse.recorded", golden("relapse.recorded", ["startedOn": "2026-10-08", "endedOn": "2026-10-01"])),
        Bad("lapse ending in the future", "relapse.recorded", golden("relapse.recorded", ["startedOn": "2026-10-08", "endedOn": "2026-12-24"])),
    ]

    static func record(on: On) -> ParticipantRecord? {
        var record = base
        switch on {
        case .record: break
        case .none: return nil
        case .closed: record.apply(type: "followup.closed", data: Rules.json(["reason": "objectifs atteints"]))
        case .erased: record.markErased()
        case .underFourteen: return MoreClinicalRulesTests.admitted(born: "2013-06-01")
        case .withPlans:
            record.apply(type: "plan.revised", data: Rules.json(golden("plan.revised")))
            record.apply(type: "fall-plan.revised", data: Rules.json(golden("fall-plan.revised")))
        }
        return record
    }

    static func check(_ bad: Bad) throws(ClinicalError) {
        _ = try ClinicalRecorder.check(type: bad.type, data: Data(bad.data.utf8), occurredAt: bad.at, record: record(on: bad.on),
                                       authorMayDiagnose: bad.mayDiagnose, now: Rules.now)
    }

    /// The texts an act holds (what a person said, names): never in a refusal.
    static func texts(in value: Any) -> [String] {
        switch value {
        case let text as String where text.contains(" ") && text.trimmingCharacters(in: .whitespaces).count >= 4: [text]
        case let object as [String: Any]: object.values.flatMap(texts)
        case let array as [Any]: array.flatMap(texts)
        default: []
        }
    }

    @Test("each bad act is refused with a French reason", arguments: corpus)
    func refusedInFrench(bad: Bad) throws {
        let refusal = #expect(throws: ClinicalError.self) { try Self.check(bad) }
        guard let refusal else { return }
        FrenchReasons.expectFrench(refusal)
        let held = Self.texts(in: (try? JSONSerialization.jsonObject(with: Data(bad.data.utf8))) ?? [:])
        for text in held {
            #expect(!refusal.reason.contains(text) && !refusal.frenchReason.contains(text), "\(refusal.field): \(text)")
        }
    }

    @Test("the corpus reaches many different rules, each said in French")
    func corpusBreadth() throws {
        var reasons: [String: String] = [:]
        for bad in Self.corpus {
            do { try Self.check(bad) } catch {
                reasons[error.reason] = error.frenchReason
            }
        }
        #expect(reasons.count >= 60, "\(reasons.count) distinct refusals")
        // One English reason is never said in two ways in French, and two never in one.
        #expect(Set(reasons.values).count == reasons.count)
    }

    @Test("refusals outside the recording rules: shapes, dates, versions")
    func otherRefusals() throws {
        var refusals: [ClinicalError] = []
        func refused(_ body: () throws -> Void) {
            do { try body(); Issue.record("accepted") } catch let error as ClinicalError { refusals.append(error) } catch { Issue.record(error) }
        }
        refused { try ClinicalRecorder.checkShape(type: "no.such-act", data: Data("{}".utf8)) }
        refused { try ClinicalRecorder.checkShape(type: "session.held", data: Data(#"{"kind":"accompaniment","minutes":5,"processes":[],"techniques":[],"mood":"x"}"#.utf8)) }
        refused { _ = try ClinicalDate.day("2026-02-30", field: "day") }
        refused { _ = try ClinicalDate.actDay("1999-12-31", field: "day") }
        refused { _ = try ClinicalDate.instant("2026-11-23 10:15:30Z", field: "t") }
        refused { _ = try ClinicalDate.actInstant("1999-12-31T23:59:59.999Z", field: "t") }
        refused { _ = try ClinicalUpcaster.upcast(type: "stage.assessed", schema: 0, data: Data("{}".utf8)) }
        #expect(refusals.count == 7)
        for refusal in refusals { FrenchReasons.expectFrench(refusal) }
        #expect(refusals[2].frenchReason == "une date qui existe, au format AAAA-MM-JJ")
    }

    @Test("the French reason travels beside the English, which stays what the command line and the API say")
    func englishUnchanged() {
        let error = ClinicalError("data.minutes", "a duration from 1 to 1440 minutes", fr: "une durée de 1 à 1440 minutes")
        #expect(error.description == "data.minutes: a duration from 1 to 1440 minutes")
        #expect(error.frenchReason == "une durée de 1 à 1440 minutes")
        // Known by its English: the same refusal whatever its French says.
        #expect(error == ClinicalError("data.minutes", "a duration from 1 to 1440 minutes", fr: "autre formulation"))
        #expect(error != ClinicalError("data.minutes", "a duration from 1 to 60 minutes", fr: "une durée de 1 à 1440 minutes"))
    }
}
