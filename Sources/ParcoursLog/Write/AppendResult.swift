/// The outcome of one appended (or idempotently found) event.
public struct AppendResult: Sendable, Equatable {
    public var seq: UInt64
    public var id: String
    public var stream: String
    public var version: UInt64
    public var leafHash: Hash
    /// True when the id already named this same event: nothing was written.
    public var existing: Bool

    public init(seq: UInt64, id: String, stream: String, version: UInt64, leafHash: Hash, existing: Bool) {
        self.seq = seq
        self.id = id
        self.stream = stream
        self.version = version
        self.leafHash = leafHash
        self.existing = existing
    }

    public var json: JSONValue {
        ["seq": .int(Int64(seq)), "id": .string(id), "stream": .string(stream), "version": .int(Int64(version)),
         "leafHash": .string(leafHash.hex), "existing": .bool(existing)]
    }
}
