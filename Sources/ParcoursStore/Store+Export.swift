import Foundation
import GRDB
import ParcoursLog

extension Store {
    /// Writes the export of LOG-FORMAT.md into `directory` (created if needed):
    /// `log.vkey`, `events.jsonl`, `events.checkpoint`, `access.jsonl`, `access.checkpoint`.
    ///
    /// Both logs are read in one snapshot and their checkpoints signed at the
    /// exported sizes, so the files agree with each other whatever is appended meanwhile.
    public func exportLog(to directory: String, master: MasterKey) throws -> (events: UInt64, access: UInt64) {
        let logKey = try logSigningKey(master: master)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for name in ["events.jsonl", "access.jsonl", "events.checkpoint", "access.checkpoint", "log.vkey"] {
            guard !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name)) else {
                throw StoreError.invalidInput(field: "--out", reason: "\(directory) already holds an export; choose an empty folder")
            }
        }
        // Sign checkpoints first (a short write), then stream both logs from one snapshot at least that large.
        let notes = try pool.writeWithoutTransaction { db in
            var notes: [LogTable: String] = [:]
            try db.inTransaction(.immediate) {
                for table in LogTable.allCases { notes[table] = try checkpoint(table, logKey: logKey, db: db) }
                return .commit
            }
            return notes
        }
        var sizes: [LogTable: UInt64] = [:]
        try pool.read { db in
            for table in LogTable.allCases {
                let checkpoint = try Checkpoint(body: noteVerifier(table).open(note: notes[table]!))
                let path = (directory as NSString).appendingPathComponent("\(table.rawValue).jsonl")
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                let rows = try Row.fetchCursor(db, sql: "SELECT line FROM \(table.recordsTable) WHERE seq < ? ORDER BY seq",
                                               arguments: [Int64(checkpoint.size)])
                var buffer = Data()
                while let row = try rows.next() {
                    buffer.append(row["line"] as Data)
                    buffer.append(0x0A)
                    if buffer.count > 1 << 20 {
                        try handle.write(contentsOf: buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                try handle.write(contentsOf: buffer)
                try handle.synchronize()
                sizes[table] = checkpoint.size
                try write(notes[table]!, to: (directory as NSString).appendingPathComponent("\(table.rawValue).checkpoint"))
            }
        }
        try write(noteVerifier(.events).text + "\n", to: (directory as NSString).appendingPathComponent("log.vkey"))
        return (sizes[.events]!, sizes[.access]!)
    }

    /// A consistent copy of the store taken with SQLite's online backup while it is in use.
    /// The copy is a single file that opens as a store and verifies on its own, read-only:
    /// it is marked as a backup, so only `restore` puts it back in service.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.invalidInput(field: "--out", reason: "\(path) already exists")
        }
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
        try destination.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT OR REPLACE INTO store_info (name, value) VALUES (?, ?)",
                           arguments: [Self.backupMarker, Timestamp.now().description])
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try destination.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    private func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.invalidInput(field: "--out", reason: "cannot write \(path)")
        }
    }
}
