import Foundation
import GRDB
import ParcoursApp
import ParcoursLog
#if canImport(Glibc)
import Glibc
import ParcoursFiles
#endif

extension Store {
    /// Puts a backup back in service as the store of `directory`, never behind the log.
    ///
    /// The backup must verify, be of the same log (origin and log key) as the store in
    /// service, and hold for each log at least the records of the latest checkpoint the
    /// store in service has signed, with the same root at that size: otherwise the log key
    /// would have signed two views of one log (a fork, which LOG-FORMAT.md forbids).
    /// `authorize` is called with the store in service (the backup when there is none)
    /// before anything is written. The copy is written beside the store, no longer marked
    /// as a backup, then renamed over it (atomic); the store it replaces is kept beside it,
    /// as `parcours.sqlite.replaced-TIME`.
    public static func restore(backup: Store, master: MasterKey, into directory: String,
                               authorize: (Store) async throws -> Void) async throws -> Restoration {
        let verified: StoreVerification
        do { verified = try backup.verify(master: master) } catch {
            throw StoreError.invalidInput(field: "backup", reason: "the backup does not verify (\(error)); nothing was restored")
        }
        let file = (directory as NSString).appendingPathComponent(databaseFileName)
        let inService = FileManager.default.fileExists(atPath: file)
        if inService {
            // Read-only until everything is checked: a refusal leaves the store in service as it was.
            let current = try Store.open(at: directory, readOnly: true)
            try await authorize(current)
            try current.refuseGoingBehind(with: backup, verified: verified)
        } else {
            try await authorize(backup)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }

        // The copy, beside the store: the same file system, so the rename that puts it in place is atomic.
        let staging = (directory as NSString).appendingPathComponent(".parcours-restore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try PrivateFile.create(staging, field: "store").close()
        let copy = try DatabaseQueue(path: staging)
        try backup.pool.backup(to: copy)
        try unmarkBackup(copy)
        try copy.close()

        var kept: String?
        if inService {
            let live = try Store.open(at: directory)
            // All of the store in service into its main file, and no connection left: no WAL may be replayed over the copy.
            try live.truncateWAL()
            try live.pool.close()
            let wal = file + "-wal"
            if let size = try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int, size > 0 {
                throw StoreError.invalidInput(field: "store", reason: "another process is using the store; stop it and restore again")
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            let aside = file + ".replaced-" + Timestamp.now().description.replacingOccurrences(of: ":", with: "")
            guard Glibc.link(file, aside) == 0 else {
                throw StoreError.invalidInput(field: "store", reason: "cannot keep the store in service aside as \(aside)")
            }
            kept = aside
        }
        guard Glibc.rename(staging, file) == 0 else {
            throw StoreError.invalidInput(field: "store", reason: "cannot put the backup in place of \(file)")
        }
        let folder = Glibc.open(directory, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            Glibc.close(folder)
        }
        let restored = try Store.open(at: directory)
        do { _ = try restored.verify(master: master) } catch {
            throw StoreError.storeDamaged("the restored store does not verify: \(error)")
        }
        return Restoration(events: verified.events.size, access: verified.access.size, replacedKeptAt: kept)
    }

    /// Refuses a backup that is of another log, or behind (or beside) a checkpoint this store has signed.
    private func refuseGoingBehind(with backup: Store, verified: StoreVerification) throws {
        guard origin == backup.origin, logPublicKey == backup.logPublicKey else {
            throw StoreError.invalidInput(field: "backup", reason: "the backup is of another log (its origin or log key differ); nothing was restored")
        }
        for table in LogTable.allCases {
            guard let note = try latestCheckpoint(table) else { continue }
            let signed = try Checkpoint(body: noteVerifier(table).open(note: note))
            let size = table == .events ? verified.events.size : verified.access.size
            guard size >= signed.size else {
                throw StoreError.invalidInput(field: "backup", reason: """
                    the backup's \(table.rawValue) log holds \(size) records, behind the checkpoint of \(signed.size) records \
                    the log has signed; restoring it would fork the log — nothing was restored
                    """)
            }
            guard try backup.root(size: signed.size, table: table).root == signed.root else {
                throw StoreError.invalidInput(field: "backup", reason: """
                    the backup's \(table.rawValue) log at \(signed.size) records is not the one the log signed (another root); \
                    restoring it would fork the log — nothing was restored
                    """)
            }
        }
    }

    /// The copy is no longer a backup once it is put in service (synchronous: GRDB's async
    /// accesses are never mixed with the store's own threads).
    private static func unmarkBackup(_ copy: DatabaseQueue) throws {
        try copy.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM store_info WHERE name = ?", arguments: [backupMarker])
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
    }
}
