/// Why bytes are not a well-formed part of the log format.
///
/// Names the member at fault and what would be accepted; never echoes content.
public struct LogFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
