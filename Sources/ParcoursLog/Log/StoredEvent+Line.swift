extension StoredEvent {
    /// An event of a stream read back from its line as stored, whatever the backend: its
    /// content opened with the stream's data `key` when the record was sealed under it, marked
    /// erased when the key is gone (`masterGiven`), and refused without the master key.
    public init(storedLine line: [UInt8], seq: Int64, key: DataKey?, masterGiven: Bool) throws {
        let envelope: Envelope
        do { envelope = try ParsedRecord(line: line, checkSignature: false).record.envelope } catch {
            throw LogError.storeDamaged("record \(seq) does not parse")
        }
        switch envelope.payload {
        case .clear(let data): self.init(envelope: envelope, content: .clear(data))
        case .sealed(let sealed):
            if let key, sealed.keyID == key.id {
                self.init(envelope: envelope, content: .opened(try sealed.open(with: key, envelope: envelope)))
            } else if !masterGiven {
                throw LogError.masterKeyRequired
            } else {
                self.init(envelope: envelope, content: .erased)
            }
        }
    }
}
