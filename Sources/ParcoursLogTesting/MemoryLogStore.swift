import ParcoursLog
import Synchronization

/// A `LogStore` in memory: the reference the SQLite store is held to by the
/// shared conformance suite, and a store for tests of what is built on the log.
/// Transactions work on a copy that replaces the state only when they succeed;
/// write transactions hold the lock throughout, so appends are serialized.
public final class MemoryLogStore: LogStore {
    struct LogState {
        var records: [StoredRecord] = []
        var ids: [String: UInt64] = [:]
        var streams: [String: (first: UInt64, last: UInt64, version: UInt64, type: String)] = [:]
        var directoryLines: [[UInt8]] = []
        var tree: [Subtree: Hash] = [:]
        var checkpoints: [UInt64: String] = [:]
    }

    struct State {
        var logs: [LogKind: LogState] = [.events: LogState(), .access: LogState()]
        var dataKeys: [String: DataKey] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try state.withLock { current in
            let snapshot = MemorySnapshot(current)
            let result = try body(MemoryLogTransaction(snapshot, kind: log))
            current = snapshot.state
            return result
        }
    }

    public func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try body(MemoryLogTransaction(MemorySnapshot(state.withLock { $0 }), kind: log))
    }
}

/// The state a transaction works on, shared by its views of each log.
final class MemorySnapshot {
    var state: MemoryLogStore.State
    init(_ state: MemoryLogStore.State) { self.state = state }
}

/// One log of a `MemoryLogStore` inside a transaction.
struct MemoryLogTransaction: LogTransaction {
    let snapshot: MemorySnapshot
    let kind: LogKind

    init(_ snapshot: MemorySnapshot, kind: LogKind) {
        self.snapshot = snapshot
        self.kind = kind
    }

    private var log: MemoryLogStore.LogState {
        get { snapshot.state.logs[kind]! }
        nonmutating set { snapshot.state.logs[kind] = newValue }
    }

    func size() throws -> UInt64 { UInt64(log.records.count) }

    func leafHash(at seq: UInt64) throws -> Hash {
        guard seq < log.records.count, let hash = log.records[Int(seq)].leafHash else {
            throw LogError.storeDamaged("no leaf \(seq)")
        }
        return hash
    }

    func line(at seq: UInt64) throws -> [UInt8]? { seq < log.records.count ? log.records[Int(seq)].line : nil }

    func subtreeHash(level: Int, index: UInt64) throws -> Hash {
        guard let hash = log.tree[Subtree(level: level, index: index)] else { throw LogError.storeDamaged("tree hash \(level)/\(index) is missing") }
        return hash
    }

    func seq(ofID id: String) throws -> UInt64? { log.ids[id] }

    func streamHead(_ stream: String) throws -> (version: UInt64, type: String)? { log.streams[stream].map { ($0.version, $0.type) } }

    func directoryCount() throws -> Int64 { Int64(log.directoryLines.count) }

    func directoryLines() throws -> [[UInt8]] { log.directoryLines }

    func dataKey(forStream stream: String, create: Bool) throws -> DataKey? {
        if let key = snapshot.state.dataKeys[stream] { return key }
        guard create, let participant = Identifiers.participant(ofStream: stream) else { return nil }
        let key = DataKey.generate(id: "dk-\(participant)-1")
        snapshot.state.dataKeys[stream] = key
        return key
    }

    func destroyDataKeys(forStream stream: String) throws { snapshot.state.dataKeys[stream] = nil }

    func insert(_ record: LogRecord, line: [UInt8], leafHash: Hash, completing nodes: [MerkleFrontier.Node]) throws {
        let envelope = record.envelope
        guard envelope.seq == log.records.count, log.ids[envelope.id] == nil else { throw LogError.storeDamaged("insert out of place") }
        log.records.append(StoredRecord(record, line: line, leafHash: leafHash))
        log.ids[envelope.id] = envelope.seq
        let first = log.streams[envelope.stream]?.first ?? envelope.seq
        log.streams[envelope.stream] = (first, envelope.seq, envelope.version, envelope.type)
        if envelope.stream == Identifiers.directoryStream { log.directoryLines.append(line) }
        for node in nodes { log.tree[Subtree(level: node.level, index: node.index)] = node.hash }
    }

    // MARK: Reads

    func onLog(_ kind: LogKind) -> any LogTransaction { MemoryLogTransaction(snapshot, kind: kind) }

    func lines(from start: UInt64, to end: UInt64, chunk: Int, _ body: ([[UInt8]]) throws -> Void) throws {
        let records = log.records
        let end = min(Int(end), records.count)
        for offset in stride(from: Int(start), to: end, by: chunk) {
            try body(records[offset..<min(end, offset + chunk)].map(\.line))
        }
    }

    func storedRecords(chunk: Int, _ body: ([StoredRecord]) throws -> Void) throws {
        let records = log.records
        for offset in stride(from: 0, to: records.count, by: chunk) {
            try body(Array(records[offset..<min(records.count, offset + chunk)]))
        }
    }

    func subtreeHashes(_ subtrees: [Subtree]) throws -> [Hash] {
        try subtrees.map { try subtreeHash(level: $0.level, index: $0.index) }
    }

    func subtreeHashes(level: Int, indices: Range<UInt64>) throws -> [Hash?] {
        indices.map { log.tree[Subtree(level: level, index: $0)] }
    }

    func subtreeHashCount() throws -> UInt64 { UInt64(log.tree.count) }

    /// Ids are a dictionary's keys here: none can repeat.
    func firstRepeatedID() throws -> UInt64? { nil }

    func checkpoints() throws -> [String] { log.checkpoints.sorted { $0.key < $1.key }.map(\.value) }

    func checkpoint(size: UInt64) throws -> String? { log.checkpoints[size] }

    func latestCheckpoint() throws -> String? { log.checkpoints.max { $0.key < $1.key }?.value }

    func keep(checkpoint note: String, size: UInt64) throws {
        guard log.checkpoints[size] == nil else { throw LogError.storeDamaged("a checkpoint of size \(size) is already kept") }
        log.checkpoints[size] = note
    }

    func participantStreams(_ body: (ParticipantStreamSpan) throws -> Void) throws {
        for (stream, span) in log.streams.sorted(by: { $0.key < $1.key }) where stream.hasPrefix(Identifiers.participantStreamPrefix) {
            try body(ParticipantStreamSpan(stream: stream, firstSeq: span.first, lastSeq: span.last, lastType: span.type))
        }
    }

    func dataKeyIDs(forStream stream: String) throws -> [String] { snapshot.state.dataKeys[stream].map { [$0.id] } ?? [] }

    func orphanDataKeyStream() throws -> String? {
        snapshot.state.dataKeys.keys.sorted().first { snapshot.state.logs[.events]!.streams[$0] == nil }
    }
}
