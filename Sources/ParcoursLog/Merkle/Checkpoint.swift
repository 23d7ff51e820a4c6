/// A C2SP `tlog-checkpoint` body: origin, tree size and root hash, one per line.
public struct Checkpoint: Sendable, Equatable {
    public var origin: String
    public var size: UInt64
    public var root: Hash

    public init(origin: String, size: UInt64, root: Hash) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The three lines, each ending in `\n`.
    public var body: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// Parses a body exactly as `body` writes it; extension lines are refused.
    public init(body: String) throws(LogFormatError) {
        guard body.utf8.count <= 1024, body.hasSuffix("\n") else { throw LogFormatError("checkpoint body must end in a newline") }
        let lines = body.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3 else { throw LogFormatError("checkpoint body must be exactly origin, size and root lines") }
        let origin = String(lines[0])
        guard !origin.isEmpty, !origin.contains(" ") else { throw LogFormatError("checkpoint origin must be a non-empty name") }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else {
            throw LogFormatError("checkpoint size must be a decimal number without leading zeros")
        }
        guard let root = Hash(base64: String(lines[2])) else { throw LogFormatError("checkpoint root must be the base64 of 32 bytes") }
        self.init(origin: origin, size: size, root: root)
    }
}
