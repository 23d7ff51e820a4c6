import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

@Suite("Projections follow the log")
struct ProjectionTests {
    static let person = "P-7Q4K2M"
    static let syntheticName = "Participante Fictive-0001"

    static let enrolment: [String: JSONValue] = [
        "identity": ["name": .string(syntheticName), "dateOfBirth": "2009-03-04", "contact": "514-555-0100"],
        "genderIdentity": "non-binary", "preferredLanguage": "fr", "referringOrganization": "CODIM",
        "voluntary": true, "recognizesHarms": true,
    ]

    static func stage(_ step: String, _ wheel: String, importance: Int64 = 5) -> [String: JSONValue] {
        ["engagementStep": .string(step), "wheelStage": .string(wheel), "importance": .int(importance), "confidence": 4]
    }

    /// Admission, care team, and a path with a move back, recorded out of date order once.
    func admitWithPath(_ fixture: ProjectionFixture) throws -> [String: String] {
        var ids: [String: String] = [:]
        ids["enrolled"] = try fixture.record("participant.enrolled", Self.person, at: "2026-01-05T10:00:00.000Z", Self.enrolment).id
        try fixture.record("careteam.assigned", Self.person, at: "2026-01-05T10:05:00.000Z", ["clinician": "clin-0001"])
        ids["pre"] = try fixture.record("stage.assessed", Self.person, at: "2026-01-12T10:00:00.000Z",
                                        Self.stage("anticipation-of-benefits", "precontemplation")).id
        ids["contemplation"] = try fixture.record("stage.assessed", Self.person, at: "2026-02-01T10:00:00.000Z",
                                                  Self.stage("crisis", "contemplation")).id
        ids["determination"] = try fixture.record("stage.assessed", Self.person, at: "2026-03-03T10:00:00.000Z",
                                                  Self.stage("reflection-and-dilemma", "determination", importance: 8)).id
        ids["back"] = try fixture.record("stage.assessed", Self.person, at: "2026-03-20T10:00:00.000Z",
                                         Self.stage("crisis", "contemplation")).id
        // Recorded last, happened before the move back: the timeline puts it in date order.
        ids["relapse"] = try fixture.record("relapse.recorded", Self.person, at: "2026-03-10T09:00:00.000Z", [
            "kind": "momentary", "startedOn": "2026-03-08",
            "factors": [["origin": "external", "category": "criminogenic-places-or-people", "description": "synthetic factor"]],
        ]).id
        return ids
    }

    @Test("a journey shows episodes, transitions forward and back, rulers, every assessment on both models, and the timeline in date order")
    func journeyOfStages() async throws {
        let fixture = try ProjectionFixture()
        let ids = try admitWithPath(fixture)
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.admission?.name == Self.syntheticName)
        #expect(journey.admission?.ageAtAdmission == 16)
        #expect(journey.stage?.wheelStage == .contemplation)
        #expect(journey.episodes.map(\.wheelStage) == [.precontemplation, .contemplation, .determination, .contemplation])
        #expect(journey.episodes.map(\.days) == [20, 30, 17, nil])
        #expect(journey.transitions.map(\.direction) == [.forward, .forward, .back])
        #expect(journey.rulers.map(\.importance) == [5, 5, 8, 5])
        // Every assessment kept, both models side by side: the path the journey's chart draws.
        #expect(journey.assessments.map(\.id) == [ids["pre"]!, ids["contemplation"]!, ids["determination"]!, ids["back"]!])
        #expect(journey.assessments.map(\.engagementStep) == [.anticipationOfBenefits, .crisis, .reflectionAndDilemma, .crisis])
        #expect(journey.assessments.map(\.on) == ["2026-01-12", "2026-02-01", "2026-03-03", "2026-03-20"])
        #expect(journey.redacted(to: [.referrals]).assessments.isEmpty, "the path is of the stages category")
        #expect(journey.relapses.count == 1 && journey.relapses[0].kind == .momentary)
        #expect(journey.careTeam == ["clin-0001"])
        #expect(journey.timeline.map(\.id).suffix(3) == [ids["determination"]!, ids["relapse"]!, ids["back"]!])
        #expect(journey.timeline.allSatisfy { !$0.summary.lowercased().contains("échec") })
    }

    @Test("every act of the timeline has its line in English as in French; a relapse is a moment of the path in both")
    func timelineInBothLanguages() async throws {
        let fixture = try ProjectionFixture()
        let ids = try admitWithPath(fixture)
        let journey = try await fixture.reader.journey(of: Self.person)
        let english = journey.timeline.map { $0.englishSummary ?? "" }
        #expect(!english.contains(""), "no act without its English line")
        #expect(zip(english, journey.timeline.map(\.summary)).allSatisfy { $0 != $1 })
        #expect(english.allSatisfy { !$0.lowercased().contains("fail") })
        let relapse = try #require(journey.timeline.first { $0.id == ids["relapse"] })
        #expect(relapse.englishSummary?.hasPrefix("Momentary relapse, starting on 2026-03-08") == true)
        #expect(relapse.englishSummary?.hasSuffix(": a moment of the path, factors and supports recorded") == true)
        #expect(relapse.summary.hasPrefix("Chute momentanée, depuis le "))
        let back = try #require(journey.timeline.first { $0.id == ids["back"] })
        #expect(back.englishSummary == "Step: crisis; wheel: contemplation (importance 5/10, confidence 4/10)")
    }

    @Test("every act's line in French spaces its colons and semicolons as French typography does, the English not")
    func frenchSpacing() throws {
        var acts = try CodablePathTests.goldenActs()
        // Each wording's other branch: the rules agreed or not, the person told or not yet.
        for (type, data) in acts where type == "obligations.explained" || type == "disclosure.legal" {
            var other = data
            if type == "obligations.explained" { other["rulesAgreed"] = .bool(data["rulesAgreed"]?.boolValue != true) }
            if type == "disclosure.legal" { other["participantTold"] = .bool(data["participantTold"]?.boolValue != true) }
            if other["participantTold"]?.boolValue == false { other["participantToldAt"] = nil }
            acts.append((type, other))
        }
        var journey = Journey(participant: "P-TYPO01")
        for (offset, (type, data)) in acts.enumerated() {
            _ = journey.apply(ProjectedEvent(seq: UInt64(offset + 1), id: Identifiers.newEventID(), participant: "P-TYPO01", version: UInt64(offset + 1),
                                             type: type, schema: try #require(ClinicalActType(rawValue: type)).currentSchema, author: "clin-exemple",
                                             recordedAt: data["occurredAt"]?.stringValue ?? "2026-03-01T10:00:00.000Z",
                                             payload: CodablePathTests.bytes(.object(data))))
        }
        let lines = journey.timeline.map(\.summary)
        #expect(lines.count == acts.count, "every act has its line")
        for line in lines {
            let characters = Array(line)
            for (index, character) in characters.enumerated() where character == ";" || character == ":" {
                // A time (10:30) is not punctuation.
                if index > 0, index + 1 < characters.count, characters[index - 1].isNumber, characters[index + 1].isNumber { continue }
                #expect(index > 0 && characters[index - 1] == " ", "« \(character) » without its space in « \(line) »")
            }
        }
        #expect(lines.contains("Obligations légales expliquées ; règles du suivi convenues"))
        #expect(lines.contains { $0.hasSuffix(" ; la personne en a été informée") } && lines.contains { $0.hasSuffix(" ; la personne n'en a pas encore été informée") })
        #expect(journey.timeline.compactMap(\.englishSummary).allSatisfy { !$0.contains(" ;") && !$0.contains(" :") })
    }

    @Test("a correction shows in the journey with a mark, in the caseload and in the program picture")
    func correctionShowsEverywhere() async throws {
        let fixture = try ProjectionFixture()
        let ids = try admitWithPath(fixture)
        _ = try await fixture.reader.journey(of: Self.person)
        try fixture.record("entry.corrected", Self.person, at: "2026-03-21T10:00:00.000Z", [
            "corrects": .string(ids["back"]!), "reason": "wrong stage selected",
            "correction": ["wheelStage": "action", "engagementStep": "cut-off-and-distance"],
        ])
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.stage?.wheelStage == .action)
        #expect(journey.transitions.last?.to == .action)
        #expect(journey.transitions.last?.direction == .forward)
        #expect(journey.corrections[ids["back"]!]?.members == ["engagementStep", "wheelStage"])
        #expect(journey.timeline.first { $0.id == ids["back"]! }?.corrected == true)
        let caseload = try await fixture.reader.caseload(of: "clin-0001")
        #expect(caseload.map(\.wheelStage) == [.action])
        let picture = try await fixture.reader.program(from: "2026-01-01", to: "2026-12-31")
        #expect(picture.byStage.map(\.wheelStage) == [.action])
        #expect(picture.transitions.contains { $0.from == .determination && $0.to == .action })
        #expect(!picture.transitions.contains { $0.to == .contemplation && $0.from == .determination })
    }

    @Test("a voided entry is hidden from every view and counted")
    func voidedEntry() async throws {
        let fixture = try ProjectionFixture()
        let ids = try admitWithPath(fixture)
        try fixture.record("entry.voided", Self.person, at: "2026-03-22T10:00:00.000Z",
                           ["voids": .string(ids["relapse"]!), "reason": "recorded for the wrong person"])
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.relapses.isEmpty)
        #expect(journey.voidedCount == 1)
        #expect(!journey.timeline.contains { $0.id == ids["relapse"]! })
        #expect(try fixture.rows(in: "program_relapse", of: Self.person) == 0)
    }

    @Test("one journey at several depths: each category shows only its parts, notes are the free text")
    func redaction() async throws {
        let fixture = try ProjectionFixture()
        _ = try admitWithPath(fixture)
        try fixture.record("stage.assessed", Self.person, at: "2026-03-21T10:00:00.000Z",
                           Self.stage("crisis", "contemplation").merging(["personSaid": "TEMOIN-PAROLE"]) { _, new in new })
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.redacted(to: Set(InformationCategory.allCases)) == journey)
        let relapses = journey.redacted(to: [.relapses])
        #expect(relapses.relapses.count == 1 && relapses.admission == nil && relapses.stage == nil && relapses.episodes.isEmpty)
        #expect(relapses.timeline.allSatisfy { $0.type == "relapse.recorded" || $0.type.hasPrefix("careteam.") })
        #expect(relapses.relapses[0].factors[0].description == "", "without notes, the factors' wording is left out")
        let stages = journey.redacted(to: [.stages, .notes])
        #expect(stages.stage?.personSaid == "TEMOIN-PAROLE" && stages.relapses.isEmpty)
        let noNotes = journey.redacted(to: Set(InformationCategory.allCases).subtracting([.notes]))
        #expect(noNotes.stage?.personSaid == nil && noNotes.admission?.contact == nil && noNotes.admission?.name == Self.syntheticName)
        #expect(noNotes.relapses[0].kind == .momentary && noNotes.relapses[0].factors[0].category == .criminogenicPlacesOrPeople)
    }

    @Test("an erased participant disappears from every projection")
    func erasure() async throws {
        let fixture = try ProjectionFixture()
        _ = try admitWithPath(fixture)
        _ = try await fixture.reader.journey(of: Self.person)
        for table in ["journey", "caseload", "program_participant", "program_transition", "program_relapse"] {
            #expect(try fixture.rows(in: table, of: Self.person) > 0, "\(table)")
        }
        try fixture.store.erase(participant: Self.person, reason: "participant-request", by: fixture.admin)
        // The rows went with the erasure's transaction, before any reader caught up.
        for table in ["journey", "caseload", "program_participant", "program_transition", "program_relapse"] {
            #expect(try fixture.rows(in: table, of: Self.person) == 0, "\(table)")
        }
        let today = String(Timestamp.now().description.prefix(10))
        await #expect(throws: ProjectionError.erased(Self.person, on: today, reason: "participant-request")) { try await fixture.reader.journey(of: Self.person) }
        for table in ["journey", "caseload", "program_participant", "program_transition", "program_relapse"] {
            #expect(try fixture.rows(in: table, of: Self.person) == 0, "\(table)")
        }
        await #expect(try fixture.reader.caseload(of: "clin-0001").isEmpty)
    }

    @Test("each event is followed once: the position moves with the output, and readers see their own writes")
    func exactlyOnce() async throws {
        let fixture = try ProjectionFixture()
        _ = try admitWithPath(fixture)
        let head = try fixture.store.size(.events)
        await #expect(try fixture.projector.catchUp() == head)
        await #expect(try fixture.projector.catchUp() == 0)
        try fixture.record("session.held", Self.person, at: "2026-03-25T10:00:00.000Z",
                           ["kind": "individual-meeting", "minutes": 50, "processes": ["engaging"], "techniques": ["open-questions"]])
        let journey = try await fixture.reader.journey(of: Self.person)
        #expect(journey.sessions.map(\.count) == [1])
        #expect(journey.throughSeq == head + 1)
        let positions = try fixture.tables()["projection_position"]!
        #expect(positions == ["caseload", "journey", "program"].map { "name=\"\($0)\"|position=\(head + 1)" })
    }

    @Test("the rules' record read from the projection (and the events it has not followed yet) equals the record folded from the log")
    func recordFromProjection() async throws {
        let fixture = try ProjectionFixture()
        let drafts = ProjectionFixture.generated(participants: 12, seed: 7)
        try fixture.store.append(Array(drafts[..<(drafts.count / 2)]), by: fixture.clinician, master: fixture.master)
        try await fixture.projector.catchUp()
        // Not followed yet: the record must still see them.
        try fixture.store.append(Array(drafts[(drafts.count / 2)...]), by: fixture.clinician, master: fixture.master)
        let participants = Set(ProjectionFixture.generated(participants: 12, seed: 7).map { Identifiers.participant(ofStream: $0.stream)! })
        for participant in participants {
            var folded = ParticipantRecord(participant: participant)
            for event in try fixture.store.events(inStream: Identifiers.participantStreamPrefix + participant, master: fixture.master) {
                guard case .opened(let data) = event.content else { continue }
                folded.apply(type: event.envelope.type, data: Data(CanonicalJSON.encode(.object(data))), id: event.envelope.id,
                             schema: event.envelope.schema)
            }
            let projected = try #require(try await fixture.store.projections(master: fixture.master).read { source in
                try Projector.current(of: participant, in: source, whole: false)?.record
            })
            #expect(projected.acts == folded.acts)
            #expect(projected.types == folded.types)
            #expect(projected.careTeam == folded.careTeam)
            #expect(projected.closed == folded.closed && projected.planRevision == folded.planRevision)
            #expect(projected.lastStage == folded.lastStage)
        }
    }

    @Test("no name, contact or note reaches the store's files in clear: journeys are sealed")
    func journeysAreSealed() async throws {
        let fixture = try ProjectionFixture()
        _ = try admitWithPath(fixture)
        _ = try await fixture.reader.journey(of: Self.person)
        var bytes = Data()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: fixture.store.databasePath + suffix) {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: fixture.store.databasePath + suffix)))
        }
        for secret in [Self.syntheticName, "514-555-0100", "synthetic factor", "CODIM"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret)")
        }
    }

    @Test("following the log in steps gives exactly the tables a rebuild from seq 0 gives (20,000+ events)")
    func followingEqualsRebuilding() async throws {
        let fixture = try ProjectionFixture()
        let drafts = ProjectionFixture.generated(participants: 660, seed: 2026)
        #expect(drafts.count >= 20_000)
        let participants = Array(Set(drafts.map(\.stream))).sorted()
        var start = 0
        var batch = 0
        var erased: Set<String> = []
        while start < drafts.count {
            let end = min(drafts.count, start + 1_500 + (batch % 3) * 700)
            try fixture.store.append(Array(drafts[start..<end]), by: fixture.clinician, master: fixture.master)
            // Uneven steps, so chunk edges fall everywhere.
            try await Projector(store: fixture.store.projections(master: fixture.master), chunk: UInt64(300 + batch * 37)).catchUp()
            if batch % 4 == 1, let participant = Identifiers.participant(ofStream: drafts[start].stream) {
                try fixture.store.erase(participant: participant, reason: "participant-request", by: fixture.admin)
                erased.insert(participant)
            }
            start = end
            batch += 1
        }
        try await fixture.projector.catchUp()
        let followed = try fixture.tables()
        #expect(followed["journey"]!.count == participants.count - erased.count)
        #expect(erased.count >= 3)
        #expect(followed["program_transition"]!.count > 1_000)

        try await fixture.projector.rebuild()
        let rebuilt = try fixture.tables()
        for (table, rows) in followed {
            #expect(rebuilt[table]! == rows, "\(table)")
        }
        try await fixture.projector.rebuild([.caseload])
        #expect(try fixture.tables() == followed)
    }
}
