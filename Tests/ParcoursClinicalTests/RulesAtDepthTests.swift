import Foundation
import Testing
@testable import ParcoursClinical

/// The rules hold at every depth of an act: no member its type does not read, however
/// deep (a member stored but read by no report would be hidden from the person), and no
/// date in an implausible year or before the admission.
@Suite("Rules at every depth")
struct RulesAtDepthTests {
    typealias Rules = ClinicalRulesTests

    /// A golden act's `data`, as a JSON object.
    static func golden(_ type: ClinicalActType) throws -> [String: Any] {
        let file = GoldenActTests.directory.appendingPathComponent("\(type.rawValue).json")
        let act = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        return try #require(act["data"] as? [String: Any])
    }

    /// A place in an act's data: member names and array indexes from the top.
    enum Step: Equatable { case member(String), index(Int) }

    /// Every object of `value`, by its path (the top one first), but inside `skipping` members of the top.
    static func objects(in value: Any, at path: [Step] = [], skipping: Set<String>) -> [[Step]] {
        if let object = value as? [String: Any] {
            return [path] + object.keys.sorted().flatMap { key -> [[Step]] in
                path.isEmpty && skipping.contains(key) ? [] : objects(in: object[key]!, at: path + [.member(key)], skipping: skipping)
            }
        }
        if let array = value as? [Any] {
            return array.indices.flatMap { objects(in: array[$0], at: path + [.index($0)], skipping: skipping) }
        }
        return []
    }

    /// `value` with `member` set in the object at `path`.
    static func inserting(_ member: String, _ content: Any, at path: [Step], into value: Any) -> Any {
        guard let step = path.first else {
            var object = value as! [String: Any]
            object[member] = content
            return object
        }
        switch step {
        case .member(let key):
            var object = value as! [String: Any]
            object[key] = inserting(member, content, at: Array(path.dropFirst()), into: object[key]!)
            return object
        case .index(let index):
            var array = value as! [Any]
            array[index] = inserting(member, content, at: Array(path.dropFirst()), into: array[index])
            return array
        }
    }

    static func field(_ path: [Step]) -> String {
        path.reduce("data") { text, step in
            switch step {
            case .member(let key): "\(text).\(key)"
            case .index(let index): "\(text)[\(index)]"
            }
        }
    }

    /// The names listed after "accepted: " in a refusal.
    static func accepted(_ reason: String) -> Set<String> {
        guard let range = reason.range(of: "accepted: ") else { return [] }
        return Set(reason[range.upperBound...].components(separatedBy: ", "))
    }

    @Test("a golden act with a member added to any of its objects, at any depth, is refused with that member's path", arguments: ClinicalActType.allCases)
    func unknownAtEveryDepth(type: ClinicalActType) throws {
        let data = try Self.golden(type)
        let places = Self.objects(in: data, skipping: type.freeMembers)
        // Twice: the second decode is the plain one, from what the first taught (ActShapes); refusals come after both.
        for _ in 0..<2 { try ClinicalRecorder.checkShape(type: type.rawValue, data: try JSONSerialization.data(withJSONObject: data)) }
        for path in places {
            let changed = try JSONSerialization.data(withJSONObject: Self.inserting("hiddenNote", "texte caché", at: path, into: data))
            let expected = Self.field(path) + ".hiddenNote"
            do {
                try ClinicalRecorder.checkShape(type: type.rawValue, data: changed)
                Issue.record("\(type.rawValue): \(expected) was accepted")
            } catch {
                #expect(error.field == expected, "\(type.rawValue)")
                #expect(error.reason.hasPrefix("unknown member; accepted: "), "\(type.rawValue): \(error.reason)")
                // What the place accepts includes every member the golden act has there, never the added one.
                var place: Any = data
                for step in path {
                    switch step {
                    case .member(let key): place = (place as! [String: Any])[key]!
                    case .index(let index): place = (place as! [Any])[index]
                    }
                }
                let accepted = Self.accepted(error.reason)
                #expect(Set((place as! [String: Any]).keys).isSubset(of: accepted.union(["occurredAt", "warnings"])), "\(expected): \(error.reason)")
                #expect(!accepted.contains("hiddenNote"))
                #expect(!error.reason.contains("texte caché"))
                FrenchReasons.expectFrench(error)
                #expect(!error.frenchReason.contains("texte caché"))
                #expect(error.frenchReason.hasPrefix("champ inconnu (champs acceptés : "), "\(type.rawValue): \(error.frenchReason)")
            }
        }
        // Some act of the catalogue is looked into below the top; the golden acts have nested objects.
        if [.participantEnrolled, .relapseRecorded, .decisionalBalanceRecorded, .planRevised].contains(type) {
            #expect(places.contains { !$0.isEmpty }, "\(type.rawValue) has objects below the top")
        }
    }

    @Test("the members listed for each act are exactly those its type reads at the top", arguments: ClinicalActType.allCases)
    func membersFollowTheTypes(type: ClinicalActType) throws {
        var data = try Self.golden(type)
        data["hiddenNote"] = "x"
        for free in type.freeMembers { data[free] = nil }
        let bytes = try JSONSerialization.data(withJSONObject: data)
        // No list of members at the top: what StrictActDecoder reports comes from the Codable type alone.
        let error = #expect(throws: ClinicalError.self) { _ = try ClinicalRecorder.read(type, bytes, alsoAccepted: []) }
        #expect(error?.field == "data.hiddenNote")
        #expect(Self.accepted(error?.reason ?? "").union(type.freeMembers) == type.members, "\(type.rawValue)")
    }

    @Test("the members named in issue 10 are refused with their path, through the rules as recording checks them")
    func namedInTheIssue() throws {
        var enrolment = try #require(try JSONSerialization.jsonObject(with: Rules.enrolment()) as? [String: Any])
        enrolment["identity"] = ["name": "Personne Fictive", "dateOfBirth": "2010-05-01", "extra": "x"]
        let identity = #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.check(type: "participant.enrolled", data: Rules.json(enrolment), occurredAt: Rules.when, record: nil, now: Rules.now)
        }
        #expect(identity == ClinicalError("data.identity.extra", "unknown member; accepted: contact, dateOfBirth, name",
                                          fr: "champ inconnu (champs acceptés : contact, dateOfBirth, name)"))
        #expect(identity?.frenchReason == "champ inconnu (champs acceptés : contact, dateOfBirth, name)")

        let relapse = Rules.json(["kind": "momentary", "startedOn": "2026-10-01",
                                  "factors": [["origin": "external", "description": "retour au quartier"],
                                              ["origin": "internal", "description": "ennui", "hiddenNote": "x"]]])
        let factor = #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.check(type: "relapse.recorded", data: relapse, occurredAt: Rules.when, record: Rules.record(), now: Rules.now)
        }
        #expect(factor == ClinicalError("data.factors[1].hiddenNote", "unknown member; accepted: category, description, origin",
                                        fr: "champ inconnu (champs acceptés : category, description, origin)"))

        let balance = Rules.json(["statusQuo": ["pros": [["item": "x", "weight": 2, "note": "y"]], "cons": []], "change": ["pros": [], "cons": []],
                                  "clinicalJustification": "z"])
        let deep = #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.check(type: "decisional-balance.recorded", data: balance, occurredAt: Rules.when, record: Rules.record(), now: Rules.now)
        }
        #expect(deep?.field == "data.statusQuo.pros[0].note")
    }

    @Test("what the recorder stores beside the act (occurredAt, warnings) is refused from the caller, accepted in the stored shape")
    func storedMembers() throws {
        let stage = try #require(try JSONSerialization.jsonObject(with: Rules.stage()) as? [String: Any])
        for member in ["occurredAt", "warnings"] {
            var sent = stage
            sent[member] = member == "warnings" ? [] as [Any] : Rules.when
            let error = #expect(throws: ClinicalError.self) {
                try ClinicalRecorder.check(type: "stage.assessed", data: Rules.json(sent), occurredAt: Rules.when, record: Rules.record(), now: Rules.now)
            }
            #expect(error?.field == "data.\(member)")
        }
        var stored = stage
        stored["occurredAt"] = Rules.when
        stored["warnings"] = [["code": "stage-pair-unusual", "message": "m"]]
        try ClinicalRecorder.checkShape(type: "stage.assessed", data: Rules.json(stored))
    }

    @Test("a correction corrects only members the corrected act has, or its date, held to the rules of dates")
    func correctionMembers() throws {
        let stageID = "00000000-0000-4000-8000-00000000000a"
        var record = try #require(try Self.admittedOnTheTenth())
        record.apply(type: "stage.assessed", data: Rules.stage(), id: stageID)
        func correcting(_ members: [String: Any]) -> Data {
            Rules.json(["corrects": stageID, "reason": "erreur de saisie", "correction": members])
        }
        for good in [["importance": 7], ["occurredAt": "2026-11-12T10:00:00.000Z"]] as [[String: Any]] {
            _ = try ClinicalRecorder.check(type: "entry.corrected", data: correcting(good), occurredAt: Rules.when, record: record, now: Rules.now)
        }
        for member in ["hiddenNote", "warnings"] {
            let error = #expect(throws: ClinicalError.self) {
                try ClinicalRecorder.check(type: "entry.corrected", data: correcting(["importance": 7, member: "x"]),
                                           occurredAt: Rules.when, record: record, now: Rules.now)
            }
            #expect(error?.field == "data.correction.\(member)")
            #expect(error?.reason.contains("importance") == true)
        }
        for date in ["1899-12-31T10:00:00.000Z", "2026-11-09T10:00:00.000Z", "2026-12-31T10:00:00.000Z", "hier"] {
            let error = #expect(throws: ClinicalError.self) {
                try ClinicalRecorder.check(type: "entry.corrected", data: correcting(["occurredAt": date]), occurredAt: Rules.when, record: record, now: Rules.now)
            }
            #expect(error?.field == "data.correction.occurredAt", "\(date)")
        }
    }

    @Test("occurredAt in year 0000, 0001, 1899 or 1999 is refused, naming the field and what is accepted",
          arguments: ["0000-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "1899-12-31T00:00:00.000Z", "1999-12-31T23:59:59.999Z"])
    func implausibleYears(occurredAt: String) throws {
        for (type, data, record) in [("participant.enrolled", Rules.enrolment(), nil), ("stage.assessed", Rules.stage(), Rules.record())] {
            let error = #expect(throws: ClinicalError.self) {
                try ClinicalRecorder.check(type: type, data: data, occurredAt: occurredAt, record: record, now: Rules.now)
            }
            #expect(error?.field == "occurredAt")
            #expect(error?.reason.contains("2000-01-01") == true)
        }
    }

    @Test("an admission on 2000-01-01 is accepted; dates inside acts are held to the same years")
    func plausibleYears() throws {
        #expect(try ClinicalRecorder.check(type: "participant.enrolled", data: Rules.enrolment(born: "1985-06-01"),
                                           occurredAt: "2000-01-01T00:00:00.000Z", record: nil, now: Rules.now).isEmpty)
        let relapse = Rules.json(["kind": "momentary", "startedOn": "1950-10-01", "factors": []])
        #expect { try Rules().check("relapse.recorded", relapse, record: Rules.record()) } throws: { ($0 as? ClinicalError)?.field == "data.startedOn" }
        let disclosure = Rules.json(["legalBasis": "youth-protection-act-s39", "recipient": "DPJ", "categories": ["safety"],
                                     "disclosedAt": "0001-01-01T00:00:00.000Z", "participantTold": false, "justification": "danger"])
        #expect { try Rules().check("disclosure.legal", disclosure, record: Rules.record()) } throws: { ($0 as? ClinicalError)?.field == "data.disclosedAt" }
        let plan = Rules.json(["revision": 1, "needs": [], "objectives": [["what": "x", "measure": "y", "targetDate": "2027-01-01", "status": "active"]],
                               "means": [], "reviewOn": "1950-01-01"])
        #expect { try Rules().check("plan.revised", plan, record: Rules.record()) } throws: { ($0 as? ClinicalError)?.field == "data.reviewOn" }
    }

    /// A participant admitted at 15:00 UTC on 2026-11-10, as recording folds it.
    static func admittedOnTheTenth() throws -> ParticipantRecord? {
        var record: ParticipantRecord?
        _ = try ClinicalRecorder.record(type: "participant.enrolled", data: Rules.enrolment(), occurredAt: "2026-11-10T15:00:00.000Z",
                                        id: "00000000-0000-4000-8000-000000000001", participant: "P-TEST01", into: &record, now: Rules.now)
        return record
    }

    @Test("no act is dated before the admission; the admission itself and acts later on its day are accepted")
    func beforeAdmission() throws {
        var record = try Self.admittedOnTheTenth()
        #expect(record?.admittedOn == DateComponents(year: 2026, month: 11, day: 10))
        for before in ["2026-11-09T23:59:59.999Z", "2026-01-01T10:00:00.000Z"] {
            let error = #expect(throws: ClinicalError.self) {
                try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage(), occurredAt: before, record: record, now: Rules.now)
            }
            #expect(error?.field == "occurredAt")
            #expect(error?.reason.contains("admission") == true)
            #expect(error?.reason.contains("2026") == false, "no date of the person in the error")
        }
        // On the day of the admission, even earlier in that day: the clock of an act is not that precise.
        for sameDay in ["2026-11-10T15:00:00.000Z", "2026-11-10T08:00:00.000Z", "2026-11-10T23:59:59.000Z"] {
            _ = try ClinicalRecorder.check(type: "stage.assessed", data: Rules.stage(), occurredAt: sameDay, record: record, now: Rules.now)
        }
        _ = try ClinicalRecorder.record(type: "obligations.explained", data: Rules.json(["obligationsExplained": true, "rulesAgreed": true]),
                                        occurredAt: "2026-11-10T15:30:00.000Z", id: "00000000-0000-4000-8000-000000000002",
                                        participant: "P-TEST01", into: &record, now: Rules.now)
        #expect(record?.admittedOn == DateComponents(year: 2026, month: 11, day: 10), "a later act does not move the admission")
    }

    @Test("the day of the admission is kept by every way the record is built: folded from stored data, encoded and decoded")
    func admissionDayKept() throws {
        var enrolment = try #require(try JSONSerialization.jsonObject(with: Rules.enrolment()) as? [String: Any])
        enrolment["occurredAt"] = "2026-11-10T15:00:00.000Z"
        var folded = ParticipantRecord(participant: "P-TEST01")
        folded.apply(type: "participant.enrolled", data: Rules.json(enrolment))
        #expect(folded.admittedOn == DateComponents(year: 2026, month: 11, day: 10))
        let decoded = try JSONDecoder().decode(ParticipantRecord.self, from: try JSONEncoder().encode(folded))
        #expect(decoded == folded)
        #expect { try Rules().check("stage.assessed", Rules.stage(), record: decoded, at: "2026-11-09T10:00:00.000Z") } throws: {
            ($0 as? ClinicalError)?.field == "occurredAt"
        }
    }
}
