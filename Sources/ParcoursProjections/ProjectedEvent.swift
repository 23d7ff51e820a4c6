import Foundation
import ParcoursLog

/// One event of a participant's stream, as projections read it: the envelope's
/// metadata and the plaintext of its payload.
public struct ProjectedEvent: Sendable {
    public var seq: UInt64
    public var id: String
    public var participant: String
    public var version: UInt64
    public var type: String
    public var schema: Int64
    public var author: String
    public var recordedAt: String
    /// The canonical JSON of the payload's data; nil when its key was destroyed (erased).
    public var payload: Data?

    public init(seq: UInt64, id: String, participant: String, version: UInt64, type: String, schema: Int64, author: String,
                recordedAt: String, payload: Data?) {
        (self.seq, self.id, self.participant, self.version, self.type) = (seq, id, participant, version, type)
        (self.schema, self.author, self.recordedAt, self.payload) = (schema, author, recordedAt, payload)
    }
}

extension ProjectedEvent {
    /// Parses a stored record and opens its payload with the key `key(participant)` gives.
    public static func parse(seq: Int64, line: Data, key: (String) throws -> DataKey?) throws -> ProjectedEvent {
        let envelope: Envelope
        do {
            envelope = try line.withUnsafeBytes { bytes throws(LogFormatError) in try Envelope(line: bytes.bindMemory(to: UInt8.self)) }
        } catch {
            throw LogError.storeDamaged("record \(seq) does not parse")
        }
        guard let participant = Identifiers.participant(ofStream: envelope.stream) else {
            throw LogError.storeDamaged("record \(seq) is not in a participant stream")
        }
        var payload: Data?
        switch envelope.payload {
        case .clear(let data): payload = Data(CanonicalJSON.encode(.object(data)))
        case .sealed(let sealed):
            if let key = try key(participant), key.id == sealed.keyID {
                do {
                    var plaintext = try sealed.plaintext(with: key, envelope: envelope)
                    payload = Data(plaintext)
                    Sodium.zero(&plaintext)
                } catch {
                    throw LogError.storeDamaged("record \(seq) does not open with its data key")
                }
            }
        }
        return ProjectedEvent(seq: envelope.seq, id: envelope.id, participant: participant, version: envelope.version,
                              type: envelope.type, schema: envelope.schema, author: envelope.author.actor,
                              recordedAt: envelope.recordedAt.description, payload: payload)
    }
}
