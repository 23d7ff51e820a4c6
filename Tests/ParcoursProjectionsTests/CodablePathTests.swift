import Foundation
import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
import Testing

/// The projections read acts with the log's JSON reader and write journeys with their own
/// writer; both must give exactly what Foundation's `Codable` path gives (issue 16).
/// Synthetic journeys only.
@Suite("Acts read and projections written without Foundation's coders")
struct CodablePathTests {
    /// The log's reader alone, with no fallback: what the fast path decodes by itself.
    struct ParsedOnly: ActDataDecoding {
        let data: Data
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONValueDecoder(ignoringUnknownMembers: true).decode(type, from: try JSONParser.parse(data))
        }
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ParcoursClinicalTests/Fixtures/golden").standardized

    /// Each golden act's data, as stored (with `occurredAt`, and warnings on some).
    static func goldenActs() throws -> [(type: String, data: [String: JSONValue])] {
        try ClinicalActType.allCases.map { type in
            let file = golden.appendingPathComponent("\(type.rawValue).json")
            let act = try JSONParser.parse(Array(try Data(contentsOf: file)))
            var data = try #require(act["data"]?.objectValue)
            data["occurredAt"] = act["occurredAt"]
            if type == .stageAssessed || type == .sessionHeld {
                data["warnings"] = [["code": "stage-pair-unusual", "message": "Un repère, pas une règle."]]
            }
            return (type.rawValue, data)
        }
    }

    /// Generated journeys' acts as a projection reads them, in stream order.
    static func generatedEvents(participants: Int, seed: UInt64) -> [[ProjectedEvent]] {
        var generator = JourneyGenerator(seed: seed, clinician: "clin-exemple")
        var seq: UInt64 = 0
        return generator.journeys(count: participants).map { journey in
            journey.enumerated().map { version, act in
                var data = try! JSONParser.parse(Array(act.data)).objectValue!
                data["occurredAt"] = .string(act.occurredAt)
                seq += 1
                return ProjectedEvent(seq: seq, id: act.id, participant: act.participant, version: UInt64(version + 1), type: act.type,
                                      schema: ClinicalActType(rawValue: act.type)?.currentSchema ?? 1, author: "clin-exemple",
                                      recordedAt: act.occurredAt, payload: Data(CanonicalJSON.encode(.object(data))))
            }
        }
    }

    static func bytes(_ value: JSONValue) -> Data { Data(CanonicalJSON.encode(value)) }

    /// The act read both ways; records what differs.
    static func expectSame(_ type: String, _ data: Data, schema: Int64, readable: Bool? = nil, _ what: String) {
        let codable = RecordedAct.decode(type: type, data: data, schema: schema)
        let parsed = RecordedAct.decode(type: type, data: data, schema: schema, using: ParsedJSONData(data: data))
        #expect(parsed == codable, "\(what): read as the Codable path reads it")
        if let readable { #expect((codable != nil) == readable, "\(what): readable is \(readable)") }
    }

    @Test("every act type, in every schema version, reads to the act the Codable path reads")
    func everyTypeAndVersion() throws {
        for (type, data) in try Self.goldenActs() {
            let bytes = Self.bytes(.object(data))
            Self.expectSame(type, bytes, schema: ClinicalActType(rawValue: type)!.currentSchema, readable: true, type)
            // The log's reader by itself, without falling back on JSONDecoder, gives the same act.
            let alone = RecordedAct.decode(type: type, data: bytes, schema: ClinicalActType(rawValue: type)!.currentSchema,
                                           using: ParsedOnly(data: bytes))
            #expect(alone != nil && alone == RecordedAct.decode(type: type, data: bytes, schema: ClinicalActType(rawValue: type)!.currentSchema),
                    "\(type) is read by the log's reader alone")
            // Without `occurredAt` (an act not yet stored) and with an instant written without milliseconds.
            var bare = data
            bare["occurredAt"] = nil
            Self.expectSame(type, Self.bytes(.object(bare)), schema: ClinicalActType(rawValue: type)!.currentSchema, readable: true, "\(type) unstored")
            bare["occurredAt"] = "2026-10-02T10:00:00Z"
            Self.expectSame(type, Self.bytes(.object(bare)), schema: ClinicalActType(rawValue: type)!.currentSchema, readable: true, "\(type) instant")
        }
        // relapse.recorded version 1, upcast to version 2 on both paths.
        let v1: JSONValue = ["kind": "momentary", "startedOn": "2026-10-01", "externalFactors": ["fête"], "internalFactors": ["ennui"],
                             "whatHelped": "une amie", "occurredAt": "2026-10-02T10:00:00.000Z",
                             "warnings": [["code": "relapse-without-plan", "message": "Aucun plan."]]]
        Self.expectSame("relapse.recorded", Self.bytes(v1), schema: 1, readable: true, "relapse.recorded version 1")
        // A version this build has no reader for, and a type it does not know: unreadable on both.
        Self.expectSame("relapse.recorded", Self.bytes(v1), schema: 0, readable: false, "relapse.recorded version 0")
        Self.expectSame("stage.unknown", Self.bytes(v1), schema: 1, readable: false, "an unknown type")
    }

    @Test("generated journeys' acts read to the acts the Codable path reads, corrections and voidings included")
    func generatedActs() {
        var types: Set<String> = []
        for event in Self.generatedEvents(participants: 120, seed: 16).joined() {
            let payload = event.payload!
            let codable = RecordedAct.decode(type: event.type, data: payload, schema: event.schema)
            #expect(codable != nil, "\(event.type) is readable")
            #expect(RecordedAct.decode(event) == codable, "\(event.type) reads the same")
            #expect(RecordedAct.decode(type: event.type, data: payload, schema: event.schema, using: ParsedOnly(data: payload)) == codable,
                    "\(event.type) reads the same by the log's reader alone")
            types.insert(event.type)
        }
        #expect(types == Set(ClinicalActType.allCases.map(\.rawValue)), "the generator covers every type")
    }

    /// Every member of an object replaced by each kind of value, removed, and a member added.
    static func damaged(_ object: [String: JSONValue]) -> [(String, [String: JSONValue])] {
        var copies: [(String, [String: JSONValue])] = [("extra member", object.merging(["extra": "x"]) { a, _ in a })]
        let replacements: [JSONValue] = [.null, 7, -1, 11, "x", "", true, [], ["x"], [:], ["kind": "x"]]
        for (name, member) in object {
            var removed = object
            removed[name] = nil
            copies.append(("\(name) removed", removed))
            for replacement in replacements {
                var changed = object
                changed[name] = replacement
                copies.append(("\(name) = \(CanonicalJSON.string(replacement))", changed))
            }
            if case .object(let inner) = member {
                for (label, copy) in damaged(inner) { copies.append(("\(name).\(label)", object.merging([name: .object(copy)]) { _, new in new })) }
            }
            if case .array(let elements) = member, case .object(let first)? = elements.first {
                for (label, copy) in damaged(first) {
                    copies.append(("\(name)[0].\(label)", object.merging([name: .array([.object(copy)] + elements.dropFirst())]) { _, new in new }))
                }
            }
        }
        return copies
    }

    /// How corrections were merged before (Foundation's `JSONSerialization`): the reference for the merge of the log's parser.
    static func mergedByFoundation(_ members: [String: JSONValue], into payload: Data) -> Data? {
        guard var object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let correction = try? JSONSerialization.jsonObject(with: Data(CanonicalJSON.encode(.object(members)))) as? [String: Any]
        else { return nil }
        object.merge(correction) { _, new in new }
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test("a corrected act reads as it read when corrections were merged by JSONSerialization, whatever the member and value")
    func correctionsMerged() throws {
        let values: [JSONValue] = ["texte / « fictif » \"cité\" \\ \u{1} 😀", "", 7, -3, 0, true, false, .null, [], ["a", 2], ["x": "y"],
                                   "2026-02-30", "precontemplation", "high"]
        var compared = 0, readable = 0
        for (type, data) in try Self.goldenActs() {
            let schema = ClinicalActType(rawValue: type)!.currentSchema
            let payload = Self.bytes(.object(data))
            for member in data.keys.sorted() + ["membreInconnu"] {
                for value in values {
                    let members: [String: JSONValue] = [member: value]
                    let before = try #require(Self.mergedByFoundation(members, into: payload))
                    let after = try #require(Journey.merging(members, into: payload))
                    let act = RecordedAct.decode(type: type, data: after, schema: schema)
                    #expect(act == RecordedAct.decode(type: type, data: before, schema: schema), "\(type).\(member) corrected")
                    compared += 1
                    if act != nil { readable += 1 }
                }
            }
        }
        // Both kinds are among them: corrections that still make an act, and corrections that do not.
        #expect(readable > compared / 10 && readable < compared)
    }

    @Test("damaged act data is refused, or read, exactly as the Codable path refuses or reads it")
    func damagedActs() throws {
        var refused = 0, total = 0
        for (type, data) in try Self.goldenActs() {
            for (label, copy) in Self.damaged(data) {
                let bytes = Self.bytes(.object(copy))
                let codable = RecordedAct.decode(type: type, data: bytes, schema: ClinicalActType(rawValue: type)!.currentSchema)
                Self.expectSame(type, bytes, schema: ClinicalActType(rawValue: type)!.currentSchema, "\(type) with \(label)")
                if codable == nil { refused += 1 }
                total += 1
            }
        }
        // The damage is real: most copies are refused, some (an unknown member, an optional one removed) are read.
        #expect(refused > total / 2 && refused < total)
    }

    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The writer's bytes, without the fallback on `JSONEncoder`.
    static func written<T: Encodable>(_ value: T) throws -> [UInt8]? {
        let writer = JSONBytesWriter()
        try writer.put(value)
        return writer.unsupported ? nil : writer.output
    }

    static func expectSameBytes<T: Codable & Equatable>(_ value: T, _ what: String) throws {
        let codable = [UInt8](try foundation.encode(value))
        #expect(try written(value) == codable, "\(what): the writer alone writes JSONEncoder's bytes")
        #expect(try ProjectionJSONEncoder().encode(value) == codable, "\(what): JSONEncoder's bytes")
        #expect(try JSONDecoder().decode(T.self, from: Data(codable)) == value, "\(what): reads back equal")
        #expect(try ParsedOnly(data: Data(codable)).decode(T.self) == value, "\(what): reads back equal by the log's reader alone")
    }

    @Test("journeys, records and access facts folded from generated journeys are written byte for byte as JSONEncoder writes them")
    func generatedJourneys() throws {
        var corrected = 0, voided = 0
        var filled: [String: Bool] = [:]
        let (folded, journey) = try Self.journeysWithEveryMember()
        for (journey, record) in folded {
            try Self.expectSameBytes(journey, "journey")
            try Self.expectSameBytes(record, "record")
            try Self.expectSameBytes(journey.accessFacts, "access facts")
            corrected += journey.corrections.count
            voided += journey.voidedCount
            Self.note(journey, at: "journey", in: &filled)
        }
        try Self.expectSameBytes(journey, "a journey with every optional member filled")
        Self.note(journey, at: "journey", in: &filled)
        #expect(corrected > 0 && voided > 0, "corrections and voidings are among them")
        // The journey's members are written by hand: each one, at every depth, must have been filled in some journey
        // compared above (a member added to `Journey` and not to its writer then shows here or in the bytes).
        #expect(filled.filter { !$0.value }.keys.sorted() == [], "members no generated journey fills")
    }

    /// Journeys and records folded from 120 generated journeys, and one journey holding every kind of entry with every
    /// optional member filled: what the generator never fills, filled by hand, entries borrowed from the others.
    /// Folded once for every test that reads them (the debug build is slow).
    static func journeysWithEveryMember() throws -> (folded: [(Journey, ParticipantRecord)], full: Journey) { try everyMember.get() }

    private static let everyMember = Result { try foldJourneysWithEveryMember() }

    private static func foldJourneysWithEveryMember() throws -> (folded: [(Journey, ParticipantRecord)], full: Journey) {
        let folded = Self.generatedEvents(participants: 120, seed: 61).map { Projector.fold($0[0].participant, $0) }
        var journey = folded[0].0
        func borrow<Member>(_ member: WritableKeyPath<Journey, Member>, whileMissing missing: (Member) -> Bool) throws {
            if missing(journey[keyPath: member]) { journey[keyPath: member] = try #require(folded.first { !missing($0.0[keyPath: member]) }).0[keyPath: member] }
        }
        try borrow(\.refusals) { $0.isEmpty }
        try borrow(\.relapses) { $0.isEmpty }
        try borrow(\.consents) { $0.isEmpty }
        try borrow(\.referrals) { $0.isEmpty }
        try borrow(\.disclosures) { $0.isEmpty }
        try borrow(\.balances) { $0.isEmpty }
        try borrow(\.traumaObservations) { $0.isEmpty }
        try borrow(\.planHistory) { $0.isEmpty }
        try borrow(\.fallPlan) { $0?.plan.peopleToCall.isEmpty ?? true }
        try borrow(\.safety) { $0 == nil }
        try borrow(\.stage) { $0 == nil }
        try borrow(\.admission) { $0 == nil }
        try borrow(\.plan) { $0 == nil }
        try borrow(\.corrections) { $0.isEmpty }
        try Self.fillEveryOptional(&journey)
        return (folded, journey)
    }

    /// Sets what the journey generator leaves out (synthetic words only).
    static func fillEveryOptional(_ journey: inout Journey) throws {
        journey.admission?.contact = "contact fictif"
        journey.stage?.personSaid = "des mots fictifs"
        journey.consents[0].expiresOn = "2027-01-31"
        journey.consents[0].purpose = "une fin fictive"
        journey.consents[0].scope.value = "Organisme Fictif"
        journey.referrals[0].consent = "evt-exemple"
        journey.refusals[0].liftedOn = "2026-06-01"
        journey.relapses[0].endedOn = "2026-05-01"
        journey.warnings.append(Journey.OpenWarning(code: .stagePairUnusual, message: "Un repère, pas une règle.", since: "2026-04-01", act: "evt-exemple"))
        journey.balances[0].balance.clinicalJustification = "une justification fictive"
        journey.disclosures[0].disclosure.basisDetail = "un détail fictif"
        journey.fallPlan?.plan.peopleToCall[0].phone = "555-0100"
        journey.fallPlan?.plan.peopleToCall[0].relationship = "amie fictive"
        journey.plan?.plan.objectives[0].why = "une raison fictive"
        journey.planHistory[0].plan.objectives[0].why = "une raison fictive"
        journey.safety?.assessment.notes = "une note fictive"
        journey.traumaObservations[0].observation.notes = "une note fictive"
        journey.traumaObservations[0].observation.diagnosis = try JSONDecoder().decode(
            TraumaObservation.Diagnosis.self, from: Data(#"{"condition":"condition fictive","designation":"titre fictif"}"#.utf8))
    }

    /// Every stored property of `value` at every depth (`journey.referrals[].updates[].reason`), and whether
    /// one of the values seen filled it (an optional present, a collection not empty).
    static func note(_ value: Any, at path: String, in filled: inout [String: Bool]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { filled[path] = filled[path] ?? false; return }
            note(wrapped.value, at: path, in: &filled)
        case .collection, .set:
            filled[path] = (filled[path] ?? false) || !mirror.children.isEmpty
            for element in mirror.children { note(element.value, at: path + "[]", in: &filled) }
        case .dictionary:
            filled[path] = (filled[path] ?? false) || !mirror.children.isEmpty
            for pair in mirror.children {
                if let value = Mirror(reflecting: pair.value).children.dropFirst().first?.value { note(value, at: path + "{}", in: &filled) }
            }
        case .struct:
            filled[path] = true
            for child in mirror.children { note(child.value, at: path + "." + (child.label ?? "?"), in: &filled) }
        default:
            filled[path] = true
        }
    }

    @Test("names and text that need escaping or sorting are written as JSONEncoder writes them")
    func escapingAndOrder() throws {
        let events = Self.generatedEvents(participants: 1, seed: 7)[0]
        var (journey, _) = Projector.fold(events[0].participant, events)
        let tricky = "Personne \"Exemple\" \\ / \u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f} é e\u{301} 😀 \u{2028}"
        journey.admission?.name = tricky
        journey.participant = tricky
        let mark = Journey.CorrectionMark(by: ["a"], on: "2026-01-01", reason: tricky, members: ["x"])
        // By UTF-8 bytes: capitals before `_` before small letters, `e` + accent before `f` before `é`, `a10` before `a9`.
        for name in ["b", "a10", "a9", "Z", "_x", "é", "e\u{301}", "f", "😀", "\u{FF61}", tricky] { journey.corrections[name] = mark }
        try Self.expectSameBytes(journey, "a journey with text to escape")
        let written = String(decoding: try ProjectionJSONEncoder().encode(journey.corrections), as: UTF8.self)
        #expect(written.hasPrefix(#"{"Personne \"Exemple\" \\ / \u0001\b\f\n\r\t\u001f"#))
    }

    /// What the writer leaves to JSONEncoder still comes out as JSONEncoder's bytes.
    struct Measured: Codable, Equatable {
        var ratio: Double
        var at: Date
        var name = "mesure"
    }

    @Test("a value the writer does not write itself (a fraction, a date) is written by JSONEncoder")
    func fallback() throws {
        let value = Measured(ratio: 0.85, at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try Self.written(value) == nil)
        #expect(try ProjectionJSONEncoder().encode(value) == [UInt8](try Self.foundation.encode(value)))
    }
}
