import Foundation
import GRDB
import ParcoursLog
#if canImport(Glibc)
import Glibc
import ParcoursFiles
#endif

extension Store {
    /// Writes the export of LOG-FORMAT.md into `directory` (created 0700 if needed, or an empty one):
    /// `log.vkey`, `events.jsonl`, `events.checkpoint`, `access.jsonl`, `access.checkpoint`, each 0600.
    ///
    /// The log core makes it (`LogExport`): both checkpoints signed in one transaction, then
    /// each log streamed up to its checkpoint's size, so the files agree with each other
    /// whatever is appended meanwhile.
    public func exportLog(to directory: String, master: MasterKey) throws -> (events: UInt64, access: UInt64) {
        let logKey = try logSigningKey(master: master)
        try PrivateFile.prepareDirectory(directory)
        return try LogExport.export(from: logStore(master: nil), origin: origin, logKey: logKey, to: PrivateExportDirectory(path: directory)) {
            [self] log, size in try cosignatureLines(log, size: size)
        }
    }

    /// A consistent copy of the store taken with SQLite's online backup while it is in use.
    /// The copy is a single file that opens as a store and verifies on its own, read-only:
    /// it is marked as a backup, so only `restore` puts it back in service.
    ///
    /// No byte of the copy is ever readable by others, whatever the umask: `path` is first
    /// reserved as a new 0600 file (refusing anything there, a dangling symbolic link
    /// included), the copy and its journal are written in a private 0700 directory beside
    /// it, then renamed over the reservation.
    public func backup(to path: String) throws {
        let reservation = try PrivateFile.create(path)
        var reserved = stat()
        fstat(reservation.fileDescriptor, &reserved)
        try? reservation.close()
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.parcours-backup-XXXXXX").utf8CString)
        do {
            guard let privateDirectory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
                throw StoreError.invalidInput(field: "output", reason: "cannot create a private directory beside \(path): \(String(cString: strerror(errno)))")
            }
            defer { try? FileManager.default.removeItem(atPath: privateDirectory) }
            let copy = privateDirectory + "/backup.sqlite"
            try PrivateFile.create(copy).close()
            let destination = try DatabaseQueue(path: copy)
            try pool.backup(to: destination)
            try destination.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT OR REPLACE INTO store_info (name, value) VALUES (?, ?)",
                               arguments: [Self.backupMarker, Timestamp.now().description])
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try destination.close()
            guard rename(copy, path) == 0 else {
                throw StoreError.invalidInput(field: "output", reason: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            PrivateFile.syncDirectory(folder)
        } catch {
            // Remove the reservation only if it is still ours.
            var current = stat()
            if lstat(path, &current) == 0, current.st_ino == reserved.st_ino, current.st_dev == reserved.st_dev { unlink(path) }
            throw error
        }
    }
}
