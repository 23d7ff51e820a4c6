import ParcoursLog

/// A log's signed checkpoint as the privacy officer reads it: the tree's size and root, that
/// the log key's signature verifies, and the names of the other signers — witnesses who
/// cosigned it (none until the program has some).
public struct SignedCheckpoint: Sendable, Equatable {
    public var size: UInt64
    public var root: Hash
    /// The signed note, whole (`LOG-FORMAT.md`).
    public var note: String
    /// The key names of the signatures beside the log key's, in the note's order.
    public var cosigners: [String]

    /// Reads `note`, refusing one whose log-key signature does not verify with `verifier`.
    public init(note: String, verifier: NoteVerifier) throws {
        let checkpoint = try Checkpoint(body: verifier.open(note: note))
        (size, root, self.note) = (checkpoint.size, checkpoint.root, note)
        let signatures = note.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        cosigners = signatures.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("— "), let name = line.dropFirst(2).split(separator: " ").first, name != verifier.name else { return nil }
            return String(name)
        }
    }
}
