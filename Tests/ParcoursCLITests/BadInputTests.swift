import Foundation
import ParcoursLog
import Testing

/// Refused requests: each gives a clear error naming the problem, a non-zero exit,
/// and leaves the log exactly as it was (same signed checkpoint, still verifying).
@Suite("Bad input is refused and changes nothing")
struct BadInputTests {
    /// Runs `request`, expects a refusal whose stderr contains every one of `mentions`,
    /// then checks that the event log's checkpoint did not move and the store verifies.
    func expectRefused(_ cli: CLI, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation,
                       _ request: () throws -> CLIResult) throws {
        let before = try cli.checkpoint()
        let result = try request()
        #expect(result.status == 2, "expected exit 2: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("parcours: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        for mention in mentions {
            #expect(result.stderr.contains(mention), "stderr should mention \(mention): \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "nothing is reported as appended: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(try cli.checkpoint() == before, "the log changed", sourceLocation: sourceLocation)
        let verified = try cli.verify()
        #expect(verified.status == 0, "verify after a refusal: \(verified)", sourceLocation: sourceLocation)
    }

    @Test("A participant id that is not one is refused, naming the field, before any passphrase is asked or anything recorded")
    func malformedParticipantID() throws {
        let cli = try CLI.initialized()
        let accessBefore = try cli.checkpoint(access: true)
        for command in ["journey", "timeline", "participant-report"] {
            try expectRefused(cli, mentions: ["participant: a participant id such as P-7Q4K2M"]) {
                try cli.run([command, "Personne Fictive", "--as", CLI.adminID] + (command == "participant-report" ? ["--out", "/tmp/unused"] : []),
                            env: ["PARCOURS_PASSPHRASE": nil, "PARCOURS_MASTER_PASSPHRASE": nil])
            }
        }
        #expect(try cli.checkpoint(access: true) == accessBefore, "nothing recorded in the access log")
    }

    @Test("A caseload asked for someone who is not an actor id (a name) is refused naming --clinician; the name never reaches the access log")
    func caseloadOfAName() throws {
        let cli = try CLI.initialized()
        let accessBefore = try cli.checkpoint(access: true)
        try expectRefused(cli, mentions: ["--clinician: an actor id"]) {
            try cli.run(["caseload", "--clinician", "Personne Fictive", "--as", CLI.adminID])
        }
        #expect(try cli.checkpoint(access: true) == accessBefore, "nothing recorded in the access log")
    }

    @Test("A period's day that does not exist is refused naming its option, before any passphrase is asked")
    func badDays() throws {
        let cli = try CLI.initialized()
        for (command, extra) in [("program", ["--to", "2026-02-30"]), ("audit fhir", ["--from", "demain", "--out", "/tmp/unused-bundle"])] {
            let option = extra[0]
            try expectRefused(cli, mentions: ["\(option): a day as YYYY-MM-DD"]) {
                try cli.run(command.split(separator: " ").map(String.init) + extra + ["--as", CLI.adminID],
                            env: ["PARCOURS_PASSPHRASE": nil, "PARCOURS_MASTER_PASSPHRASE": nil])
            }
        }
    }

    @Test("A role the program does not know is refused, naming --roles and the roles it knows")
    func unknownRole() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["--roles: unknown role boss", "accepted: admin, clinician, coordinator, designated-professional"]) {
            try cli.run(["actor", "add", "clin-0009", "--name", "Personne Exemple", "--organization", "Organisme Exemple",
                         "--roles", "clinician,boss", "--as", CLI.adminID])
        }
    }

    @Test("Malformed JSON is refused with its position")
    func malformedJSON() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["JSON", "line 1"]) {
            try cli.append(#"{"type": "note.added", "stream": "notes/a", "data": {"n": 1}"#)
        }
        try expectRefused(cli, mentions: ["JSON"]) { try cli.append("not json at all") }
        try expectRefused(cli, mentions: ["no event"]) { try cli.append("\n  \n") }
    }

    @Test("An unknown member is refused and named")
    func unknownMember() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["unknown member", "colour"]) {
            try cli.append(#"{"type": "note.added", "stream": "notes/a", "data": {"n": 1}, "colour": "blue"}"#)
        }
    }

    @Test("A missing or ill-shaped member is refused and named")
    func missingMember() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["data"]) { try cli.append(#"{"type": "note.added", "stream": "notes/a"}"#) }
        try expectRefused(cli, mentions: ["type"]) { try cli.append(eventLine(type: "Note Added", stream: "notes/a", data: [:])) }
        try expectRefused(cli, mentions: ["stream"]) { try cli.append(eventLine(stream: "participant/p-test01", data: [:])) }
        try expectRefused(cli, mentions: ["id"]) { try cli.append(eventLine(stream: "notes/a", data: [:], id: "not-a-uuid")) }
    }

    @Test("A wrong passphrase for --as is refused")
    func wrongPassphrase() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["passphrase"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 1]), env: ["PARCOURS_PASSPHRASE": "phrase-incorrecte-99"])
        }
    }

    @Test("An unknown actor in --as is refused and named")
    func unknownActor() throws {
        let cli = try CLI.initialized()
        try expectRefused(cli, mentions: ["unknown actor", "inconnu-exemple"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 1]), as: "inconnu-exemple")
        }
    }

    @Test("An id reused with other content is refused; with the same content it returns the original")
    func duplicateID() throws {
        let cli = try CLI.initialized()
        let id = "3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b"
        let original = eventLine(stream: "notes/a", data: ["n": 1], id: id)
        let first = try cli.append(original)
        try #require(first.status == 0, "\(first)")
        let written = try #require(try first.jsonLines().first)
        #expect(written["existing"] == false)
        #expect(written["id"]?.stringValue == id)

        let before = try cli.checkpoint()
        let again = try cli.append(original)
        try #require(again.status == 0, "\(again)")
        let found = try #require(try again.jsonLines().first)
        #expect(found["existing"] == true)
        #expect(found["seq"] == written["seq"])
        #expect(found["leafHash"] == written["leafHash"])
        #expect(try cli.checkpoint() == before, "an idempotent repeat writes nothing")

        try expectRefused(cli, mentions: [id, "other content"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 2], id: id))
        }
        try expectRefused(cli, mentions: [id]) {
            try cli.append(eventLine(type: "note.changed", stream: "notes/a", data: ["n": 1], id: id))
        }
        try expectRefused(cli, mentions: [id]) {
            try cli.append(eventLine(stream: "notes/b", data: ["n": 1], id: id))
        }
    }

    @Test("A stale expectedVersion is refused with the stream's actual version")
    func staleExpectedVersion() throws {
        let cli = try CLI.initialized()
        let first = try cli.append(eventLine(stream: "notes/a", data: ["n": 1], expectedVersion: 0))
        try #require(first.status == 0, "\(first)")
        try expectRefused(cli, mentions: ["expectedVersion", "notes/a", "version 1"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 2], expectedVersion: 0))
        }
        try expectRefused(cli, mentions: ["expectedVersion"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 2], expectedVersion: 5))
        }
        let next = try cli.append(eventLine(stream: "notes/a", data: ["n": 2], expectedVersion: 1))
        #expect(next.status == 0, "the right expectedVersion is accepted: \(next)")
        #expect(try next.jsonLines().first?["version"] == 1)
    }

    @Test("Non-integer numbers (1.5, 1e3) in a payload are refused")
    func nonIntegerNumbers() throws {
        let cli = try CLI.initialized()
        for number in ["1.5", "1e3", "1E3", "-0.0", "2.0"] {
            try expectRefused(cli, mentions: ["non-integer"]) {
                try cli.append(#"{"type": "note.added", "stream": "notes/a", "data": {"dose": \#(number)}}"#)
            }
        }
        try expectRefused(cli, mentions: ["out of range"]) {
            try cli.append(#"{"type": "note.added", "stream": "notes/a", "data": {"n": 9007199254740992}}"#)
        }
    }

    @Test("A payload over 256 KiB is refused; one just under is accepted")
    func oversizedPayload() throws {
        let cli = try CLI.initialized()
        // {"text":"…"} is 11 bytes around the string.
        let limit = 256 * 1024
        try expectRefused(cli, mentions: ["data", "256 KiB"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["text": .string(String(repeating: "a", count: limit - 10))]))
        }
        let fits = try cli.append(eventLine(stream: "notes/a", data: ["text": .string(String(repeating: "a", count: limit - 11))]))
        #expect(fits.status == 0, "a payload of exactly 256 KiB is accepted: \(fits)")
    }

    @Test("A batch whose third line is bad writes none of its events")
    func badThirdLine() throws {
        let cli = try CLI.initialized()
        let good = (0..<2).map { eventLine(stream: "notes/batch", data: ["i": .int(Int64($0))]) }
        // Refused while parsing.
        try expectRefused(cli, mentions: ["line 3"]) {
            try cli.append((good + [#"{"type": "note.added", "stream": "notes/batch", "data": {"x": 1.5}}"#]).joined(separator: "\n"))
        }
        try expectRefused(cli, mentions: ["line 3", "colour"]) {
            try cli.append((good + [#"{"type": "note.added", "stream": "notes/batch", "data": {}, "colour": 1}"#]).joined(separator: "\n"))
        }
        // Refused by the store after the first two were staged in the transaction.
        let stale = (good + [eventLine(stream: "notes/batch", data: ["i": 2], expectedVersion: 0)]).joined(separator: "\n")
        try expectRefused(cli, mentions: ["expectedVersion", "notes/batch"]) { try cli.append(stale) }
        let result = try cli.append(stale)
        #expect(result.stderr.contains("event 3"), "\(result.stderr)")
        try expectRefused(cli, mentions: ["event 3", "actor.enrolled"]) {
            try cli.append((good + [eventLine(type: "actor.enrolled", stream: "notes/batch", data: [:])]).joined(separator: "\n"))
        }
        #expect(try cli.events("notes/batch").isEmpty, "no event of the refused batches is in the stream")
        // The same batch with a good third line goes in whole.
        let fixed = try cli.append((good + [eventLine(stream: "notes/batch", data: ["i": 2], expectedVersion: 2)]).joined(separator: "\n"))
        #expect(fixed.status == 0, "\(fixed)")
        #expect(try cli.events("notes/batch").count == 3)
    }

    @Test("Directory event types cannot be written through append")
    func directoryTypesRefused() throws {
        let cli = try CLI.initialized()
        let enrolled: JSONValue = ["actor": "intrus-exemple", "name": "Intervenante Exemple", "organization": "Organisme Exemple",
                                   "roles": ["admin"], "key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]
        try expectRefused(cli, mentions: ["actor.enrolled"]) {
            try cli.append(eventLine(type: "actor.enrolled", stream: "directory", data: enrolled))
        }
        try expectRefused(cli, mentions: ["log.created"]) {
            try cli.append(eventLine(type: "log.created", stream: "directory", data: [:]))
        }
        try expectRefused(cli, mentions: ["directory"]) {
            try cli.append(eventLine(type: "note.added", stream: "directory", data: [:]))
        }
        try expectRefused(cli, mentions: ["participant.erased"]) {
            try cli.append(eventLine(type: "participant.erased", stream: "participant/P-TEST01", data: ["reason": "participant-request"]))
        }
        try expectRefused(cli, mentions: ["access"]) {
            try cli.append(eventLine(type: "access.read", stream: "access", data: [:]))
        }
        let actors = try cli.run(["actor", "list", "--as", CLI.adminID])
        #expect(!actors.stdout.contains("intrus-exemple"))
    }

    @Test("A clinician may not use the low-level append")
    func nonAdminRefused() throws {
        let cli = try CLI.initialized()
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        try expectRefused(cli, mentions: ["role not permitted", "admin"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 1]), as: "intervenante-exemple",
                           env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
        }
        try expectRefused(cli, mentions: ["intervenante-exemple", "admin"]) {
            try cli.run(["actor", "add", "autre-exemple", "--name", "Intervenant Exemple", "--organization", "Organisme Exemple",
                         "--roles", "admin", "--as", "intervenante-exemple"], env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
        }
    }

    @Test("A revoked admin may no longer append")
    func revokedAdminRefused() throws {
        let cli = try CLI.initialized()
        try cli.enrol("admin-second", name: "Administrateur Exemple", roles: "admin")
        let revoked = try cli.run(["actor", "revoke", "admin-second", "--reason", "départ", "--as", CLI.adminID])
        try #require(revoked.status == 0, "\(revoked)")
        try expectRefused(cli, mentions: ["admin-second", "revoked"]) {
            try cli.append(eventLine(stream: "notes/a", data: ["n": 1]), as: "admin-second", env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
        }
    }
}
