/// The body of a C2SP `tlog-witness` `POST <prefix>/add-checkpoint`: the size the client
/// believes the witness last cosigned, a consistency proof from there, and the signed checkpoint.
///
///     old <size>
///     <base64 proof hash>      (0 to 63 lines)
///                              (an empty line)
///     <signed checkpoint note>
///
/// `body` and `init(body:)` are the one pair; non-canonical input is refused.
public struct AddCheckpointRequest: Sendable, Equatable {
    /// The most proof lines a client may send.
    public static let maxProofHashes = 63
    /// The largest body accepted.
    public static let maxBytes = SignedNote.maxBytes + 64 * 46 + 32

    public var oldSize: UInt64
    public var proof: [Hash]
    /// The signed checkpoint, as a note.
    public var note: String

    public init(oldSize: UInt64, proof: [Hash], note: String) {
        (self.oldSize, self.proof, self.note) = (oldSize, proof, note)
    }

    /// The request body.
    public var body: String { "old \(oldSize)\n" + proof.map { $0.base64 + "\n" }.joined() + "\n" + note }

    /// Parses a request body, refusing a size with leading zeros, a proof line that is not the
    /// canonical base64 of 32 bytes, more than 63 of them, or no empty line before the note.
    public init(body: String) throws(LogFormatError) {
        guard body.utf8.count <= Self.maxBytes else { throw LogFormatError("add-checkpoint body longer than \(Self.maxBytes) bytes") }
        var lines = body.split(separator: "\n", maxSplits: Self.maxProofHashes + 2, omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), first.hasPrefix("old "), let size = UInt64(first.dropFirst(4)), String(size) == first.dropFirst(4) else {
            throw LogFormatError("add-checkpoint: the first line must be `old <size>`, a decimal without leading zeros")
        }
        var proof: [Hash] = []
        while let line = lines.first, !line.isEmpty {
            guard proof.count < Self.maxProofHashes else { throw LogFormatError("add-checkpoint: at most 63 proof lines") }
            guard let hash = Hash(base64: String(line)) else { throw LogFormatError("add-checkpoint: a proof line must be the base64 of 32 bytes") }
            proof.append(hash)
            lines = lines.dropFirst()
        }
        guard lines.popFirst() != nil, let rest = lines.first else {
            throw LogFormatError("add-checkpoint: an empty line must separate the proof from the checkpoint")
        }
        self.init(oldSize: size, proof: proof, note: String(body[rest.startIndex...]))
    }
}
