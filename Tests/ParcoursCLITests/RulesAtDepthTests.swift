import Foundation
import ParcoursLog
import Testing

/// `parcours record` holds the rules at every depth of an act: a nested unknown member,
/// an implausible year or a date before the admission is refused, exit 2, and the log
/// does not grow by a byte.
@Suite("Recording: the rules at every depth")
struct RecordRulesAtDepthTests {
    typealias Record = RecordTests

    /// Records `input`, expects exit 2 with `field` named on stderr and the log unchanged (same size, same checkpoint).
    func expectRefused(_ cli: CLI, _ input: String, naming field: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try cli.checkpoint()
        let size = checkpointBody(before)?.size
        let result = try Record.record(cli, input)
        #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(field), "stderr should name \(field): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        let after = try cli.checkpoint()
        #expect(checkpointBody(after)?.size == size, "the log grew", sourceLocation: sourceLocation)
        #expect(after == before, sourceLocation: sourceLocation)
    }

    @Test("a member unknown below the top of data (identity.extra, factors[0].hiddenNote) is refused with its path; nothing is written")
    func nestedUnknownMembers() throws {
        let (cli, participant) = try Record.admitted()
        var admission = Record.admission.objectValue!
        admission["identity"] = ["name": "Personne Fictive", "dateOfBirth": "2010-05-01", "extra": "texte caché"]
        try expectRefused(cli, Record.act("participant.enrolled", .object(admission)), naming: "data.identity.extra: unknown member; accepted: contact, dateOfBirth, name")
        let relapse: JSONValue = ["kind": "momentary", "startedOn": "2026-11-19",
                                  "factors": [["origin": "external", "description": "retour au quartier", "hiddenNote": "texte caché"]]]
        try expectRefused(cli, Record.act("relapse.recorded", participant: participant, relapse), naming: "data.factors[0].hiddenNote")
        // Late in a batch, the whole batch is refused.
        let batch = [Record.act("obligations.explained", participant: participant, ["obligationsExplained": true, "rulesAgreed": true]),
                     Record.act("relapse.recorded", participant: participant, relapse)].joined(separator: "\n")
        try expectRefused(cli, batch, naming: "act 2: data.factors[0].hiddenNote")
    }

    @Test("occurredAt in year 0000, 0001 or 1899 is refused, naming the field; nothing is written")
    func implausibleYears() throws {
        let (cli, participant) = try Record.admitted()
        let stage: JSONValue = ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4]
        for year in ["0000", "0001", "1899"] {
            try expectRefused(cli, Record.act("stage.assessed", participant: participant, at: "\(year)-12-31T10:00:00.000Z", stage), naming: "occurredAt")
            try expectRefused(cli, Record.act("participant.enrolled", at: "\(year)-12-31T10:00:00.000Z", Record.admission), naming: "occurredAt")
        }
    }

    @Test("no act is dated before the admission, even once the projections hold the record; later on the admission's day is accepted")
    func beforeAdmission() throws {
        let (cli, participant) = try Record.admitted()  // admitted 2026-11-20T10:00:00.000Z
        let stage: JSONValue = ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 6, "confidence": 4]
        try expectRefused(cli, Record.act("stage.assessed", participant: participant, at: "2026-11-19T23:00:00.000Z", stage),
                          naming: "occurredAt: not before the participant's admission")
        let sameDay = try Record.record(cli, Record.act("stage.assessed", participant: participant, at: "2026-11-20T08:00:00.000Z", stage))
        #expect(sameDay.status == 0, "\(sameDay)")
        // The record as the journey projection stores it keeps the admission's day.
        let rebuilt = try cli.run(["projections", "rebuild", "--as", CLI.adminID])
        try #require(rebuilt.status == 0, "\(rebuilt)")
        try expectRefused(cli, Record.act("stage.assessed", participant: participant, at: "2026-11-01T10:00:00.000Z", stage), naming: "occurredAt")
    }
}
