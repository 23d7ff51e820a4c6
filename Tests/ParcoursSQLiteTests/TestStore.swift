import Foundation
import GRDB
import ParcoursLog
@testable import ParcoursSQLite

/// A fresh store in a temporary directory, with its admin and master key unlocked.
final class TestStore: Sendable {
    static let adminPassphrase = "admin-passphrase-1"
    static let masterPassphrase = "master-passphrase-1"
    static let clinicianPassphrase = "clinician-passphrase-1"

    let directory: String
    let store: Store
    let admin: UnlockedActor
    let master: MasterKey

    init(origin: String = "test.example/parcours") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-test-\(UUID().uuidString)").path
        store = try Store.create(at: directory, origin: origin, adminID: "admin", adminName: "Administratrice Exemple",
                                 adminPassphrase: Self.adminPassphrase, masterPassphrase: Self.masterPassphrase)
        admin = try store.unlockActor("admin", passphrase: Self.adminPassphrase)
        master = try store.unlockMaster(passphrase: Self.masterPassphrase)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var databasePath: String { store.databasePath }

    /// Enrols a clinician and returns her unlocked key.
    func clinician(_ id: String = "clin-0001") throws -> UnlockedActor {
        try store.enrol(actor: id, name: "Intervenante Exemple", organization: "En Marge 12-17", roles: ["clinician"],
                        passphrase: Self.clinicianPassphrase, by: admin)
        return try store.unlockActor(id, passphrase: Self.clinicianPassphrase)
    }

    /// Appends `count` sealed events spread over a few participants.
    @discardableResult
    func appendSample(_ count: Int, participants: Int = 3, by author: UnlockedActor? = nil) throws -> [AppendResult] {
        let drafts = (0..<count).map { index in
            EventDraft(type: "note.added", stream: "participant/P-TEST\(String(format: "%02d", index % participants))",
                       data: ["index": .int(Int64(index)), "text": .string("synthetic note \(index)")])
        }
        return try store.append(drafts, by: author ?? admin, master: master)
    }

    /// The store's checkpoint body (size and root), to compare before and after a refusal.
    func head() throws -> String {
        let (size, root) = try store.root()
        return "\(size) \(root.hex) \(try store.size(.access))"
    }

    /// A raw connection that bypasses the store, as an attacker with the file would.
    func tamper(_ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.writeWithoutTransaction { db in
            for table in ["event", "event_tree", "access_event", "access_tree", "checkpoint", "data_key"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_immutable_update; DROP TRIGGER IF EXISTS \(table)_immutable_delete")
            }
            // The data key's triggers name the event table: gone, so the attacker may rebuild that table.
            try db.execute(sql: "DROP TRIGGER IF EXISTS data_key_delete_only_by_erasure; DROP TRIGGER IF EXISTS data_key_none_after_erasure")
            try body(db)
        }
        try queue.close()
    }

    /// The failure `verify` reports, or nil when intact.
    func verificationFailure() throws -> (log: String, failure: IntegrityFailure)? {
        let reopened = try Store.open(at: directory)
        do {
            _ = try reopened.verify()
            return nil
        } catch .integrity(let log, let failure) {
            return (log, failure)
        } catch {
            throw error
        }
    }

    /// Every byte of the store's files (database and WAL).
    func fileBytes() throws -> Data {
        var data = Data()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            data.append(try Data(contentsOf: URL(fileURLWithPath: databasePath + suffix)))
        }
        return data
    }
}
