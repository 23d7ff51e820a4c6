import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import Testing

/// "Who opened this record": the care team's view of the access log about one participant,
/// decided by the one policy and recorded like every read. Synthetic people only.
@Suite("Who opened a participant's record")
struct OpeningsTests {
    @Test("a store's row of an opening reads as its record does, and a member that does not fit access-record.v1 is named, not shown")
    func openingRowsChecked() throws {
        let payload: [String: JSONValue] = [
            "actor": "clin-exemple", "role": "clinician", "organization": "Organisme fictif", "participant": "P-TEST01", "view": "journey",
            "purpose": "break-glass", "outcome": "permitted", "categories": ["identity", "stages"], "justification": "Urgence fictive", "review": true,
        ]
        let entry = AccessLogEntry(seq: 7, id: "01a229f1-287b-7000-8000-000000000000", type: "access.read",
                                   recordedAt: Timestamp(millisecondsSinceEpoch: 1_796_000_000_123), log: "test.example/access", payload: payload)
        let row = OpeningRow(entry)
        #expect(row.payload["justification"] == nil, "the justification's words are never kept for the panel")
        let opening = try RecordOpening(row)
        #expect(opening == RecordOpening(try RecordedAccess(entry)))
        #expect(opening.brokeGlass && opening.categories == [.identity, .stages] && opening.refusal == nil && opening.organization == "Organisme fictif")
        // As SQLite's rows give it: the payload's text on a tape, its members in the order written.
        let text = CanonicalJSON.encode(.object(payload))
        let members = try #require(try JSONTape(text).members(of: 0))
        #expect(members.map(\.key) == CanonicalJSON.sortedNames(payload.keys), "every member, in the order written")
        let fromTape = OpeningRow(seq: 7, recordedAt: entry.recordedAt, members: members)
        #expect(fromTape == row && !fromTape.members.contains { $0.key == "justification" })
        #expect(try RecordOpening(fromTape) == opening, "read off the tape as from the record")
        for (member, value, field) in [("categories", JSONValue.string("identity"), "categories"), ("review", .string("true"), "review"),
                                       ("organization", .int(1), "organization"), ("role", "chef", "role"), ("outcome", .null, "outcome"),
                                       ("actor", .null, "actor"), ("unknown", "x", "unknown")] {
            var damagedPayload = row.payload
            damagedPayload[member] = value
            for damaged in [OpeningRow(seq: 7, recordedAt: row.recordedAt, payload: damagedPayload),
                            OpeningRow(seq: 7, recordedAt: row.recordedAt,
                                       members: try #require(try JSONTape(CanonicalJSON.encode(.object(damagedPayload))).members(of: 0)))] {
                #expect(throws: DamagedAccessRecord.self, "\(member)") { try RecordOpening(damaged) }
                do { _ = try RecordOpening(damaged) } catch { #expect(error.seq == 7 && error.field.hasPrefix(field), "\(member): \(error.field)") }
            }
        }
    }

    @Test("a clinician outside the care team is refused the openings, even after breaking the glass for the journey; each refusal is recorded")
    func strangerRefused() async throws {
        let app = try await AppFixture()
        let id = try await app.admitted()
        let participant = try #require(ParticipantID(id))
        for glass in [false, true] {
            if glass { _ = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger), breakGlass: AppFixture.justification) }
            let before = try app.sizes().access
            await #expect(throws: ConsentAwareReader.Denied.self) {
                try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.stranger))
            }
            #expect(try app.sizes().access == before + 1)
            let refusal = try #require(try app.accessRecords().last)
            #expect(refusal["actor"] == .string(AppFixture.stranger) && refusal["view"] == "access-log" && refusal["purpose"] == "care")
            #expect(refusal["participant"] == .string(id) && refusal["outcome"] == "denied" && refusal["reason"] == "not in the care team")
            #expect(refusal["review"] == nil && refusal["justification"] == nil)
        }
        // Neither a colleague of the same organization outside the team, nor a coordinator.
        for (actor, reason) in [(AppFixture.colleague, "not in the care team"), (AppFixture.coordinator, "role not permitted")] {
            await #expect(throws: ConsentAwareReader.Denied.self) { try await app.caseRecord.openings(of: participant, by: app.identity(actor)) }
            let refusal = try #require(try app.accessRecords().last)
            #expect(refusal["actor"] == .string(actor) && refusal["reason"] == .string(reason))
        }
    }

    @Test("the care team sees the openings newest first — a refusal, a break-glass read marked for review — and its own look is recorded, not listed")
    func careTeamSeesOpenings() async throws {
        let app = try await AppFixture()
        let id = try await app.admitted()
        let participant = try #require(ParticipantID(id))
        let other = try #require(ParticipantID(try await app.admitted()))
        _ = try? await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger))
        _ = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger), breakGlass: AppFixture.justification)
        _ = try await app.caseRecord.journey(of: other, by: app.identity(AppFixture.admitting))
        _ = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting))
        let first = try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting))
        let look = try #require(try app.accessRecords().last)
        #expect(look["actor"] == .string(AppFixture.admitting) && look["view"] == "access-log" && look["purpose"] == "care"
                && look["outcome"] == "permitted" && look["participant"] == .string(id))
        let openings = try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting))
        #expect(openings == first, "a look at the list is not an opening of the record")
        #expect(openings.allSatisfy { $0.view != .accessLog })
        #expect(openings.map(\.seq) == openings.map(\.seq).sorted(by: >), "newest first")
        #expect(openings.first?.actor == AppFixture.admitting && openings.first?.refused == false)
        let glass = try #require(openings.first { $0.brokeGlass })
        #expect(glass.actor == AppFixture.stranger && glass.purpose == .breakGlass && glass.organization == "Autre Organisme" && glass.role == .clinician)
        let refusal = try #require(openings.first { $0.refused })
        #expect(refusal.actor == AppFixture.stranger && refusal.refusal == .notInCareTeam && refusal.categories.isEmpty)
        #expect(refusal.seq < glass.seq)
        // A stranger's attempt to see this list is itself an opening the care team sees.
        await #expect(throws: ConsentAwareReader.Denied.self) { try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.stranger)) }
        let attempt = try #require(try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting)).first)
        #expect(attempt.actor == AppFixture.stranger && attempt.view == .accessLog && attempt.refusal == .notInCareTeam)
        let limited = try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting), limit: 1)
        #expect(limited == [attempt])
        await #expect(throws: AppError.self) { try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting), limit: 0) }
    }

    @Test("the journey with its openings: one proven request, the read recorded then the look, the list beginning with this very read; none for a stranger through the glass, nor for a colleague")
    func journeyWithOpenings() async throws {
        let app = try await AppFixture()
        let id = try await app.admitted()
        let participant = try #require(ParticipantID(id))
        var before = try app.sizes().access
        let page = try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting))
        #expect(page.journey.participant == id && page.decision.purpose == .care)
        let records = try app.accessRecords()
        #expect(records.count == Int(before) + 2, "the read and the look at its openings, each recorded")
        #expect(records[records.count - 2]["view"] == "journey" && records.last?["view"] == "access-log")
        let openings = try #require(page.openings)
        #expect(openings.first?.view == .journey && openings.first?.actor == AppFixture.admitting, "the list begins with this very read")
        #expect(openings == (try await app.caseRecord.openings(of: participant, by: app.identity(AppFixture.admitting))))

        // A stranger through the glass reads the journey, never who opened it: nothing asked of the access log.
        before = try app.sizes().access
        let glass = try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.stranger),
                                                                 breakGlass: AppFixture.justification)
        #expect(glass.decision.brokeGlass && glass.openings == nil)
        #expect(try app.sizes().access == before + 1)
        // Refused the journey: refused, once recorded.
        before = try app.sizes().access
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.colleague))
        }
        #expect(try app.sizes().access == before + 1)
        // An identity not proven: one denial, about the journey; a limit out of range: nothing recorded.
        before = try app.sizes().access
        await #expect(throws: (any Error).self) {
            try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting, passphrase: "pas-la-bonne-phrase"))
        }
        let denial = try #require(try app.accessRecords().last)
        #expect(try app.sizes().access == before + 1 && denial["view"] == "journey" && denial["outcome"] == "denied")
        await #expect(throws: AppError.self) {
            try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting), limit: 201)
        }
        #expect(try app.sizes().access == before + 1)
    }

    @Test("the journey for its page keeps the latest acts the reader may see, counts them all, and is otherwise the journey read whole; a count below one is refused before anything is recorded")
    func journeyWithLatestActs() async throws {
        let app = try await AppFixture()
        let id = try await app.admitted()
        let participant = try #require(ParticipantID(id))
        for _ in 0..<4 {
            _ = try await app.caseRecord.record([try AppFixture.act("session.held", participant: id, AppFixture.session)],
                                                by: app.identity(AppFixture.admitting))
        }
        let (whole, _) = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting))
        #expect(whole.timeline.count == 6, "the admission, the care team and four sessions")
        let page = try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting), latestActs: 2)
        #expect(page.acts == 6 && page.journey.timeline == Array(whole.timeline.suffix(2)), "the two latest of six")
        var rest = page.journey
        rest.timeline = whole.timeline
        #expect(rest == whole, "the rest as read whole")
        #expect(page.openings?.first?.view == .journey, "the openings as before")
        let all = try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting))
        #expect(all.journey == whole && all.acts == 6, "no count asked: the whole timeline")

        // Through the glass: what the glass shows, cut the same way.
        let glass = try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.stranger),
                                                                 breakGlass: AppFixture.justification, latestActs: 1)
        let glassWhole = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger), breakGlass: AppFixture.justification).0
        #expect(glass.acts == glassWhole.timeline.count && glass.journey.timeline == Array(glassWhole.timeline.suffix(1)))

        var before = try app.sizes().access
        await #expect(throws: AppError.self) {
            try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting), latestActs: 0)
        }
        #expect(try app.sizes().access == before, "nothing recorded")

        // Erased: refused as erased, the refusal recorded, nothing of the journey given.
        _ = try await app.caseRecord.erase(participant: participant, reason: "entered-in-error", by: app.identity("admin-exemple"))
        before = try app.sizes().access
        await #expect(throws: ProjectionError.self) {
            try await app.caseRecord.journeyWithOpenings(of: participant, by: app.identity(AppFixture.admitting), latestActs: 2)
        }
        let refusal = try #require(try app.accessRecords().last)
        #expect(try app.sizes().access == before + 1 && refusal["outcome"] == "denied" && refusal["view"] == "journey")
    }

    @Test("a partner with consent to the stages gets, through the page's window, the latest acts of the stages only, counted alone, as her whole view says")
    func partnerThroughTheWindow() async throws {
        let app = try await AppFixture()
        let admin = try app.store.unlockActor("admin-exemple", passphrase: AppFixture.passphrase)
        _ = try app.store.enrol(actor: "part-exemple", name: "Personne Exemple", organization: "Autre Organisme", roles: ["partner"],
                                passphrase: AppFixture.passphrase, by: admin)
        let id = try await app.admitted()
        let participant = try #require(ParticipantID(id))
        _ = try await app.caseRecord.record([try AppFixture.act("consent.given", participant: id, [
            "scope": ["kind": "organization", "value": "Autre Organisme"], "categories": ["stages"], "decidedBy": "participant",
        ])], by: app.identity(AppFixture.admitting))
        for _ in 0..<3 {
            _ = try await app.caseRecord.record([try AppFixture.act("session.held", participant: id, AppFixture.session)],
                                                by: app.identity(AppFixture.admitting))
        }
        let whole = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.admitting)).0
        let partner = app.identity("part-exemple")
        let (view, decision) = try await app.caseRecord.journey(of: participant, by: partner)
        #expect(decision.categories == [.stages] && view.timeline.count < whole.timeline.count, "a partial view: the admission left out")
        let page = try await app.caseRecord.journeyWithOpenings(of: participant, by: partner, latestActs: 2)
        #expect(page.decision.categories == [.stages] && page.openings == nil)
        #expect(page.acts == view.timeline.count && page.journey.timeline == Array(view.timeline.suffix(2)))
        #expect(!page.journey.timeline.contains { $0.type == "participant.enrolled" } && page.journey.admission == nil)
    }
}
