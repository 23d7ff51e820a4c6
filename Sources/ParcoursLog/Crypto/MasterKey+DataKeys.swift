extension MasterKey {
    /// A stream's data key from the bytes a store keeps, wrapped under this key.
    public func openDataKey(id: String, wrapped: [UInt8]) throws -> DataKey {
        var bytes = try unwrap(wrapped, purpose: Self.dataKeyPurpose(id))
        return try DataKey(id: id, bytes: &bytes)
    }

    /// A new data key for a participant's stream and its bytes wrapped under this key, for the
    /// store to keep; nil for a stream that is no participant's. The clear bytes are zeroed.
    public func newDataKey(forStream stream: String) -> (key: DataKey, wrapped: [UInt8])? {
        guard let participant = Identifiers.participant(ofStream: stream) else { return nil }
        let key = DataKey.generate(id: "dk-\(participant)-1")
        var raw = key.rawBytes()
        defer { Sodium.zero(&raw) }
        return (key, wrap(raw, purpose: Self.dataKeyPurpose(key.id)))
    }
}
