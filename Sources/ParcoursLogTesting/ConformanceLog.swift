import ParcoursLog

/// A fresh log for one conformance check: a store whose event log holds only its
/// founding `log.created`, with the keys that may write to it.
///
/// A backend's test target makes one per check (see `LogStoreConformance.Factory`);
/// `founded(_:)` founds one on an empty store the way a new store is founded.
public struct ConformanceLog: Sendable {
    /// The store under test.
    public let store: any LogStore
    /// The log's origin, as `log.created` names it.
    public let origin: String
    /// The founding admin's key (actor `admin`).
    public let admin: SigningKey
    /// The log key: it signs checkpoints and access records.
    public let logKey: SigningKey
    /// Whatever must live as long as the store (e.g. a temporary directory's owner).
    public let owner: (any Sendable)?
    /// The log core's writer for this store.
    public let writer: LogWriter

    public init(store: any LogStore, origin: String, admin: SigningKey, logKey: SigningKey, owner: (any Sendable)? = nil) {
        self.store = store
        self.origin = origin
        self.admin = admin
        self.logKey = logKey
        self.owner = owner
        writer = LogWriter(origin: origin)
    }

    /// Founds a log on an empty store: `log.created` by a new admin `admin`, with a new log key.
    public static func founded(_ store: any LogStore, origin: String = "conformance.example/log") throws -> ConformanceLog {
        let log = ConformanceLog(store: store, origin: origin, admin: .generate(), logKey: .generate())
        let founding = EventDraft(type: "log.created", stream: "directory", data: [
            "origin": .string(origin), "logKey": .string(log.logKey.publicKey.base64),
            "admin": ["actor": "admin", "key": .string(log.admin.publicKey.base64)],
        ])
        _ = try log.writer.append([founding], by: log.author, signingKey: log.admin, to: store)
        return log
    }

    /// The founding admin as an author.
    public var author: Author { Author(actor: "admin", key: admin.publicKey) }

    /// Appends a batch signed by the founding admin.
    @discardableResult
    public func append(_ drafts: [EventDraft]) throws -> [AppendResult] {
        try writer.append(drafts, by: author, signingKey: admin, to: store)
    }

    /// Every line of a log, in seq order.
    public func lines(_ kind: LogKind = .events) throws -> [[UInt8]] {
        try store.withReadTransaction(on: kind) { transaction in
            try (0..<transaction.size()).map { seq in
                guard let line = try transaction.line(at: seq) else { throw LogError.storeDamaged("no line \(seq)") }
                return line
            }
        }
    }

    /// A small clear-or-sealed note (sealed in participant streams).
    public func note(_ stream: String = "participant/P-CONF01", _ value: Int64 = 0, id: String? = nil,
                     expectedVersion: UInt64? = nil) -> EventDraft {
        EventDraft(type: "note.added", stream: stream, data: ["n": .int(value)], id: id, expectedVersion: expectedVersion)
    }
}
