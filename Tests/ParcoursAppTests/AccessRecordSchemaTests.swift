import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing

/// Every kind of access record the use cases write fits `Schemas/log/access-record.v1`, and
/// reads back as an `AccessRecord` that writes the very same payload. Synthetic people only.
@Suite("Access records against their schema")
struct AccessRecordSchemaTests {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas/log/access-record.v1.schema.json").path

    /// Runs one request of each kind the program records, permitted and refused.
    static func everyKind() async throws -> AppFixture {
        let app = try await AppFixture()
        try app.enrolOversight()
        let (admitting, stranger) = (app.identity(AppFixture.admitting), app.identity(AppFixture.stranger))
        let (officer, admin) = (app.identity(AppFixture.privacyOfficer), app.identity("admin-exemple"))
        _ = try await OversightUseCaseTests.consenting(app)
        let participant = try await app.admitted()
        let id = try #require(ParticipantID(participant))
        // Reads: refused, under break-glass, of another's caseload, the program, raw events.
        _ = try? await app.caseRecord.journey(of: participant, by: stranger)
        _ = try await app.caseRecord.journey(of: participant, by: stranger, breakGlass: AppFixture.justification)
        _ = try await app.caseRecord.caseload(of: ActorID(AppFixture.admitting), by: app.identity(AppFixture.coordinator))
        _ = try await app.caseRecord.program(by: app.identity(AppFixture.coordinator))
        _ = try await app.caseRecord.events(inStream: "participant/\(participant)", by: admin)
        _ = try? await app.caseRecord.journey(of: "P-ZZZZZZ", by: admitting)
        // Identities not proven: a wrong passphrase, an unknown actor, a name typed for an id.
        _ = try? await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting, passphrase: "mauvaise-phrase-1"))
        _ = try? await app.caseRecord.journey(of: participant, by: app.identity("inconnu-exemple"))
        _ = try? await app.caseRecord.journey(of: participant, by: app.identity("Personne Fictive"))
        // Sign-ins: one proven, one refused.
        _ = try await app.caseRecord.recordSignIn(of: AppFixture.admitting)
        _ = try? await app.caseRecord.signIn(app.identity(AppFixture.admitting, passphrase: "mauvaise-phrase-2"))
        // Writes: a care-team change, one refused, one under break-glass.
        _ = try await app.caseRecord.record([try AppFixture.act("careteam.assigned", participant: participant,
                                                                 ["clinician": .string(AppFixture.colleague), "reason": "coverage"])], by: admitting)
        _ = try? await app.caseRecord.record([try AppFixture.act("session.held", participant: participant, AppFixture.session)], by: stranger)
        _ = try await app.caseRecord.record([try AppFixture.act("session.held", participant: participant, AppFixture.session)], by: stranger,
                                            breakGlass: AppFixture.justification)
        // Research exports, de-identified and aggregate, and one refused.
        let researcher = app.identity(AppFixture.researcher)
        _ = try await app.caseRecord.exportResearch(ResearchExportRequest(project: "trajectoires", method: .deidentified(k: 2)),
                                                    to: app.newPath("rows"), by: researcher)
        _ = try await app.caseRecord.exportResearch(ResearchExportRequest(project: "trajectoires", method: .aggregate(epsilon: 1)),
                                                    to: app.newPath("counts"), by: researcher)
        _ = try? await app.caseRecord.exportResearch(ResearchExportRequest(project: "trajectoires"), to: app.newPath("refused"), by: admitting)
        // The privacy officer's audits, registers and the participant's report.
        _ = try await app.caseRecord.accessLog(AccessAudit.Filter(participant: id), by: officer)
        _ = try await app.caseRecord.accessAnomalies(by: officer)
        _ = try await app.caseRecord.communications(by: officer)
        _ = try await app.caseRecord.fhirAuditBundle(by: officer)
        _ = try await app.caseRecord.participantReport(of: id, by: officer)
        _ = try await app.caseRecord.recordIncident(OversightUseCaseTests.incident, by: officer)
        _ = try await app.caseRecord.incidentRegister(by: officer)
        // The administrator's upkeep and exports, then a read of what was erased.
        _ = try await app.caseRecord.catchUpProjections(by: admin)
        _ = try await app.caseRecord.rebuildProjections([], by: admin)
        _ = try await app.caseRecord.exportLog(to: app.newPath("log"), by: admin)
        _ = try await app.caseRecord.backup(to: app.newPath("backup.sqlite"), by: admin)
        _ = try await app.caseRecord.erase(participant: id, reason: "entered-in-error", by: admin)
        _ = try? await app.caseRecord.journey(of: participant, by: admitting)
        return app
    }

    @Test("every access record written — reads, writes, exports, refusals, unproven identities — fits the schema and reads back typed, byte for byte")
    func everyRecordFits() async throws {
        let app = try await Self.everyKind()
        let schema = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))))
        let entries = try app.store.accessRecords()
        for entry in entries {
            for problem in SchemaCheck.problems(.object(entry.payload), against: schema) {
                Issue.record("access seq \(entry.seq) (\(entry.type)): \(problem)")
            }
            let typed = try RecordedAccess(entry)
            #expect(typed.record.type == entry.type && typed.record.payload == entry.payload, "seq \(entry.seq) reads back differently")
            #expect(CanonicalJSON.encode(.object(typed.record.payload)) == CanonicalJSON.encode(.object(entry.payload)))
        }
        let records = try entries.map { entry throws(DamagedAccessRecord) in try RecordedAccess(entry).record }
        #expect(Set(records.map(\.kind)) == [.read, .write, .export, .signIn])
        #expect(records.filter { $0.kind == .signIn }.map(\.outcome) == [.permitted, .denied])
        let reasons = Set(records.compactMap(\.reason))
        let expected: Set<AccessRecord.Reason> = [.identityNotProven, .unknownActor, .notInCareTeam, .roleNotPermitted,
                                                  .unknownParticipant, .erasedParticipant]
        #expect(expected.isSubset(of: reasons), "reasons recorded: \(reasons)")
        #expect(records.contains { $0.review && $0.justification == AppFixture.justification && $0.kind == .write })
        #expect(records.contains { $0.participants == .aggregate && $0.aggregate == true })
        #expect(records.contains { if case .count = $0.participants { $0.aggregate == false } else { false } })
        #expect(Set(records.compactMap(\.report)) == Set(AccessRecord.Report.allCases))
        #expect(records.contains { $0.actor.rawValue.hasPrefix("unproven-") }, "a name typed for an id is kept only as a digest")
    }

    @Test("the check itself reports a member the schema does not list, a value out of its enum, a false review, a malformed participant")
    func checkReports() throws {
        let schema = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))))
        let problems = SchemaCheck.problems(["actor": "clin-1", "outcome": "maybe", "extra": 1, "review": false, "participant": "P-x",
                                             "categories": ["notes", "gossip"]], against: schema)
        #expect(problems.sorted() == ["categories[1]: not one of the schema's values", "extra: not in the schema",
                                      "outcome: not one of the schema's values", "participant: does not match ^P-[0-9A-Z]{4,16}$",
                                      "review: not the schema's constant"])
    }
}

/// The part of JSON Schema 2020-12 that `access-record.v1` uses: `type`, `required`,
/// `properties` (a member it does not list is reported: the schema documents every one),
/// `enum`, `const`, `pattern`, `minLength`, `minimum`, `items`.
enum SchemaCheck {
    static func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "") -> [String] {
        var found: [String] = []
        let here = path.isEmpty ? "the record" : path
        if let types = schema["type"].map({ $0.arrayValue ?? [$0] })?.compactMap(\.stringValue), !types.contains(where: { hasType(value, $0) }) {
            found.append("\(here): not \(types.joined(separator: " or "))")
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) { found.append("\(here): not one of the schema's values") }
        if let constant = schema["const"], constant != value { found.append("\(here): not the schema's constant") }
        if let text = value.stringValue {
            if let pattern = schema["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(here): does not match \(pattern)")
            }
            if let minimum = schema["minLength"]?.intValue, text.count < minimum { found.append("\(here): shorter than \(minimum)") }
        }
        if let number = value.intValue, let minimum = schema["minimum"]?.intValue, number < minimum { found.append("\(here): below \(minimum)") }
        if let elements = value.arrayValue, let items = schema["items"] {
            for (index, element) in elements.enumerated() { found += problems(element, against: items, at: "\(path)[\(index)]") }
        }
        if let members = value.objectValue {
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
                found.append("\(required): required")
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let property = properties[name] else { found.append("\(name): not in the schema"); continue }
                found += problems(member, against: property, at: path.isEmpty ? name : "\(path).\(name)")
            }
        }
        return found
    }

    static func hasType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("integer", .int), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object): true
        default: false
        }
    }
}
