/// Why a verification did not conclude that the log is intact.
public enum VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log is not intact: the first bad record of the named log (`events` or `access`).
    case integrity(log: String, IntegrityFailure)
    /// The input could not be read (missing file, unreadable store): no verdict.
    case unreadable(String)

    public var description: String {
        switch self {
        case .integrity(let log, let failure): "\(log) log, \(failure)"
        case .unreadable(let reason): reason
        }
    }
}

/// What a successful verification established about one log.
public struct LogSummary: Sendable, Equatable {
    public var size: UInt64
    public var root: Hash

    public init(size: UInt64, root: Hash) {
        self.size = size
        self.root = root
    }

    public var json: JSONValue { ["size": .int(Int64(size)), "root": .string(root.hex)] }
}
