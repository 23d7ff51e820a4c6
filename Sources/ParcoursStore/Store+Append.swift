import Foundation
import GRDB
import ParcoursLog

/// The outcome of one appended (or idempotently found) event.
public struct AppendResult: Sendable, Equatable {
    public var seq: UInt64
    public var id: String
    public var stream: String
    public var version: UInt64
    public var leafHash: Hash
    /// True when the id already named this same event: nothing was written.
    public var existing: Bool

    public var json: JSONValue {
        ["seq": .int(Int64(seq)), "id": .string(id), "stream": .string(stream), "version": .int(Int64(version)),
         "leafHash": .string(leafHash.hex), "existing": .bool(existing)]
    }
}

extension Store {
    /// Event types only the store's own operations may write.
    public static let reservedTypes: Set<String> = Directory.eventTypes.union([StreamRules.participantErased])

    /// Appends a batch atomically, signed by `author`: all events or none, durable on return.
    ///
    /// Participant streams are sealed under their data key (made on first use),
    /// which needs the master key. Directory events and `participant.erased` are
    /// refused here: they go through the directory operations and `erase`.
    public func append(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?) throws -> [AppendResult] {
        for (index, draft) in drafts.enumerated() {
            let field = drafts.count > 1 ? "event \(index + 1): " : ""
            do { try draft.validate() } catch { throw StoreError.invalidInput(field: field + "event", reason: error.reason) }
            guard !Store.reservedTypes.contains(draft.type) else {
                throw StoreError.invalidInput(field: field + "type", reason: "\(draft.type) is written by its own command (actor …, erase)")
            }
            guard draft.stream != Identifiers.directoryStream, draft.stream != Identifiers.accessStream else {
                throw StoreError.invalidInput(field: field + "stream", reason: "\(draft.stream) is written by its own commands only")
            }
        }
        return try write(drafts, by: author, master: master)
    }

    /// Appends drafts to the event log in one immediate transaction.
    func write(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?,
               alsoInTransaction extra: ((Database) throws -> Void)? = nil) throws -> [AppendResult] {
        guard !drafts.isEmpty else { throw StoreError.invalidInput(field: "events", reason: "at least one event is needed") }
        var results: [AppendResult] = []
        var newCache: (Directory, Int64, MerkleFrontier)?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var state = try loadWriteState(db, table: .events)
                var directory = try directoryState(db)
                var batch = BatchState()
                for (index, draft) in drafts.enumerated() {
                    do {
                        results.append(try appendOne(draft, author: author, master: master, db: db, state: &state,
                                                     directory: &directory.directory, batch: &batch))
                    } catch let error as StoreError where drafts.count > 1 {
                        throw StoreError.inBatch(event: index + 1, error)
                    }
                }
                try extra?(db)
                newCache = (directory.directory, directory.count + batch.directoryEvents, state.frontier)
                return .commit
            }
        }
        if let (directory, count, frontier) = newCache {
            cache.withLock {
                $0.directory = directory
                $0.directoryCount = count
                $0.frontiers[.events] = frontier
            }
        }
        return results
    }

    private struct BatchState {
        var byID: [String: (EventDraft, AppendResult)] = [:]
        var versions: [String: (next: UInt64, closed: Bool)] = [:]
        var dataKeys: [String: DataKey] = [:]
        var directoryEvents: Int64 = 0
    }

    private func appendOne(_ draft: EventDraft, author: UnlockedActor, master: MasterKey?, db: Database,
                           state: inout WriteState, directory: inout Directory, batch: inout BatchState) throws -> AppendResult {
        if let id = draft.id {
            if let (earlier, result) = batch.byID[id] {
                guard earlier.type == draft.type, earlier.stream == draft.stream, earlier.data == draft.data else {
                    throw StoreError.idConflict(id: id)
                }
                var repeated = result
                repeated.existing = true
                return repeated
            }
            if let existing = try existingEvent(id: id, db: db) {
                guard try sameContent(existing, draft, master: master, db: db) else { throw StoreError.idConflict(id: id) }
                return existing
            }
        }
        let actor = directory.actors[author.id]
        if state.size > 0 {
            guard let actor else { throw StoreError.unknownActor(author.id) }
            guard actor.active else { throw StoreError.revokedActor(author.id) }
            guard actor.key == author.key.publicKey else { throw StoreError.keyUnavailable(actor: author.id) }
        }

        let position = try batch.versions[draft.stream] ?? streamPosition(draft.stream, db: db)
        guard !position.closed else { throw StoreError.streamClosed(stream: draft.stream) }
        if let expected = draft.expectedVersion, expected != position.next {
            throw StoreError.staleExpectedVersion(stream: draft.stream, expected: expected, actual: position.next)
        }
        let id = draft.id ?? Identifiers.newEventID()
        let payload: Payload
        if Identifiers.participant(ofStream: draft.stream) != nil && draft.type != StreamRules.participantErased {
            guard let master else { throw StoreError.masterKeyRequired }
            let key = try batch.dataKeys[draft.stream] ?? dataKey(forStream: draft.stream, master: master, db: db, create: true)!
            batch.dataKeys[draft.stream] = key
            payload = .sealed(SealedPayload.seal(draft.data, with: key, id: id, log: origin, stream: draft.stream, version: position.next))
        } else {
            payload = .clear(draft.data)
        }
        let envelope = Envelope(log: origin, seq: state.size, id: id, stream: draft.stream, version: position.next, type: draft.type,
                                schema: draft.schema, recordedAt: .now(), author: author.author, prev: state.previous, payload: payload)
        do {
            try directory.admit(envelope)
            try StreamRules.checkPayload(of: envelope)
        } catch {
            throw StoreError.notPermitted(actor: author.id, reason: "write this: \(error.reason)")
        }
        let record = LogRecord(signing: envelope, with: author.key)
        let result = try insert(record, into: .events, state: &state, db: db)
        batch.versions[draft.stream] = (position.next + 1, StreamRules.closesStream(envelope))
        batch.byID[id] = (draft, result)
        if draft.stream == Identifiers.directoryStream { batch.directoryEvents += 1 }
        return result
    }

    /// The next version of a stream and whether its erasure closed it.
    func streamPosition(_ stream: String, db: Database) throws -> (next: UInt64, closed: Bool) {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT version, type FROM event WHERE stream = ? ORDER BY version DESC LIMIT 1"),
                                   arguments: [stream])
        guard let row else { return (0, false) }
        return (UInt64(row["version"] as Int64) + 1, (row["type"] as String) == StreamRules.participantErased)
    }

    private func existingEvent(id: String, db: Database) throws -> AppendResult? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, stream, version, leaf_hash FROM event WHERE id = ?"),
                                         arguments: [id])
        else { return nil }
        return AppendResult(seq: UInt64(row["seq"] as Int64), id: id, stream: row["stream"], version: UInt64(row["version"] as Int64),
                            leafHash: Hash(bytes: row["leaf_hash"] as Data)!, existing: true)
    }

    /// Whether a stored event says the same as a draft: same stream, type and data.
    private func sameContent(_ existing: AppendResult, _ draft: EventDraft, master: MasterKey?, db: Database) throws -> Bool {
        guard existing.stream == draft.stream else { return false }
        let envelope = try storedRecord(seq: existing.seq, table: .events, db: db).envelope
        guard envelope.type == draft.type, envelope.schema == draft.schema else { return false }
        switch envelope.payload {
        case .clear(let data): return data == draft.data
        case .sealed(let sealed):
            guard let master else { throw StoreError.masterKeyRequired }
            guard let key = try dataKey(forStream: envelope.stream, master: master, db: db, create: false) else {
                throw StoreError.streamClosed(stream: envelope.stream)
            }
            return try sealed.open(with: key, envelope: envelope) == draft.data
        }
    }

    /// A stored record, parsed back from its line.
    func storedRecord(seq: UInt64, table: LogTable, db: Database) throws -> LogRecord {
        guard let line = try Data.fetchOne(db.cachedStatement(sql: "SELECT line FROM \(table.events) WHERE seq = ?"), arguments: [Int64(seq)])
        else { throw StoreError.outOfRange(field: "seq", reason: "no record \(seq)") }
        do { return try ParsedRecord(line: Array(line), checkSignature: false).record } catch {
            throw StoreError.storeDamaged("record \(seq) does not parse")
        }
    }

    /// The data key of a participant stream, unwrapped; made and stored when `create` and absent.
    func dataKey(forStream stream: String, master: MasterKey, db: Database, create: Bool) throws -> DataKey? {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, wrapped FROM data_key WHERE stream = ?"), arguments: [stream]) {
            let id: String = row["id"]
            var bytes = try master.unwrap(Array(row["wrapped"] as Data), purpose: MasterKey.dataKeyPurpose(id))
            return try DataKey(id: id, bytes: &bytes)
        }
        guard create, let participant = Identifiers.participant(ofStream: stream) else { return nil }
        let key = DataKey.generate(id: "dk-\(participant)-1")
        var raw = key.rawBytes()
        let wrapped = master.wrap(raw, purpose: MasterKey.dataKeyPurpose(key.id))
        Sodium.zero(&raw)
        try db.execute(sql: "INSERT INTO data_key (id, stream, wrapped, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key.id, stream, Data(wrapped), Timestamp.now().description])
        return key
    }
}
