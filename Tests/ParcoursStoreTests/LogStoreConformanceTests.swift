import Foundation
import Testing
import ParcoursLog
@testable import ParcoursStore

/// One suite every `LogStore` must pass: the in-memory reference and the SQLite store.
@Suite("LogStore conformance")
struct LogStoreConformanceTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory
        case sqlite
        var testDescription: String { rawValue }
    }

    /// A log with its founding record, ready for appends by `admin`.
    struct Fixture {
        let store: any LogStore
        let writer: LogWriter
        let admin: SigningKey
        let logKey: SigningKey
        let keepAlive: TestStore?

        var author: Author { Author(actor: "admin", key: admin.publicKey) }

        init(_ backend: Backend) throws {
            switch backend {
            case .memory:
                store = MemoryLogStore()
                writer = LogWriter(origin: "conformance.example/log")
                admin = SigningKey.generate()
                logKey = SigningKey.generate()
                keepAlive = nil
                let founding = EventDraft(type: "log.created", stream: "directory", data: [
                    "origin": "conformance.example/log", "logKey": .string(logKey.publicKey.base64),
                    "admin": ["actor": "admin", "key": .string(admin.publicKey.base64)],
                ])
                _ = try writer.append([founding], by: Author(actor: "admin", key: admin.publicKey), signingKey: admin, to: store)
            case .sqlite:
                let test = try TestStore(origin: "conformance.example/log")
                store = test.store.logStore(master: test.master)
                writer = LogWriter(origin: test.store.origin)
                admin = test.admin.key
                logKey = try test.store.logSigningKey(master: test.master)
                keepAlive = test
            }
        }

        @discardableResult
        func append(_ drafts: [EventDraft]) throws -> [AppendResult] {
            try writer.append(drafts, by: author, signingKey: admin, to: store)
        }

        func lines(_ kind: LogKind = .events) throws -> [[UInt8]] {
            try store.withReadTransaction(on: kind) { transaction in
                try (0..<transaction.size()).map { try transaction.line(at: $0)! }
            }
        }

        func note(_ draftStream: String = "participant/P-CONF01", _ value: Int64 = 0, id: String? = nil,
                  expectedVersion: UInt64? = nil) -> EventDraft {
            EventDraft(type: "note.added", stream: draftStream, data: ["n": .int(value)], id: id, expectedVersion: expectedVersion)
        }
    }

    @Test("appends take consecutive seqs and stream versions, and what is stored verifies", arguments: Backend.allCases)
    func appendsVerify(backend: Backend) throws {
        let log = try Fixture(backend)
        let results = try log.append((0..<12).map { log.note("participant/P-CONF0\($0 % 3)", Int64($0)) })
        #expect(results.map(\.seq) == Array(1...12))
        #expect(results.filter { $0.stream == "participant/P-CONF01" }.map(\.version) == [0, 1, 2, 3])
        let verifier = LogVerifier(kind: .events)
        try verifier.consume(try log.lines())
        #expect(verifier.size == 13)
        let stored = try log.store.withReadTransaction(on: .events) { try MerkleTree.root(size: 13, reader: $0.hashReader) }
        #expect(stored == verifier.root)
    }

    @Test("inclusion proofs from the stored hashes verify at every size", arguments: Backend.allCases)
    func proofs(backend: Backend) throws {
        let log = try Fixture(backend)
        try log.append((0..<20).map { log.note("notes", Int64($0)) })
        try log.store.withReadTransaction(on: .events) { transaction in
            for size in UInt64(1)...21 {
                let root = try MerkleTree.root(size: size, reader: transaction.hashReader)
                for leaf in 0..<size {
                    let proof = try MerkleTree.inclusionProof(leaf: leaf, size: size, reader: transaction.hashReader)
                    #expect(MerkleTree.verifyInclusion(leaf: leaf, size: size, leafHash: try transaction.leafHash(at: leaf), proof: proof, root: root))
                }
            }
        }
    }

    @Test("a batch refused at its third event leaves nothing behind", arguments: Backend.allCases)
    func atomicBatch(backend: Backend) throws {
        let log = try Fixture(backend)
        try log.append([log.note()])
        let before = try log.lines()
        #expect(throws: LogError.inBatch(event: 3, .staleExpectedVersion(stream: "participant/P-CONF01", expected: 0, actual: 1))) {
            try log.append([log.note("participant/P-CONF02"), log.note("notes"), log.note(expectedVersion: 0)])
        }
        #expect(try log.lines() == before)
        #expect(try log.store.withReadTransaction(on: .events) { try $0.streamHead("participant/P-CONF02") } == nil)
    }

    @Test("an id is idempotent with the same content and refused with other content", arguments: Backend.allCases)
    func idempotency(backend: Backend) throws {
        let log = try Fixture(backend)
        let id = "00000000-0000-4000-8000-0000000c0f01"
        let first = try log.append([log.note(id: id)])[0]
        let again = try log.append([log.note(id: id)])[0]
        #expect(again.existing && again.seq == first.seq && again.leafHash == first.leafHash)
        #expect(throws: LogError.idConflict(id: id)) { try log.append([log.note("participant/P-CONF01", 9, id: id)]) }
        #expect(try log.lines().count == 2)
    }

    @Test("only known, active actors with their current key write; only admins change the directory", arguments: Backend.allCases)
    func authority(backend: Backend) throws {
        let log = try Fixture(backend)
        let stranger = SigningKey.generate()
        #expect(throws: LogError.unknownActor("stranger")) {
            try log.writer.append([log.note()], by: Author(actor: "stranger", key: stranger.publicKey), signingKey: stranger, to: log.store)
        }
        #expect(throws: LogError.keyUnavailable(actor: "admin")) {
            try log.writer.append([log.note()], by: Author(actor: "admin", key: stranger.publicKey), signingKey: stranger, to: log.store)
        }
        let clinician = SigningKey.generate()
        try log.append([EventDraft(type: "actor.enrolled", stream: "directory", data: [
            "actor": "clin-0001", "name": "Intervenante Exemple", "organization": "CODIM", "roles": ["clinician"],
            "key": .string(clinician.publicKey.base64),
        ])])
        let asClinician = Author(actor: "clin-0001", key: clinician.publicKey)
        #expect(try log.writer.append([log.note()], by: asClinician, signingKey: clinician, to: log.store).count == 1)
        #expect(throws: LogError.self) {
            try log.writer.append([EventDraft(type: "actor.revoked", stream: "directory", data: ["actor": "admin", "reason": "x"])],
                                  by: asClinician, signingKey: clinician, to: log.store)
        }
    }

    @Test("participant.erased destroys the data key and closes the stream", arguments: Backend.allCases)
    func erasure(backend: Backend) throws {
        let log = try Fixture(backend)
        try log.append([log.note(), log.note("participant/P-CONF02")])
        try log.append([EventDraft(type: "participant.erased", stream: "participant/P-CONF01", data: ["reason": "entered-in-error"])])
        let keys = try log.store.withReadTransaction(on: .events) {
            (try $0.dataKey(forStream: "participant/P-CONF01", create: false), try $0.dataKey(forStream: "participant/P-CONF02", create: false))
        }
        #expect(keys.0 == nil && keys.1 != nil)
        #expect(throws: LogError.streamClosed(stream: "participant/P-CONF01")) { try log.append([log.note()]) }
        try LogVerifier(kind: .events).consume(try log.lines())
    }

    @Test("the access log is a second log, signed by the log key, with version equal to seq", arguments: Backend.allCases)
    func accessLog(backend: Backend) throws {
        let log = try Fixture(backend)
        for index in 0..<3 {
            let result = try log.writer.appendAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted", "n": .int(Int64(index))],
                                                     logKey: log.logKey, to: log.store)
            #expect(result.seq == UInt64(index) && result.version == UInt64(index))
        }
        let verifier = LogVerifier(kind: .access(origin: log.writer.origin, logKey: log.logKey.publicKey))
        try verifier.consume(try log.lines(.access))
        #expect(verifier.size == 3)
        #expect(try log.lines(.events).count == 1)
    }
}
