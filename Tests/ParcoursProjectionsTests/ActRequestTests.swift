import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
import Testing

/// An act request as a front hands it in, read strictly; synthetic values only.
@Suite("Act requests")
struct ActRequestTests {
    static let admission = #"{"type":"participant.enrolled","occurredAt":"2026-11-20T10:00:00.000Z","data":{"voluntary":true}}"#

    static func refusal(_ text: String) -> ActRefused? {
        #expect(throws: ActRefused.self) { try ActRequest(json: try JSONParser.parse(text)) }
    }

    @Test("a request reads typed: the participant an id, data kept as it is, the version an integer")
    func reads() throws {
        let request = try ActRequest(json: try JSONParser.parse(
            #"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"2026-11-20T10:00:00.000Z","data":{"minutes":45,"note":null},"#
                + #""id":"0a1b2c3d-0000-4000-8000-000000000007","expectedVersion":3}"#))
        #expect(request.participant == ParticipantID("P-7Q4K2M") && request.expectedVersion == 3)
        #expect(request.data == ["minutes": 45, "note": nil] && request.id == "0a1b2c3d-0000-4000-8000-000000000007")
        #expect(try ActRequest(json: try JSONParser.parse(Self.admission)).participant == nil)
    }

    @Test("each member that does not fit is named with what would be accepted, never with what was given", arguments: [
        (#"[1]"#, "act: a JSON object"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":{},"note":"Personne Fictive"}"#,
         "note: unknown member; accepted: data, expectedVersion, id, occurredAt, participant, type"),
        (#"{"participant":"P-7Q4K2M","occurredAt":"x","data":{}}"#, "type: required, e.g. stage.assessed"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","data":{}}"#, "occurredAt: required, e.g. 2026-11-23T10:15:30.000Z"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":[]}"#, "data: required, a JSON object"),
        (#"{"type":"session.held","participant":"Personne Fictive","occurredAt":"x","data":{}}"#, "participant: a participant id such as P-7Q4K2M"),
        (#"{"type":"session.held","participant":null,"occurredAt":"x","data":{}}"#, "participant: a participant id such as P-7Q4K2M"),
        (#"{"type":"session.held","occurredAt":"x","data":{}}"#, "participant: a participant id such as P-7Q4K2M"),
        (#"{"type":"participant.enrolled","participant":"P-7Q4K2M","occurredAt":"x","data":{}}"#,
         "participant: an admission creates the participant; leave it out"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":{},"id":"UPPER"}"#, "id: a lowercase UUID"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":{},"expectedVersion":-1}"#, "expectedVersion: an integer ≥ 0"),
        (#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":{},"expectedVersion":"1"}"#, "expectedVersion: an integer ≥ 0"),
    ])
    func refused(text: String, message: String) {
        let error = Self.refusal(text)
        #expect(error?.description == message)
        #expect(error?.description.contains("Personne") == false)
        // Said in French too, for pages read in French: never empty, never the English left as it was, nothing given.
        let french = error?.frenchReason ?? ""
        #expect(!french.isEmpty && french != error?.reason, "\(message): \(french)")
        #expect(!french.contains("Personne") && !french.contains("UPPER"))
    }

    @Test("an unknown member is named in French with those accepted")
    func unknownMemberInFrench() {
        let error = Self.refusal(#"{"type":"session.held","participant":"P-7Q4K2M","occurredAt":"x","data":{},"note":"x"}"#)
        #expect(error?.frenchReason == "champ inconnu (champs acceptés : data, expectedVersion, id, occurredAt, participant, type)")
        #expect(ActRequest.french("something new") == "une valeur que ce champ n'accepte pas")
    }

    @Test("a refusal of the rules keeps its French when it becomes an act refused, its English and description unchanged")
    func carriedFromTheRules() {
        let rule = ClinicalError("data.minutes", "a duration from 1 to 1440 minutes", fr: "une durée de 1 à 1440 minutes")
        let refused = ActRefused(rule, act: 2)
        #expect(refused.field == "data.minutes" && refused.reason == rule.reason && refused.frenchReason == rule.frenchReason)
        #expect(refused.description == "act 2: data.minutes: a duration from 1 to 1440 minutes")
        #expect(ActRefused(rule).description == "data.minutes: a duration from 1 to 1440 minutes")
    }

    @Test("the journey's words in English")
    func journeyLabels() {
        for direction in WheelDirection.allCases { #expect(!direction.englishLabel.isEmpty && direction.englishLabel != direction.frenchLabel) }
        for status in Journey.ReferralEntry.Status.allCases { #expect(!status.englishLabel.isEmpty) }
        #expect(Set(WheelDirection.allCases.map(\.englishLabel)).count == WheelDirection.allCases.count)
        #expect(Set(Journey.ReferralEntry.Status.allCases.map(\.englishLabel)).count == Journey.ReferralEntry.Status.allCases.count)
        #expect(WheelDirection.back.englishLabel == "back to an earlier stage")
    }
}
