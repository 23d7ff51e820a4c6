/// An actor's id in the directory: 1 to 64 lowercase letters, digits, `.`, `_` or `-`,
/// starting with a letter or a digit (e.g. `clin-0001`). Checked where it enters, so that
/// nothing else — a name typed by mistake — reaches the signed logs in its place.
public struct ActorID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is not an actor id.
    public init?(_ text: String) {
        guard Identifiers.isActorID(text) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }

    public static func < (left: ActorID, right: ActorID) -> Bool { left.rawValue < right.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let id = ActorID(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an actor id such as clin-0001")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
