import Foundation
import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
import Testing

/// The projections read acts by hand from the log's tape (`ActReading`), member by member;
/// whatever they read must be exactly what the act's `Codable` reading gives, and they must
/// refuse exactly what it refuses (issue 16). Synthetic acts only.
@Suite("Acts read by hand, as Codable reads them")
struct ActReadingTests {
    /// The hand reading alone: no `Codable` path behind it.
    struct ByHandOnly: ActDataDecoding {
        let data: Data
        struct NotByHand: Error {}
        func decode<T: Decodable>(_ type: T.Type) throws -> T { throw NotByHand() }
        var fields: (any ActDataFields)? { ParsedJSONData(data: data).fields }
    }

    static func byHand(_ type: String, _ data: Data) -> RecordedAct? {
        let schema = ClinicalActType(rawValue: type)!.currentSchema
        return RecordedAct.decode(type: type, data: data, schema: schema, using: ByHandOnly(data: data))
    }

    static func byCodable(_ type: String, _ data: Data) -> RecordedAct? {
        RecordedAct.decode(type: type, data: data, schema: ClinicalActType(rawValue: type)!.currentSchema)
    }

    /// What the golden acts and the generator leave out, so that every optional member is read by hand at least once.
    static let everyOptional: [String: [String: JSONValue]] = [
        "participant.enrolled": ["identity": ["name": "Personne Fictive", "dateOfBirth": "2010-01-01", "contact": "contact fictif"],
                                 "notes": "une note fictive"],
        "obligations.explained": ["notes": "une note fictive"],
        "consent.given": ["purpose": "une fin fictive", "expiresOn": "2027-01-31", "notes": "une note fictive",
                          "scope": ["kind": "organization", "value": "Organisme Fictif"]],
        "consent.refused": ["reason": "une raison fictive"],
        "careteam.assigned": ["reason": "une raison fictive"],
        "stage.assessed": ["personSaid": "des mots fictifs"],
        "decisional-balance.recorded": ["clinicalJustification": "une justification fictive"],
        "plan.revised": ["replaces": 1, "objectives": [["what": "un objectif fictif", "measure": "une mesure", "targetDate": "2027-01-01",
                                                        "why": "une raison", "status": "active"]]],
        "fall-plan.revised": ["replaces": 1, "peopleToCall": [["name": "Contact Fictif", "relationship": "amie fictive", "phone": "555-0100"]]],
        "relapse.recorded": ["endedOn": "2026-05-01", "whatHelped": "une amie fictive",
                             "factors": [["origin": "external", "category": "critical-event", "description": "un fait fictif"]]],
        "safety.assessed": ["crisisPlan": "un plan fictif", "notes": "une note fictive"],
        "session.held": ["notes": "une note fictive"],
        "referral.made": ["consent": "evt-exemple"],
        "referral.updated": ["reason": "une raison fictive"],
        "disclosure.legal": ["basisDetail": "un détail fictif", "participantToldAt": "2026-05-02"],
        "trauma.observed": ["notes": "une note fictive", "diagnosis": ["condition": "condition fictive", "designation": "titre fictif"]],
    ]

    /// Golden acts, the same with every optional member filled, and generated journeys' acts: (type, data).
    static func readableActs() throws -> [(String, Data)] {
        var acts: [(String, Data)] = []
        for (type, data) in try CodablePathTests.goldenActs() {
            acts.append((type, CodablePathTests.bytes(.object(data))))
            var full = data.merging(everyOptional[type] ?? [:]) { _, new in new }
            full["warnings"] = [["code": "stage-pair-unusual", "message": "Un repère, pas une règle."], ["code": "code-inconnu", "message": "Autre."]]
            acts.append((type, CodablePathTests.bytes(.object(full))))
        }
        for event in CodablePathTests.generatedEvents(participants: 60, seed: 29).joined() { acts.append((event.type, event.payload!)) }
        return acts
    }

    @Test("every act type, golden, generated and with every optional member filled, reads by hand to the act Codable reads")
    func readableActsReadTheSame() throws {
        var filled: [String: Bool] = [:]
        var types: Set<String> = []
        for (type, data) in try Self.readableActs() {
            let codable = try #require(Self.byCodable(type, data), "\(type) is readable")
            let hand = Self.byHand(type, data)
            #expect(hand == codable, "\(type): read by hand as Codable reads it")
            if let hand { CodablePathTests.note(hand, at: type, in: &filled) }
            types.insert(type)
        }
        #expect(types == Set(ClinicalActType.allCases.map(\.rawValue)))
        // Every member of every act type, at every depth, was read by hand in some act compared above: an optional
        // member added to a type and not to its hand reading shows here.
        #expect(filled.filter { !$0.value }.keys.sorted() == [], "members never read by hand")
    }

    /// More damage than `CodablePathTests.damaged`: arrays holding a value of the wrong kind, null elements.
    static func damaged(_ object: [String: JSONValue]) -> [(String, [String: JSONValue])] {
        var copies = CodablePathTests.damaged(object)
        let elements: [JSONValue] = [7, .null, true, "x", [:], []]
        for (name, member) in object {
            guard case .array(let array) = member else { continue }
            for element in elements {
                copies.append(("\(name) + [\(CanonicalJSON.string(element))]", object.merging([name: .array(array + [element])]) { _, new in new }))
                copies.append(("\(name) = [\(CanonicalJSON.string(element))]", object.merging([name: .array([element])]) { _, new in new }))
            }
        }
        copies.append(("occurredAt = null", object.merging(["occurredAt": .null]) { _, new in new }))
        copies.append(("occurredAt = 7", object.merging(["occurredAt": 7]) { _, new in new }))
        copies.append(("warnings = null", object.merging(["warnings": .null]) { _, new in new }))
        copies.append(("warnings = [{}]", object.merging(["warnings": [[:]]]) { _, new in new }))
        copies.append(("warnings = [7]", object.merging(["warnings": [7]]) { _, new in new }))
        copies.append(("warnings = {}", object.merging(["warnings": [:]]) { _, new in new }))
        return copies
    }

    @Test("damaged act data is refused by hand exactly where Codable refuses it, and read the same where Codable reads it")
    func damagedActsReadTheSame() throws {
        var refused = 0, read = 0
        for (type, data) in try CodablePathTests.goldenActs() {
            let full = data.merging(Self.everyOptional[type] ?? [:]) { _, new in new }
            for (label, copy) in Self.damaged(data) + Self.damaged(full) {
                let bytes = CodablePathTests.bytes(.object(copy))
                let codable = Self.byCodable(type, bytes)
                #expect(Self.byHand(type, bytes) == codable, "\(type) with \(label): by hand as by Codable")
                if codable == nil { refused += 1 } else { read += 1 }
            }
        }
        #expect(refused > 1_000 && read > 500, "both refusals and readings are compared (\(refused), \(read))")
    }

    @Test("member names written with escapes are found as the Codable path finds them, canonically equivalent text included")
    func escapedNames() throws {
        var compared = 0
        for (type, data) in try CodablePathTests.goldenActs() {
            let full = data.merging(Self.everyOptional[type] ?? [:]) { _, new in new }
            let text = String(decoding: CodablePathTests.bytes(.object(full)), as: UTF8.self)
            // A name's first letter written as a \u escape, and a capital K as an escaped Kelvin sign (U+212A, equivalent to K).
            for name in full.keys {
                let first = name.unicodeScalars.first!
                let escaped = text.replacingOccurrences(of: "\"\(name)\":", with: "\"\\u\(String(format: "%04x", first.value))\(name.dropFirst())\":")
                let kelvin = text.replacingOccurrences(of: "Kind\":", with: "\\u212Aind\":")
                for variant in [escaped, kelvin] where variant != text {
                    let bytes = Data(variant.utf8)
                    #expect(Self.byHand(type, bytes) == Self.byCodable(type, bytes), "\(type).\(name) written another way")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    @Test("data the log's reader refuses (a fraction, a duplicate member) is not read by hand: the projections read it as Codable does")
    func notOnTheTape() throws {
        var stage = try #require(CodablePathTests.goldenActs().first { $0.type == "stage.assessed" }).data
        stage["importance"] = 7
        let golden = String(decoding: CodablePathTests.bytes(.object(stage)), as: UTF8.self)
        let texts = [golden.replacingOccurrences(of: #""importance":7"#, with: #""importance":7.0"#),
                     golden.replacingOccurrences(of: #""importance":7"#, with: #""importance":7,"importance":8"#)]
        #expect(texts.allSatisfy { $0 != golden })
        var readByCodable = 0
        for text in texts {
            let data = Data(text.utf8)
            #expect(Self.byHand("stage.assessed", data) == nil, "\(text): not on the tape")
            let codable = Self.byCodable("stage.assessed", data)
            if codable != nil { readByCodable += 1 }
            #expect(RecordedAct.decode(type: "stage.assessed", data: data, schema: ClinicalActType.stageAssessed.currentSchema,
                                       using: ParsedJSONData(data: data)) == codable, "\(text): as Codable reads it")
        }
        #expect(readByCodable > 0, "JSONDecoder reads one of them, and so do the projections")
    }
}
