import Synchronization

/// Appends to a log through any `LogStore`: builds each envelope at the head,
/// seals participant streams, checks every rule the verifier will check (the
/// directory's authority, versions, closed streams) before the first insert,
/// signs, and keeps the tree hashes. One writer per store: it caches the
/// directory and the tree's frontier, and checks them against the store inside
/// each transaction before using them.
public final class LogWriter: Sendable {
    /// The log's origin name.
    public let origin: String
    private let cache = Mutex(Cache())

    private struct Cache {
        var directory = Directory()
        var directoryCount: Int64 = 0
        var frontiers: [LogKind: MerkleFrontier] = [:]
    }

    public init(origin: String) { self.origin = origin }

    /// The name a log's records carry in `envelope.log`.
    public func logName(_ kind: LogKind) -> String { kind == .events ? origin : origin + "/access" }

    /// Appends a batch to the event log atomically: all or nothing.
    ///
    /// A `participant.erased` draft destroys the stream's data keys in the same
    /// transaction. `extra` runs last inside the transaction, for what a store
    /// keeps beside the log (e.g. a new actor's sealed key).
    public func append(_ drafts: [EventDraft], by author: Author, signingKey: SigningKey, to store: any LogStore,
                       now: @escaping @Sendable () -> Timestamp = Timestamp.now,
                       alsoInTransaction extra: ((any LogTransaction) throws -> Void)? = nil) throws -> [AppendResult] {
        try append(preparing: { _ in drafts }, by: author, signingKey: signingKey, to: store, now: now, alsoInTransaction: extra)
    }

    /// Appends a batch that `prepare` draws up inside the write transaction, from what the
    /// store holds once the writer's lock is taken: writers that decide from the record
    /// (its version, its rules' state) are serialized, and none decides on a stale read.
    public func append(preparing prepare: (any LogTransaction) throws -> [EventDraft], by author: Author, signingKey: SigningKey,
                       to store: any LogStore, now: @escaping @Sendable () -> Timestamp = Timestamp.now,
                       alsoInTransaction extra: ((any LogTransaction) throws -> Void)? = nil) throws -> [AppendResult] {
        var committed: (Directory, Int64, MerkleFrontier)?
        let results = try store.withWriteTransaction(on: .events) { transaction in
            let drafts = try prepare(transaction)
            guard !drafts.isEmpty else { throw LogError.invalidInput(field: "events", reason: "at least one event is needed") }
            var head = try self.head(transaction, kind: .events)
            var (directory, count) = try self.directory(transaction)
            var batch = Batch(next: head.size)
            // Each envelope is signed on the second core as soon as it is checked, while the next ones are checked and sealed.
            let chain = ChainSigner(key: signingKey, after: head.previous, concurrent: drafts.count > 1)
            defer { chain.cancel() }
            func inBatch(_ index: Int, _ body: () throws -> Void) throws {
                do { try body() } catch let error as LogError where drafts.count > 1 { throw LogError.inBatch(event: index + 1, error) }
            }
            var planned: [Planned] = []
            for (index, draft) in drafts.enumerated() {
                try inBatch(index) {
                    planned.append(try plan(draft, index: index, author: author, now: now, transaction: transaction, directory: &directory,
                                            batch: &batch, chain: chain))
                }
            }
            chain.close()
            var results: [AppendResult] = []
            for (index, plan) in planned.enumerated() {
                switch plan {
                case .existing(let result): results.append(result)
                case .repeats(let earlier):
                    var repeated = results[earlier]
                    repeated.existing = true
                    results.append(repeated)
                case .new(let stream, let closesStream):
                    try inBatch(index) {
                        results.append(try insert(chain.next(), transaction: transaction, head: &head))
                        if closesStream { try transaction.destroyDataKeys(forStream: stream) }
                    }
                }
            }
            try extra?(transaction)
            committed = (directory, count + batch.directoryEvents, head.frontier)
            return results
        }
        if let (directory, count, frontier) = committed {
            cache.withLock {
                $0.directory = directory
                $0.directoryCount = count
                $0.frontiers[.events] = frontier
            }
        }
        return results
    }

    /// Appends one record to the access log, signed by the log key as actor `log`.
    public func appendAccess(type: String, data: [String: JSONValue], logKey: SigningKey, to store: any LogStore) throws -> AppendResult {
        try appendAccess([(type, data)], logKey: logKey, to: store)[0]
    }

    /// Whether `type` names an access-log record: `access.` and a valid event type.
    public static func isAccessType(_ type: String) -> Bool { Identifiers.isEventType(type) && type.hasPrefix("access.") }

    /// Appends several access records in one transaction (one sync): all or none. Group
    /// commit uses it to make many readers' records durable together.
    public func appendAccess(_ records: [(type: String, data: [String: JSONValue])], logKey: SigningKey,
                             to store: any LogStore) throws -> [AppendResult] {
        for record in records where !Self.isAccessType(record.type) {
            throw LogError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read")
        }
        var frontier: MerkleFrontier?
        let results = try store.withWriteTransaction(on: .access) { transaction in
            let (results, head) = try insertAccess(records, logKey: logKey, into: transaction)
            frontier = head.frontier
            return results
        }
        cache.withLock { $0.frontiers[.access] = frontier }
        return results
    }

    /// Appends access records inside a transaction the caller already holds on the access
    /// log of the same store: what is written beside them (a write under break-glass, a
    /// care-team change) and its access record are durable together or not at all.
    public func appendAccess(_ records: [(type: String, data: [String: JSONValue])], logKey: SigningKey,
                             in transaction: any LogTransaction) throws -> [AppendResult] {
        for record in records where !Self.isAccessType(record.type) {
            throw LogError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read")
        }
        // The cached frontier is checked against the log's size before each use, so it needs no update here.
        return try insertAccess(records, logKey: logKey, into: transaction).0
    }

    private func insertAccess(_ records: [(type: String, data: [String: JSONValue])], logKey: SigningKey,
                              into transaction: any LogTransaction) throws -> ([AppendResult], Head) {
        var head = try self.head(transaction, kind: .access)
        var results: [AppendResult] = []
        for record in records {
            let recordedAt = Timestamp.now()
            let envelope = Envelope(log: logName(.access), seq: head.size, id: Identifiers.newTimeOrderedEventID(at: recordedAt),
                                    stream: Identifiers.accessStream, version: head.size, type: record.type, recordedAt: recordedAt,
                                    author: Author(actor: Directory.logActor, key: logKey.publicKey), prev: head.previous,
                                    payload: .clear(record.data))
            results.append(try insert(ChainSigner.sign(envelope, after: head.previous, with: logKey), transaction: transaction, head: &head))
        }
        return (results, head)
    }

    /// The directory as of the log's head (replayed only when it changed).
    public func directory(_ transaction: any LogTransaction) throws -> (Directory, Int64) {
        let count = try transaction.directoryCount()
        if let cached = cache.withLock({ $0.directoryCount == count && count > 0 ? $0.directory : nil }) {
            return (cached, count)
        }
        var directory = Directory()
        for line in try transaction.directoryLines() {
            let envelope: Envelope
            do { envelope = try ParsedRecord(line: line, checkSignature: false).record.envelope } catch {
                throw LogError.storeDamaged("a directory record does not parse")
            }
            do { try directory.admit(envelope) } catch {
                throw LogError.storeDamaged("directory record \(envelope.seq): \(error.reason)")
            }
        }
        cache.withLock {
            $0.directory = directory
            $0.directoryCount = count
        }
        return (directory, count)
    }

    // MARK: - One event

    private struct Head {
        var size: UInt64
        var previous: Hash
        var frontier: MerkleFrontier
    }

    private struct Batch {
        /// The seq of the next new record.
        var next: UInt64
        /// The drafts of the batch that made a new record, by id: their place in the batch.
        var byID: [String: (EventDraft, Int)] = [:]
        var streams: [String: (next: UInt64, closed: Bool)] = [:]
        var dataKeys: [String: DataKey] = [:]
        var directoryEvents: Int64 = 0
    }

    /// What a draft of a batch comes to, decided before any record is inserted.
    private enum Planned {
        /// The store already holds this same event: nothing is written.
        case existing(AppendResult)
        /// The same event as the draft at that place of the batch: nothing more is written.
        case repeats(Int)
        /// A new record, its envelope handed to the chain; a `participant.erased` closes its stream.
        case new(stream: String, closesStream: Bool)
    }

    private func head(_ transaction: any LogTransaction, kind: LogKind) throws -> Head {
        let size = try transaction.size()
        let previous = size == 0 ? Hash.zero : try transaction.leafHash(at: size - 1)
        if let cached = cache.withLock({ $0.frontiers[kind] }), cached.size == size {
            return Head(size: size, previous: previous, frontier: cached)
        }
        return Head(size: size, previous: previous, frontier: try MerkleFrontier(size: size, reader: transaction.hashReader))
    }

    /// Checks a draft against the record and the batch before it, seals it and hands its
    /// envelope to the chain; or finds that it repeats an event already recorded.
    private func plan(_ draft: EventDraft, index: Int, author: Author, now: () -> Timestamp, transaction: any LogTransaction,
                      directory: inout Directory, batch: inout Batch, chain: ChainSigner) throws -> Planned {
        if let id = draft.id {
            if let (earlier, place) = batch.byID[id] {
                guard earlier.type == draft.type, earlier.stream == draft.stream, earlier.data == draft.data else {
                    throw LogError.idConflict(id: id)
                }
                return .repeats(place)
            }
            if let seq = try transaction.seq(ofID: id) {
                return .existing(try existing(seq: seq, matching: draft, transaction: transaction, batch: batch))
            }
        }
        if batch.next > 0 {
            guard let actor = directory.actors[author.actor] else { throw LogError.unknownActor(author.actor) }
            guard actor.active else { throw LogError.revokedActor(author.actor) }
            guard actor.key == author.key else { throw LogError.keyUnavailable(actor: author.actor) }
        }
        let position = try batch.streams[draft.stream] ?? streamPosition(draft.stream, transaction: transaction)
        guard !position.closed else { throw LogError.streamClosed(stream: draft.stream) }
        if let expected = draft.expectedVersion, expected != position.next {
            throw LogError.staleExpectedVersion(stream: draft.stream, expected: expected, actual: position.next)
        }
        let id = draft.id ?? Identifiers.newEventID()
        let payload: Payload
        if Identifiers.participant(ofStream: draft.stream) != nil && draft.type != StreamRules.participantErased {
            var plaintext = CanonicalJSON.encode(.object(draft.data))
            defer { Sodium.zero(&plaintext) }
            guard plaintext.count <= EventDraft.maxDataBytes else { throw LogError.payloadTooLarge(limit: EventDraft.maxDataBytes) }
            guard let key = try batch.dataKeys[draft.stream] ?? transaction.dataKey(forStream: draft.stream, create: true) else {
                throw LogError.masterKeyRequired
            }
            batch.dataKeys[draft.stream] = key
            payload = .sealed(SealedPayload.seal(plaintext: plaintext, with: key, id: id, log: origin, stream: draft.stream,
                                                 version: position.next))
        } else {
            guard CanonicalJSON.encode(.object(draft.data)).count <= EventDraft.maxDataBytes else {
                throw LogError.payloadTooLarge(limit: EventDraft.maxDataBytes)
            }
            payload = .clear(draft.data)
        }
        // `prev` is the chain's to set: the leaf hash of the record before, known once that one is signed.
        let envelope = Envelope(log: origin, seq: batch.next, id: id, stream: draft.stream, version: position.next, type: draft.type,
                                schema: draft.schema, recordedAt: now(), author: author, prev: .zero, payload: payload)
        do {
            try directory.admit(envelope)
            try StreamRules.checkPayload(of: envelope)
        } catch {
            throw LogError.notPermitted(actor: author.actor, reason: "write this: \(error.reason)")
        }
        chain.submit(envelope)
        let closesStream = StreamRules.closesStream(envelope)
        if closesStream { batch.dataKeys[envelope.stream] = nil }
        batch.streams[draft.stream] = (position.next + 1, closesStream)
        batch.byID[id] = (draft, index)
        batch.next += 1
        if draft.stream == Identifiers.directoryStream { batch.directoryEvents += 1 }
        return .new(stream: envelope.stream, closesStream: closesStream)
    }

    private func streamPosition(_ stream: String, transaction: any LogTransaction) throws -> (next: UInt64, closed: Bool) {
        guard let head = try transaction.streamHead(stream) else { return (0, false) }
        return (head.version + 1, head.type == StreamRules.participantErased)
    }

    /// The stored event an id names, if it says the same as the draft (same stream, type and data).
    /// A stream the batch erases has lost its key for what comes after the erasure, as when
    /// each record was inserted before the next draft was checked.
    private func existing(seq: UInt64, matching draft: EventDraft, transaction: any LogTransaction, batch: Batch) throws -> AppendResult {
        guard let line = try transaction.line(at: seq) else { throw LogError.storeDamaged("record \(seq) is missing") }
        let parsed: ParsedRecord
        do { parsed = try ParsedRecord(line: line, checkSignature: false) } catch {
            throw LogError.storeDamaged("record \(seq) does not parse")
        }
        let envelope = parsed.record.envelope
        let same: Bool
        switch envelope.payload {
        case .clear(let data): same = data == draft.data
        case .sealed(let sealed):
            guard batch.streams[envelope.stream]?.closed != true,
                  let key = try transaction.dataKey(forStream: envelope.stream, create: false) else {
                throw LogError.streamClosed(stream: envelope.stream)
            }
            same = try sealed.open(with: key, envelope: envelope) == draft.data
        }
        guard same, envelope.stream == draft.stream, envelope.type == draft.type, envelope.schema == draft.schema else {
            throw LogError.idConflict(id: envelope.id)
        }
        return AppendResult(seq: seq, id: envelope.id, stream: envelope.stream, version: envelope.version, leafHash: parsed.leafHash,
                            existing: true)
    }

    private func insert(_ signed: ChainSigner.Signed, transaction: any LogTransaction, head: inout Head) throws -> AppendResult {
        let (record, line, leaf) = (signed.record, signed.line, signed.leaf)
        let envelope = record.envelope
        precondition(envelope.seq == head.size && envelope.prev == head.previous)
        try transaction.insert(record, line: line, leafHash: leaf, completing: head.frontier.append(leaf))
        head.size += 1
        head.previous = leaf
        return AppendResult(seq: envelope.seq, id: envelope.id, stream: envelope.stream, version: envelope.version, leafHash: leaf,
                            existing: false)
    }
}
