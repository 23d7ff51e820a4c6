import Synchronization
import ParcoursLog

/// A `LogStore` in memory: the reference the SQLite store is held to by the
/// shared conformance suite, and a store for tests of what is built on the log.
/// Transactions work on a copy that replaces the state only when they succeed.
public final class MemoryLogStore: LogStore {
    struct LogState {
        var lines: [[UInt8]] = []
        var leaves: [Hash] = []
        var ids: [String: UInt64] = [:]
        var streams: [String: (version: UInt64, type: String)] = [:]
        var directoryLines: [[UInt8]] = []
        var tree: [Int: [UInt64: Hash]] = [:]
    }

    struct State {
        var logs: [LogKind: LogState] = [.events: LogState(), .access: LogState()]
        var dataKeys: [String: DataKey] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func withWriteTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try state.withLock { current in
            let transaction = MemoryLogTransaction(state: current, kind: log)
            let result = try body(transaction)
            current = transaction.state
            return result
        }
    }

    public func withReadTransaction<T>(on log: LogKind, _ body: (any LogTransaction) throws -> T) throws -> T {
        try body(MemoryLogTransaction(state: state.withLock { $0 }, kind: log))
    }
}

/// One log of a `MemoryLogStore` inside a transaction.
final class MemoryLogTransaction: LogTransaction {
    var state: MemoryLogStore.State
    let kind: LogKind

    init(state: MemoryLogStore.State, kind: LogKind) {
        self.state = state
        self.kind = kind
    }

    private var log: MemoryLogStore.LogState {
        get { state.logs[kind]! }
        set { state.logs[kind] = newValue }
    }

    func size() throws -> UInt64 { UInt64(log.lines.count) }

    func leafHash(at seq: UInt64) throws -> Hash {
        guard seq < log.leaves.count else { throw LogError.storeDamaged("no leaf \(seq)") }
        return log.leaves[Int(seq)]
    }

    func line(at seq: UInt64) throws -> [UInt8]? { seq < log.lines.count ? log.lines[Int(seq)] : nil }

    func subtreeHash(level: Int, index: UInt64) throws -> Hash {
        guard let hash = log.tree[level]?[index] else { throw LogError.storeDamaged("tree hash \(level)/\(index) is missing") }
        return hash
    }

    func seq(ofID id: String) throws -> UInt64? { log.ids[id] }

    func streamHead(_ stream: String) throws -> (version: UInt64, type: String)? { log.streams[stream] }

    func directoryCount() throws -> Int64 { Int64(log.directoryLines.count) }

    func directoryLines() throws -> [[UInt8]] { log.directoryLines }

    func dataKey(forStream stream: String, create: Bool) throws -> DataKey? {
        if let key = state.dataKeys[stream] { return key }
        guard create, let participant = Identifiers.participant(ofStream: stream) else { return nil }
        let key = DataKey.generate(id: "dk-\(participant)-1")
        state.dataKeys[stream] = key
        return key
    }

    func destroyDataKeys(forStream stream: String) throws { state.dataKeys[stream] = nil }

    func insert(_ record: LogRecord, line: [UInt8], leafHash: Hash, completing nodes: [MerkleFrontier.Node]) throws {
        let envelope = record.envelope
        guard envelope.seq == log.lines.count, log.ids[envelope.id] == nil else { throw LogError.storeDamaged("insert out of place") }
        log.lines.append(line)
        log.leaves.append(leafHash)
        log.ids[envelope.id] = envelope.seq
        log.streams[envelope.stream] = (envelope.version, envelope.type)
        if envelope.stream == Identifiers.directoryStream { log.directoryLines.append(line) }
        for node in nodes { log.tree[node.level, default: [:]][node.index] = node.hash }
    }
}
