import Foundation
import Testing
@testable import ParcoursClinical

/// Warnings are recorded (signed) as the rules wrote them, in French first; their English
/// comes from their code, and from the stage pair an unusual-pair message names.
@Suite("Warnings in English")
struct WarningEnglishTests {
    typealias Rules = ClinicalRulesTests

    func check(_ type: String, _ data: Data, record: ParticipantRecord) throws -> [ClinicalWarning] {
        try ClinicalRecorder.check(type: type, data: data, occurredAt: Rules.when, record: record, now: Rules.now)
    }

    /// One act that raises each warning the rules know.
    func everyWarning() throws -> [ClinicalWarning] {
        var warnings: [ClinicalWarning] = []
        warnings += try check("stage.assessed", Rules.stage("crisis", "determination"), record: Rules.record())
        warnings += try check("decisional-balance.recorded", Rules.balance(), record: Rules.record())
        let objective: [String: Any] = ["what": "objectif fictif", "measure": "mesure convenue", "targetDate": "2027-06-30", "status": "active"]
        warnings += try check("plan.revised", Rules.json(["revision": 1, "needs": [], "objectives": [objective, objective], "means": [],
                                                          "reviewOn": "2027-06-30"]), record: Rules.record())
        var overdue = Rules.record()
        overdue.apply(type: "plan.revised", data: Rules.json(["revision": 1, "needs": [], "objectives": [objective], "means": [],
                                                             "reviewOn": "2026-11-01"]))
        warnings += try check("session.held", Rules.json(["kind": "individual-meeting", "minutes": 30, "processes": [], "techniques": []]),
                              record: overdue)
        warnings += try check("stage.assessed", Rules.stage("cut-off-and-distance", "action"), record: Rules.record())
        warnings += try check("stage.assessed", Rules.stage(), record: Rules.record([("stage.assessed", Rules.stage())], explained: false))
        warnings += try check("safety.assessed", Rules.json(["dangerLevel": "imminent", "risks": ["threats"], "peopleInvolved": [],
                                                             "resourcesEngaged": []]), record: Rules.record())
        return warnings
    }

    @Test("every code this version writes has its English")
    func everyCode() {
        for code in WarningCode.known {
            let english = code.englishMessage
            #expect(english?.isEmpty == false, "\(code)")
            #expect(english?.lowercased().contains("fail") == false, "\(code)")
        }
        #expect(Set(WarningCode.known).count == WarningCode.known.count)
        // A code recorded by another version reads back as itself, with no English of its own.
        #expect(WarningCode("some-future-code").englishMessage == nil)
        let future = ClinicalWarning(code: "some-future-code", message: "Un avertissement d'une autre version.")
        #expect(future.englishMessage == future.message && future.frenchMessage == future.message)
    }

    @Test("the rules raise every known code; each warning reads in English, and in French alone")
    func raisedWarnings() throws {
        let warnings = try everyWarning()
        #expect(Set(warnings.map(\.code)) == Set(WarningCode.known))
        for warning in warnings {
            #expect(!warning.englishMessage.isEmpty && warning.englishMessage != warning.message, "\(warning.code)")
            #expect(!warning.englishMessage.contains("é") && !warning.englishMessage.contains("« "), "\(warning.code): \(warning.englishMessage)")
            #expect(!warning.frenchMessage.isEmpty && !warning.frenchMessage.contains(" — "), "\(warning.code): \(warning.frenchMessage)")
            #expect(warning.message.hasPrefix(warning.frenchMessage))
        }
    }

    @Test("what is recorded is unchanged: the unusual-pair message as the rules always wrote it")
    func recordedUnchanged() throws {
        let warning = try #require(try check("stage.assessed", Rules.stage("crisis", "determination"), record: Rules.record()).first)
        #expect(warning.message == "À l'étape « situation de crise », le stade est habituellement contemplation, ici « détermination ». C'est un repère, pas une règle.")
        #expect(warning.englishMessage == "At the step “crisis”, the stage is usually contemplation, here “determination (preparation)”. A guide, not a rule.")
        let encoded = String(decoding: try JSONEncoder().encode(warning), as: UTF8.self)
        #expect(!encoded.contains("englishMessage") && !encoded.contains("At the step"))
        let danger = ClinicalWarning(code: .dangerWithoutCrisisPlan,
                                     message: "Danger élevé ou imminent sans plan de crise consigné. — High or imminent danger without a crisis plan.")
        #expect(danger.frenchMessage == "Danger élevé ou imminent sans plan de crise consigné.")
    }

    @Test("every unusual pair names its step and stage in English", arguments: EngagementStep.allCases)
    func everyPair(step: EngagementStep) throws {
        for stage in WheelStage.allCases where !step.usualWheelStages.contains(stage) {
            let warning = ClinicalWarning.stagePairUnusual(step, stage)
            #expect(warning.englishMessage == ClinicalWarning.englishStagePairMessage(step, stage))
            #expect(warning.englishMessage.contains("“\(step.englishLabel)”") && warning.englishMessage.contains("“\(stage.englishLabel)”"))
        }
        // A message this version did not write keeps the code's general English.
        let other = ClinicalWarning(code: .stagePairUnusual, message: "Paire inhabituelle.")
        #expect(other.englishMessage == WarningCode.stagePairUnusual.englishMessage)
    }
}
