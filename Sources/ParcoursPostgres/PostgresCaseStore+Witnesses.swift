import ParcoursApp
import ParcoursLog
import PostgresNIO

/// Witnesses' cosignatures kept with the checkpoints, and the alarms their refusals raised, as
/// the SQLite store keeps them (`checkpoint_cosignature`, `witness_alarm`; logs named as the
/// checkpoint table names them).
extension PostgresCaseStore {
    public func saveCosignatures(_ lines: [String], log: LogKind, size: UInt64) async throws {
        let signatures = try lines.map { line in try NoteSignature(line: line.hasSuffix("\n") ? String(line.dropLast()) : line) }
        try await run { store in
            try store.transaction { session in
                guard try session.row("SELECT 1 FROM checkpoint WHERE log = \(log.rawValue) AND size = \(Int64(size))") != nil else {
                    throw LogError.invalidInput(field: "size", reason: "no checkpoint of size \(size) is kept to cosign")
                }
                var order = try session.row("""
                    SELECT COALESCE(MAX(kept), 0) FROM checkpoint_cosignature WHERE log = \(log.rawValue) AND size = \(Int64(size))
                    """)?.decode(Int64.self) ?? 0
                for signature in signatures {
                    order += 1
                    try session.rows("""
                        INSERT INTO checkpoint_cosignature (log, size, witness, line, kept)
                        VALUES (\(log.rawValue), \(Int64(size)), \(signature.name), \(signature.line), \(order)) ON CONFLICT DO NOTHING
                        """)
                }
            }
        }
    }

    public func cosignedCheckpoint(_ log: LogKind, size: UInt64) async throws -> String? {
        try await run { store in
            try store.sql { session in
                guard let note = try session.row("SELECT note FROM checkpoint WHERE log = \(log.rawValue) AND size = \(Int64(size))")?
                    .decode(String.self) else { return nil }
                return note + (try Self.cosignatureLines(log, size: size, in: session)).joined()
            }
        }
    }

    /// The cosignature lines kept for a log's checkpoint of `size`, in the order they were kept.
    static func cosignatureLines(_ log: LogKind, size: UInt64, in session: PostgresSession) throws -> [String] {
        try session.rows("SELECT line FROM checkpoint_cosignature WHERE log = \(log.rawValue) AND size = \(Int64(size)) ORDER BY kept")
            .map { try $0.decode(String.self) }
    }

    public func witnessedSizes(_ log: LogKind) async throws -> [String: UInt64] {
        try await run { store in
            try store.sql { session in
                let rows = try session.rows("SELECT witness, MAX(size) FROM checkpoint_cosignature WHERE log = \(log.rawValue) GROUP BY witness")
                return Dictionary(uniqueKeysWithValues: try rows.map { row in
                    let (witness, size) = try row.decode((String, Int64).self)
                    return (witness, UInt64(size))
                })
            }
        }
    }

    public func recordWitnessAlarm(_ alarm: WitnessAlarm) async throws {
        try await run { store in
            try store.sql { session in
                _ = try session.rows("""
                    INSERT INTO witness_alarm (at, witness, log, size, status, reason)
                    VALUES (\(alarm.at.description), \(alarm.witness), \(alarm.log.rawValue), \(Int64(alarm.size)), \(Int32(alarm.status)), \(alarm.reason))
                    """)
            }
        }
    }

    public func witnessAlarms(limit: Int) async throws -> [WitnessAlarm] {
        try await run { store in
            try store.sql { session in
                try session.rows("SELECT at, witness, log, size, status, reason FROM witness_alarm ORDER BY id DESC LIMIT \(Int64(max(limit, 0)))")
                    .compactMap { row in
                        let (at, witness, log, size, status, reason) = try row.decode((String, String, String, Int64, Int32, String).self)
                        guard let at = Timestamp(at), let log = LogKind(rawValue: log) else { return nil }
                        return WitnessAlarm(at: at, witness: witness, log: log, size: UInt64(size), status: Int(status), reason: reason)
                    }
            }
        }
    }
}
