import Foundation
import Testing
import ParcoursApp
import ParcoursAppTesting
import ParcoursLog
import ParcoursSQLite
@testable import ParcoursPostgres

/// A SQLite store copied into PostgreSQL is the same log: both export the same files, byte
/// for byte; the copy verifies and opens with the same passphrases; a database holding
/// anything is refused.
@Suite("Copy of a SQLite store into PostgreSQL")
struct PostgresCopyTests {
    /// A SQLite store with directory changes, sealed and clear events, access records, an erasure and a checkpoint.
    static func sqliteStore(in directory: String) async throws -> SQLiteCaseStore {
        let store = SQLiteCaseStore(try Store.create(at: directory, origin: ConformancePeople.origin, adminID: ConformancePeople.admin,
                                                     adminName: ConformancePeople.adminName, adminPassphrase: ConformancePeople.passphrase,
                                                     masterPassphrase: ConformancePeople.masterPassphrase))
        let master = try await store.unlockMaster(passphrase: ConformancePeople.masterPassphrase)
        let admin = try await store.unlockActor(ConformancePeople.admin, passphrase: ConformancePeople.passphrase)
        _ = try await store.enrol(actor: "clin-exemple", name: "Personne Exemple", organization: "Organisme Exemple", roles: ["clinician"],
                                  passphrase: ConformancePeople.passphrase, link: nil, by: admin)
        _ = try await store.enrol(actor: "clin-lien", name: "Personne Exemple", organization: "Organisme Exemple", roles: ["clinician"],
                                  passphrase: Self.linkSecret, link: ("empreinte-de-copie", Date() + 3600), by: admin)
        for index in 0..<12 {
            _ = try await store.append([EventDraft(type: "note.added", stream: "participant/P-COPY0\(index % 3)", data: ["n": .int(Int64(index))])],
                                       by: admin, master: master)
            _ = try await store.recordAccess(type: "access.read", data: ["actor": "clin-exemple", "participant": .string("P-COPY0\(index % 3)")],
                                             master: master)
        }
        _ = try await store.append([EventDraft(type: "note.added", stream: "notes", data: ["n": 99])], by: admin, master: master)
        _ = try await store.checkpoint(.events, master: master)
        _ = try await store.erase(participant: "P-COPY02", reason: "entered-in-error", by: admin)
        _ = try await store.researchKey(project: "projet-exemple", master: master)
        return store
    }

    static let linkSecret = "secret-de-lien-de-copie-1"

    /// A new scratch directory's path (made by the store created in it).
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("parcours-copy-\(UUID().uuidString)").path
    }

    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        return files
    }

    @Test("the copy exports the same five files, byte for byte, verifies, and keeps keys and pseudonyms")
    func copyIsTheSameLog() async throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sqlite = try await Self.sqliteStore(in: root + "/store")
        let database = try PostgresTestDatabase()
        let copied = try await PostgresCaseStore.copy(logs: sqlite.store.logStore(master: nil), contents: sqlite.store.contents(), into: database.url)
        #expect(copied.events == (try await sqlite.size(.events)) && copied.access == 12)

        let postgres = try await PostgresCaseStore.open(url: database.url)
        let master = try await postgres.unlockMaster(passphrase: ConformancePeople.masterPassphrase)
        _ = try await postgres.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        await #expect(throws: (any Error).self, "a key waiting behind a link does not move: its secret opens nothing there") {
            _ = try await postgres.unlockActor("clin-lien", passphrase: Self.linkSecret)
        }
        let verified = try await postgres.verify(since: nil, master: master)
        #expect(verified.dataKeysChecked == 2 && verified.dataKeysUnwrapped)
        #expect(try await postgres.latestCheckpoint(.events) == (try await sqlite.latestCheckpoint(.events)))
        #expect(try await postgres.researchKey(project: "projet-exemple", master: master)
                == (try await sqlite.researchKey(project: "projet-exemple", master: master)))
        #expect(try await postgres.events(inStream: "participant/P-COPY01", master: master).map(\.content)
                == (try await sqlite.events(inStream: "participant/P-COPY01", master: master).map(\.content)))

        _ = try await sqlite.exportLog(to: root + "/export-sqlite", master: master)
        _ = try await postgres.exportLog(to: root + "/export-postgres", master: master)
        let fromSQLite = try Self.files(in: root + "/export-sqlite"), fromPostgres = try Self.files(in: root + "/export-postgres")
        #expect(fromSQLite.keys.sorted() == ["access.checkpoint", "access.jsonl", "events.checkpoint", "events.jsonl", "log.vkey"])
        for name in fromSQLite.keys.sorted() { #expect(fromSQLite[name] == fromPostgres[name], "\(name) differs between the two exports") }
    }

    @Test("a database that holds a store already is refused, and keeps what it held")
    func nonEmptyTargetRefused() async throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let database = try PostgresTestDatabase()
        let sqlite = try await Self.sqliteStore(in: root + "/store")
        let existing = try await PostgresCaseStore.create(url: database.url, origin: "autre.example/parcours", adminID: ConformancePeople.admin,
                                                          adminPassphrase: ConformancePeople.passphrase, masterPassphrase: ConformancePeople.masterPassphrase)
        await #expect(throws: LogError.self) {
            _ = try await PostgresCaseStore.copy(logs: sqlite.store.logStore(master: nil), contents: sqlite.store.contents(), into: database.url)
        }
        #expect(try await existing.size(.events) == 1)
        #expect(try await PostgresCaseStore.open(url: database.url).origin == "autre.example/parcours")
    }

    @Test("a database whose migrations are behind is refused until `parcours migrate`; migrating again runs nothing")
    func migrationsGateOpening() async throws {
        let database = try PostgresTestDatabase()
        #expect(try PostgresMigrator.pending(url: database.url) == PostgresMigrator.names)
        await #expect(throws: PostgresStoreError.migrationsPending(PostgresMigrator.names)) { _ = try await PostgresCaseStore.open(url: database.url) }
        // A database made by the log store alone (before migrations) takes them too.
        _ = try database.store()
        #expect(try PostgresMigrator.migrate(url: database.url) == PostgresMigrator.names)
        #expect(try PostgresMigrator.migrate(url: database.url).isEmpty)
        #expect(try PostgresMigrator.pending(url: database.url).isEmpty)
        await #expect(throws: LogError.notAStore(path: "PostgreSQL database \(database.url.database)")) {
            _ = try await PostgresCaseStore.open(url: database.url)
        }
    }
}
