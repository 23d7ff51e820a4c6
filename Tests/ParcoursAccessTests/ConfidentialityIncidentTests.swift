import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import Testing

/// The register of confidentiality incidents: each rule refuses naming its field; a valid
/// incident, and its updates, are accepted.
@Suite("The register of confidentiality incidents")
struct ConfidentialityIncidentTests {
    static let now = ClinicalDate.instantOrNil("2026-11-23T12:00:00.000Z")!

    /// A valid incident with a risk of serious injury, its notice to the Commission sent.
    static let valid: [String: JSONValue] = [
        "categories": ["identity", "stages"],
        "informationDetail": "fiche d'admission",
        "circumstances": "Courriel transmis à un mauvais destinataire d'un organisme partenaire",
        "occurredFrom": "2026-11-02",
        "occurredTo": "2026-11-03",
        "occurredApproximate": false,
        "learnedOn": "2026-11-05",
        "personsConcerned": 3,
        "personsApproximate": true,
        "riskAssessment": "Renseignements très sensibles ; destinataire tenu au secret ; probabilité d'usage préjudiciable faible",
        "seriousInjuryRisk": true,
        "notices": ["commissionNotifiedOn": "2026-11-06", "publicNotice": false],
        "measures": "Courriel supprimé, confirmation écrite obtenue, rappel de la procédure d'envoi",
    ]

    static func incident(_ changes: [String: JSONValue?]) throws(ClinicalError) -> ConfidentialityIncident {
        var object = valid
        for (name, value) in changes { object[name] = value }
        return try ConfidentialityIncident(json: object, now: now)
    }

    /// The field named by the refusal of `changes` applied to the valid incident, or nil if accepted.
    static func refusedField(_ changes: [String: JSONValue?]) -> String? {
        do { _ = try incident(changes); return nil } catch {
            expectFrench(error)
            return error.field
        }
    }

    /// Every refusal says in French what would be accepted, not the English left as it was.
    static func expectFrench(_ error: ClinicalError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!error.frenchReason.trimmingCharacters(in: .whitespaces).isEmpty, "\(error)", sourceLocation: sourceLocation)
        if error.reason.contains(where: \.isLetter) {
            #expect(error.frenchReason != error.reason, "not translated: \(error)", sourceLocation: sourceLocation)
        }
        for text in ["Courriel", "fiche d'admission", "journal d'accès"] {
            #expect(!error.frenchReason.contains(text), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a valid incident is accepted, and stored as it was read")
    func validAccepted() throws {
        let incident = try Self.incident([:])
        #expect(incident.categories == [.identity, .stages])
        #expect(incident.personsConcerned == 3 && incident.personsApproximate)
        #expect(incident.notices?.commissionNotifiedOn == "2026-11-06")
        #expect(incident.json == Self.valid)
        #expect(try ConfidentialityIncident(json: incident.json, now: Self.now) == incident)
    }

    @Test("information that cannot be described: no category, and the reason why")
    func undescribedInformation() throws {
        let incident = try Self.incident(["categories": [], "informationDetail": nil, "informationUnknownReason": "journal d'accès détruit"])
        #expect(incident.categories.isEmpty)
        #expect(Self.refusedField(["categories": [], "informationDetail": nil]) == "categories")
        #expect(Self.refusedField(["categories": [], "informationUnknownReason": "inconnu"]) == "informationDetail")
        #expect(Self.refusedField(["informationUnknownReason": "inconnu"]) == "informationUnknownReason")
        #expect(Self.refusedField(["categories": [], "informationDetail": nil, "informationUnknownReason": "  "]) == "informationUnknownReason")
    }

    @Test("1° categories come from the vocabulary, once each")
    func categories() {
        #expect(Self.refusedField(["categories": nil]) == "categories")
        #expect(Self.refusedField(["categories": "identity"]) == "categories")
        #expect(Self.refusedField(["categories": ["identity", "medical"]]) == "categories[1]")
        #expect(Self.refusedField(["categories": ["identity", "identity"]]) == "categories[1]")
        #expect(Self.refusedField(["informationDetail": ""]) == "informationDetail")
    }

    @Test("2°, 6°, 8° the texts are required, not blank, brief")
    func texts() {
        for field in ["circumstances", "riskAssessment", "measures"] {
            #expect(Self.refusedField([field: nil]) == field)
            #expect(Self.refusedField([field: " \n"]) == field)
            #expect(Self.refusedField([field: 3]) == field)
            #expect(Self.refusedField([field: .string(String(repeating: "x", count: ConfidentialityIncident.maxDescription + 1))]) == field)
        }
    }

    @Test("3° when it happened: days as YYYY-MM-DD, that exist, not in the future, the end not before the start")
    func occurred() {
        #expect(Self.refusedField(["occurredFrom": nil]) == "occurredFrom")
        #expect(Self.refusedField(["occurredFrom": "2026-11-2"]) == "occurredFrom")
        #expect(Self.refusedField(["occurredFrom": "2026-02-30"]) == "occurredFrom")
        #expect(Self.refusedField(["occurredFrom": "2026-11-24", "learnedOn": "2026-11-24"]) == "occurredFrom")
        #expect(Self.refusedField(["occurredTo": "2026-11-01"]) == "occurredTo")
        #expect(Self.refusedField(["occurredTo": "2026-12-01"]) == "occurredTo")
        #expect(Self.refusedField(["occurredApproximate": nil]) == "occurredApproximate")
        #expect(Self.refusedField(["occurredApproximate": "oui"]) == "occurredApproximate")
        #expect(Self.refusedField(["occurredTo": nil, "occurredApproximate": true]) == nil)
    }

    @Test("4° when it was learned of: not before it began, not in the future")
    func learned() {
        #expect(Self.refusedField(["learnedOn": nil]) == "learnedOn")
        #expect(Self.refusedField(["learnedOn": "2026-11-01"]) == "learnedOn")
        #expect(Self.refusedField(["learnedOn": "2026-11-30"]) == "learnedOn")
        #expect(Self.refusedField(["learnedTo": "2026-11-04"]) == "learnedTo")
        #expect(Self.refusedField(["learnedTo": "2026-11-05"]) == nil)
        // Learned of during the incident's period (it was still going on): accepted.
        #expect(Self.refusedField(["occurredTo": "2026-11-10", "notices": ["publicNotice": false]]) == nil)
    }

    @Test("5° the number of persons: an integer ≥ 0, possibly approximate")
    func persons() {
        #expect(Self.refusedField(["personsConcerned": -1]) == "personsConcerned")
        #expect(Self.refusedField(["personsConcerned": "3"]) == "personsConcerned")
        #expect(Self.refusedField(["personsConcerned": nil]) == "personsConcerned")
        #expect(Self.refusedField(["personsApproximate": nil]) == "personsApproximate")
        #expect(Self.refusedField(["personsConcerned": 0, "personsApproximate": false]) == nil)
    }

    @Test("7° notices are required if and only if there is a risk of serious injury")
    func noticesIffSerious() {
        #expect(Self.refusedField(["notices": nil]) == "notices")
        #expect(Self.refusedField(["seriousInjuryRisk": false]) == "notices")
        #expect(Self.refusedField(["seriousInjuryRisk": false, "notices": nil]) == nil)
        #expect(Self.refusedField(["seriousInjuryRisk": nil]) == "seriousInjuryRisk")
        // Not sent yet: accepted, the register shows them as pending.
        #expect(Self.refusedField(["notices": ["publicNotice": false]]) == nil)
    }

    @Test("7° notice dates: days not before learnedOn, not in the future; a public notice gives its reason")
    func noticeRules() {
        #expect(Self.refusedField(["notices": ["commissionNotifiedOn": "2026-11-04", "publicNotice": false]]) == "notices.commissionNotifiedOn")
        #expect(Self.refusedField(["notices": ["ministerNotifiedOn": "06/11/2026", "publicNotice": false]]) == "notices.ministerNotifiedOn")
        #expect(Self.refusedField(["notices": ["personsNotifiedOn": "2026-12-01", "publicNotice": false]]) == "notices.personsNotifiedOn")
        #expect(Self.refusedField(["notices": ["commissionNotifiedOn": "2026-11-06"]]) == "notices.publicNotice")
        #expect(Self.refusedField(["notices": ["publicNotice": true]]) == "notices.publicNoticeReason")
        #expect(Self.refusedField(["notices": ["publicNotice": false, "publicNoticeReason": "presse"]]) == "notices.publicNoticeReason")
        #expect(Self.refusedField(["notices": ["publicNotice": false, "sentOn": "2026-11-06"]]) == "notices.sentOn")
        #expect(Self.refusedField(["notices": "2026-11-06"]) == "notices")
        #expect(Self.refusedField(["notices": ["publicNotice": true, "publicNoticeReason": "personnes impossibles à joindre"]]) == nil)
    }

    @Test("an unknown member is refused by its name")
    func unknownMember() {
        #expect(Self.refusedField(["participant": "P-7Q4K2M"]) == "participant")
    }

    @Test("an update merges into the incident, which must still pass every rule")
    func updates() throws {
        let incident = try Self.incident([:])
        let notices = try IncidentUpdate(json: ["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90",
                                                "notices": ["ministerNotifiedOn": "2026-11-06", "personsNotifiedOn": "2026-11-07"]])
        let updated = try notices.applied(to: incident, now: Self.now)
        #expect(updated.notices == .init(ministerNotifiedOn: "2026-11-06", commissionNotifiedOn: "2026-11-06",
                                         personsNotifiedOn: "2026-11-07", publicNotice: false))
        let lowered = try IncidentUpdate(json: ["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "seriousInjuryRisk": false, "notices": nil])
        #expect(try lowered.applied(to: incident, now: Self.now).notices == nil)

        func refused(_ object: [String: JSONValue]) -> String? {
            do { _ = try IncidentUpdate(json: object).applied(to: incident, now: Self.now); return nil } catch {
                Self.expectFrench(error)
                return error.field
            }
        }
        #expect(refused(["incident": "I-1", "measures": "x"]) == "incident")
        #expect(refused(["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90"]) == "incident")
        #expect(refused(["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "measures": nil]) == "measures")
        #expect(refused(["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "name": "x"]) == "name")
        #expect(refused(["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "seriousInjuryRisk": false]) == "notices")
        #expect(refused(["incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "notices": ["personsNotifiedOn": "2026-11-01"]])
                == "notices.personsNotifiedOn")
    }

    @Test("the register folds updates into their incident; what it cannot apply is reported, never dropped")
    func fold() {
        let id = "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90"
        let events = [
            IncidentRegister.Event(seq: 4, id: id, type: IncidentRegister.recordedType, recordedAt: "2026-11-06T10:00:00.000Z",
                                   author: "rprp-0001", data: Self.valid),
            IncidentRegister.Event(seq: 7, id: "5d1e7c0a-3b2f-4e8d-a6c9-1f0b2e3d4c5a", type: IncidentRegister.updatedType,
                                   recordedAt: "2026-11-08T10:00:00.000Z", author: "rprp-0001",
                                   data: ["incident": .string(id), "notices": ["personsNotifiedOn": "2026-11-07"], "measures": "Rappel fait"]),
            IncidentRegister.Event(seq: 9, id: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", type: IncidentRegister.updatedType,
                                   recordedAt: "2026-11-09T10:00:00.000Z", author: "rprp-0001",
                                   data: ["incident": "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f", "measures": "x"]),
        ]
        let (entries, problems) = IncidentRegister.fold(events, now: Self.now)
        #expect(entries.count == 1)
        #expect(entries.first?.incident.notices?.personsNotifiedOn == "2026-11-07")
        #expect(entries.first?.incident.measures == "Rappel fait")
        #expect(entries.first?.updates.map(\.members) == [["measures", "notices"]])
        #expect(problems.map(\.seq) == [9])
    }
}
