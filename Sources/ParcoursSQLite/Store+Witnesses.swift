import GRDB
import ParcoursApp
import ParcoursLog

/// Witnesses' cosignatures kept with the checkpoints, and the alarms their refusals raised.
extension Store {
    /// Keeps cosignature lines of the checkpoint kept at `size`; a witness already kept there keeps its first line.
    public func saveCosignatures(_ lines: [String], log: LogTable, size: UInt64) throws {
        let name = noteName(log)
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM checkpoint WHERE log = ? AND size = ?", arguments: [name, Int64(size)]) == true else {
                throw StoreError.invalidInput(field: "size", reason: "no checkpoint of size \(size) is kept to cosign")
            }
            var order = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(kept), 0) FROM checkpoint_cosignature WHERE log = ? AND size = ?",
                                           arguments: [name, Int64(size)]) ?? 0
            for line in lines {
                let signature = try NoteSignature(line: line.hasSuffix("\n") ? String(line.dropLast()) : line)
                order += 1
                try db.execute(sql: "INSERT OR IGNORE INTO checkpoint_cosignature (log, size, witness, line, kept) VALUES (?, ?, ?, ?, ?)",
                               arguments: [name, Int64(size), signature.name, signature.line, order])
            }
        }
    }

    /// The checkpoint kept at `size` with its cosignature lines appended, if one is kept.
    public func cosignedCheckpoint(_ log: LogTable, size: UInt64) throws -> String? {
        let name = noteName(log)
        return try pool.read { db in
            guard let note = try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? AND size = ?", arguments: [name, Int64(size)]) else {
                return nil
            }
            return note + (try Self.cosignatureLines(name, size: size, in: db)).joined()
        }
    }

    /// The cosignature lines kept for the checkpoint of `size`, in the order they were kept.
    func cosignatureLines(_ log: LogTable, size: UInt64) throws -> [String] {
        try pool.read { [name = noteName(log)] db in try Self.cosignatureLines(name, size: size, in: db) }
    }

    static func cosignatureLines(_ name: String, size: UInt64, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT line FROM checkpoint_cosignature WHERE log = ? AND size = ? ORDER BY kept", arguments: [name, Int64(size)])
    }

    /// For each witness, the largest size of the log it cosigned.
    public func witnessedSizes(_ log: LogTable) throws -> [String: UInt64] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT witness, MAX(size) AS size FROM checkpoint_cosignature WHERE log = ? GROUP BY witness",
                                        arguments: [noteName(log)])
            return Dictionary(uniqueKeysWithValues: rows.map { (row: Row) in (row["witness"] as String, UInt64(row["size"] as Int64)) })
        }
    }

    /// Keeps a witness alarm.
    public func recordWitnessAlarm(_ alarm: WitnessAlarm) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO witness_alarm (at, witness, log, size, status, reason) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [alarm.at.description, alarm.witness, alarm.log.rawValue, Int64(alarm.size), alarm.status, alarm.reason])
        }
    }

    /// The witness alarms, newest first, at most `limit`.
    public func witnessAlarms(limit: Int) throws -> [WitnessAlarm] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT at, witness, log, size, status, reason FROM witness_alarm ORDER BY id DESC LIMIT ?",
                             arguments: [max(limit, 0)]).compactMap { row in
                guard let at = Timestamp(row["at"] as String), let log = LogKind(rawValue: row["log"] as String) else { return nil }
                return WitnessAlarm(at: at, witness: row["witness"], log: log, size: UInt64(row["size"] as Int64), status: row["status"],
                                    reason: row["reason"])
            }
        }
    }
}
