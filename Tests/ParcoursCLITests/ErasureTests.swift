import Foundation
import GRDB
import ParcoursLog
import Testing

/// `erase P-…` crypto-shreds a participant: the sealed events stay in the log (which
/// still verifies) but can never be read again, and the stream is closed.
@Suite("Erasure of a participant")
struct ErasureTests {
    static let participant = "P-TEST01"
    static let stream = "participant/P-TEST01"
    /// Marker strings that must never appear in clear in the store's files.
    static let markers = ["TEMOIN-SCELLE-7Q4K", "TEMOIN-SCELLE-8R5L"]

    /// The wrapped data keys of the store, read straight from its database.
    static func wrappedKeys(_ cli: CLI) throws -> [String: Data] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: cli.store.appendingPathComponent("parcours.sqlite").path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stream, wrapped FROM data_key").map {
                (($0["stream"] as String), ($0["wrapped"] as Data))
            })
        }
    }

    /// The bytes of every file of the store directory (database, WAL, shared memory).
    static func storeFiles(_ cli: CLI) throws -> [(name: String, bytes: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: cli.store.path).sorted().map {
            ($0, try Data(contentsOf: cli.store.appendingPathComponent($0)))
        }
    }

    @Test("After erase: content shows erased, the log verifies, the stream is closed, the key is gone from the files")
    func eraseParticipant() throws {
        let cli = try CLI.initialized()
        let batch = [
            eventLine(type: "intake.recorded", stream: Self.stream, data: ["note": .string(Self.markers[0]), "score": 3]),
            eventLine(type: "stage.assessed", stream: Self.stream, data: ["note": .string(Self.markers[1])]),
            eventLine(type: "intake.recorded", stream: "participant/P-TEST02", data: ["note": "autre personne"]),
        ].joined(separator: "\n")
        let appended = try cli.append(batch)
        try #require(appended.status == 0, "\(appended)")

        // Before: the data opens, and the wrapped key is in the store.
        let before = try cli.storedEvents(Self.stream)
        #expect(before.map { $0["data"]?["note"]?.stringValue } == Self.markers)
        let wrapped = try #require(try Self.wrappedKeys(cli)[Self.stream])
        #expect(wrapped.count > 32)

        let erased = try cli.run(["erase", Self.participant, "--reason", "participant-request", "--as", CLI.adminID])
        try #require(erased.status == 0, "\(erased)")
        let erasure = try #require(try erased.jsonLines().first)
        #expect(erasure["stream"]?.stringValue == Self.stream)
        #expect(erasure["version"] == 2)

        // The sealed events show "erased"; the closing event is clear and carries only the reason.
        let after = try cli.events(Self.stream)
        try #require(after.count == 3)
        for event in after.prefix(2) {
            #expect(event["content"] == "erased", "\(event)")
            #expect(event["data"] == nil)
            #expect(event["note"]?.stringValue?.contains("effacé") == true)
        }
        #expect(Array(after.prefix(2).map { $0["seq"] }) == before.map { $0["seq"] }, "the events keep their place in the log")
        #expect(after[2]["type"] == "participant.erased")
        #expect(after[2]["data"] == ["reason": "participant-request"])

        // Other participants are untouched.
        #expect(try cli.storedEvents("participant/P-TEST02").first?["data"]?["note"] == "autre personne")

        let verified = try cli.verify()
        #expect(verified.status == 0, "\(verified)")
        let exported = try cli.exportLog()
        #expect(try cli.verify(["--export", exported.path]).status == 0)

        // Nothing may follow the erasure.
        let checkpoint = try cli.checkpoint()
        let refused = try cli.append(eventLine(stream: Self.stream, data: ["note": "après"]))
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("closed"), "\(refused.stderr)")
        #expect(try cli.checkpoint() == checkpoint)

        // The key is gone from the table and from every byte of the store's files.
        #expect(try Self.wrappedKeys(cli)[Self.stream] == nil)
        #expect(try Self.wrappedKeys(cli)["participant/P-TEST02"] != nil)
        for (name, bytes) in try Self.storeFiles(cli) {
            #expect(bytes.range(of: wrapped) == nil, "the wrapped data key is still in \(name)")
            for marker in Self.markers {
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "the sealed text \(marker) is readable in \(name)")
            }
        }
    }

    @Test("Erasure requests that cannot be honoured are refused")
    func refusedErasures() throws {
        let cli = try CLI.initialized()
        try #require(try cli.append(eventLine(stream: Self.stream, data: ["note": "x"])).status == 0)
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        let checkpoint = try cli.checkpoint()

        let cases: [(arguments: [String], env: [String: String?], mentions: String)] = [
            (["erase", Self.participant, "--reason", "because", "--as", CLI.adminID], [:], "reason"),
            (["erase", "P-NOBODY1", "--reason", "participant-request", "--as", CLI.adminID], [:], "P-NOBODY1"),
            (["erase", "someone", "--reason", "participant-request", "--as", CLI.adminID], [:], "participant"),
            (["erase", Self.participant, "--reason", "participant-request", "--as", "intervenante-exemple"],
             ["PARCOURS_PASSPHRASE": CLI.newPassphrase], "admin"),
            (["erase", Self.participant, "--reason", "participant-request", "--as", CLI.adminID],
             ["PARCOURS_PASSPHRASE": "phrase-incorrecte-99"], "passphrase"),
        ]
        for (arguments, env, mention) in cases {
            let result = try cli.run(arguments, env: env)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains(mention), "\(arguments): \(result.stderr)")
        }
        #expect(try cli.checkpoint() == checkpoint)
        #expect(try cli.storedEvents(Self.stream).first?["data"]?["note"] == "x", "the data is still readable")

        // A second erasure of an erased participant is refused.
        try #require(try cli.run(["erase", Self.participant, "--reason", "retention-expired", "--as", CLI.adminID]).status == 0)
        let again = try cli.run(["erase", Self.participant, "--reason", "retention-expired", "--as", CLI.adminID])
        #expect(again.status == 2, "\(again)")
        #expect(try cli.verify().status == 0)
    }
}
