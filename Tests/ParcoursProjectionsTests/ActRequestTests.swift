import ParcoursLog
import ParcoursProjections
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
    }
}
