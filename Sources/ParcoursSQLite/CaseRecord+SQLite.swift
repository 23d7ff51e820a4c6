import Foundation
import ParcoursApp
import ParcoursLog

/// The case record kept in a SQLite store: how a front opens, creates and restores one.
extension CaseRecord {
    /// Opens the store at `path` (a directory, or a backup file, which opens only read-only)
    /// with its master passphrase.
    public static func open(at path: String, masterPassphrase: String, readOnly: Bool = false) async throws -> CaseRecord {
        try await open(SQLiteCaseStore(try Store.open(at: path, readOnly: readOnly)), masterPassphrase: masterPassphrase)
    }

    /// Creates a store at `path`: its master key (sealed under `masterPassphrase`), its log key,
    /// and the founding administrator (`log.created` at seq 0). A `demo` store is the only
    /// kind that takes synthetic journeys.
    public static func create(at path: String, origin: String, admin: String, adminName: String?, adminPassphrase: String,
                              masterPassphrase: String, demo: Bool = false) throws -> Created {
        let store = try Store.create(at: path, origin: origin, adminID: admin, adminName: adminName, adminPassphrase: adminPassphrase,
                                     masterPassphrase: masterPassphrase, demo: demo)
        return Created(origin: store.origin, logKey: store.noteVerifier(.events).text)
    }

    /// Puts the backup file at `backupPath` in service as the store at `path`, never behind a
    /// checkpoint the store in service signed. Decided by the policy (`maintenance`) for
    /// `identity`, against the directory of the store in service (of the backup when there
    /// is none); the master passphrase opens the backup.
    public static func restore(backupAt backupPath: String, masterPassphrase: String, into path: String,
                               by identity: Identity) async throws -> Restoration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backupPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AppError.invalidInput(field: "backup", reason: "no backup file there")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw AppError.invalidInput(field: "store", reason: "the store's directory, where the backup goes (not a file)")
        }
        let backup = try Store.open(at: backupPath, readOnly: true)
        let master = try backup.unlockMaster(passphrase: masterPassphrase)
        return try await Store.restore(backup: backup, master: master, into: path) { authority in
            try await authorizeRestore(by: identity, in: SQLiteCaseStore(authority))
        }
    }
}

extension VerifiableLog {
    /// Opens the store at `path` (a directory, or a backup file) read-only; it is reopened
    /// to write only to keep a checkpoint.
    public static func open(at path: String) throws -> VerifiableLog {
        VerifiableLog(store: SQLiteCaseStore(try Store.open(at: path, readOnly: true))) { SQLiteCaseStore(try Store.open(at: path)) }
    }
}
