/// A participant's pseudonymous id, `P-` then 4 to 16 uppercase letters or digits (e.g.
/// `P-7Q4K2M`): checked once, where it enters, then carried as a type, never as a string
/// a later layer has to doubt.
public struct ParticipantID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is not a participant id.
    public init?(_ text: String) {
        guard Identifiers.isParticipantID(text) else { return nil }
        rawValue = text
    }

    /// The participant's stream in the log.
    public var stream: String { Identifiers.participantStreamPrefix + rawValue }

    public var description: String { rawValue }

    public static func < (left: ParticipantID, right: ParticipantID) -> Bool { left.rawValue < right.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ParticipantID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a participant id such as P-7Q4K2M")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
