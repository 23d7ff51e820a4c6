import Foundation
import ParcoursApp
import ParcoursLog
import PostgresNIO

/// `parcours copy`: a store of another backend moved into an empty database.
extension PostgresCaseStore {
    /// Copies a store into the empty database at `url` (its migrations applied first): every
    /// record of both logs byte for byte as signed, in order, with its tree hashes and the
    /// signed checkpoints, and `contents` (the sealed keys and facts kept beside the logs), in
    /// one transaction. The source must verify first; a database holding anything is refused.
    /// Returns how many records each log holds.
    public static func copy(logs source: any LogStore, contents: StoreContents, into url: PostgresDatabaseURL) async throws -> (events: UInt64, access: UInt64) {
        try await StorageThreads.run {
            guard let origin = contents.info["origin"], let logKey = contents.info["logPublicKey"].flatMap(PublicKey.init(base64:)) else {
                throw LogError.storeDamaged("store_info lacks the origin or the log key")
            }
            do { _ = try StoreVerifier(origin: origin, logKey: logKey).verify(source) } catch {
                throw LogError.invalidInput(field: "from", reason: "the store to copy does not verify (\(error)); nothing was copied")
            }
            _ = try PostgresMigrator.migrate(url: url)
            let target = try PostgresLogStore(url: url, master: nil, connections: 1, groupCommit: false)
            return try target.connections.withConnection { session in
                try session.inTransaction("BEGIN") {
                    try session.rows("LOCK TABLE store_info IN EXCLUSIVE MODE")
                    for table in ["store_info", "sealed_secret", "actor_key", "data_key", "event", "access_event", "checkpoint"] {
                        guard try session.rows("SELECT 1 FROM \(unescaped: table) LIMIT 1").isEmpty else {
                            throw LogError.invalidInput(field: "to", reason: "the database holds a store already (its \(table) table is not empty); a copy goes into an empty database")
                        }
                    }
                    try insert(contents, in: session)
                    var sizes: [LogKind: UInt64] = [:]
                    for kind in LogKind.allCases {
                        let checkpoints = LogCheckpoints(log: kind, origin: origin, logKey: logKey)
                        let into = PostgresLogTransaction(session: session, log: kind, writing: true, master: nil)
                        sizes[kind] = try source.withReadTransaction(on: kind) { from in
                            var frontier = MerkleFrontier()
                            try from.storedRecords(chunk: ExportVerifier.chunkSize) { records in
                                for stored in records {
                                    let parsed = try ParsedRecord(line: stored.line, checkSignature: false)
                                    try into.insert(parsed.record, line: stored.line, leafHash: parsed.leafHash, completing: frontier.append(parsed.leafHash))
                                }
                            }
                            for note in try from.checkpoints() {
                                try into.keep(checkpoint: note, size: Checkpoint(body: checkpoints.verifier.open(note: note)).size)
                            }
                            return frontier.size
                        }
                    }
                    return (sizes[.events] ?? 0, sizes[.access] ?? 0)
                }
            }
        }
    }

    private static func insert(_ contents: StoreContents, in session: PostgresSession) throws {
        for (name, value) in contents.info.sorted(by: { $0.key < $1.key }) {
            try session.rows("INSERT INTO store_info (name, value) VALUES (\(name), \(value))")
        }
        for (name, sealed) in contents.secrets.sorted(by: { $0.key < $1.key }) {
            try session.rows("INSERT INTO sealed_secret (name, sealed) VALUES (\(name), \(ByteBuffer(bytes: sealed)))")
        }
        for key in contents.actorKeys {
            try session.rows("""
                INSERT INTO actor_key (public_key, actor, sealed, created_at) VALUES (\(key.publicKey), \(key.actor), \(key.sealed), \(key.createdAt))
                """)
        }
        for key in contents.dataKeys {
            try session.rows("""
                INSERT INTO data_key (id, stream, wrapped, created_at) VALUES (\(key.id), \(key.stream), \(ByteBuffer(bytes: key.wrapped)), \(key.createdAt))
                """)
        }
    }
}
