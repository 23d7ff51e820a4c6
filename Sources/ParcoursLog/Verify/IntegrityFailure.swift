/// The first place where a log stops verifying: the seq (or line position) and why.
public struct IntegrityFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The seq of the first bad record (its position in the log when the record is unreadable).
    public var seq: UInt64
    public var reason: String

    public init(seq: UInt64, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "seq \(seq): \(reason)" }
}
