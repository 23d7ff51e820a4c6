import Foundation
import ParcoursLog

/// One participant's stream as stored, with the data key that opens it (nil once erased).
public struct StoredStream: Sendable {
    public let stream: String
    public let participant: String
    public let key: DataKey?
    public var records: [(seq: Int64, line: Data)] = []

    public init(stream: String, participant: String, key: DataKey?) {
        self.stream = stream
        self.participant = participant
        self.key = key
    }

    /// The number of records.
    public var count: Int { records.count }

    /// The records parsed and opened, in stream order; safe to call on any thread.
    public func events() throws -> [ProjectedEvent] {
        try records.map { record in
            try ProjectedEvent.parse(seq: record.seq, line: record.line) { owner in
                guard owner == participant else { throw LogError.storeDamaged("record \(record.seq) is not in its stream") }
                return key
            }
        }
    }
}
