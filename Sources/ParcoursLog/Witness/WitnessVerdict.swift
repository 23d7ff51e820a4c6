/// What a witness answers to an `add-checkpoint` request (C2SP `tlog-witness`), decided from
/// the request, the logs it witnesses and the tree it last cosigned of that log — nothing else,
/// so the decision is tested without a network or a disk.
public enum WitnessVerdict: Sendable, Equatable {
    /// 200: cosign; the witness must persist `tree` before answering `lines`.
    case cosign(tree: WitnessedTree, body: String)
    /// 400: the request is malformed (or the old size exceeds the checkpoint's).
    case malformed(String)
    /// 403: no signature by the log's key verifies, or one by it fails.
    case forbidden(String)
    /// 404: the witness does not witness this origin.
    case unknownLog
    /// 409: the old size is not the size the witness last cosigned, which it states.
    case conflict(size: UInt64)
    /// 422: the consistency proof (or the empty tree's root) does not hold: a fork or a rewrite.
    case inconsistent(String)

    /// Decides a request body for a witness that knows `logs` and last cosigned `latest(origin)`.
    /// `now` is the POSIX time the cosignature carries.
    public static func decide(body: String, logs: [NoteVerifier], latest: (String) throws -> WitnessedTree?,
                              signer: WitnessSigner, now: UInt64) rethrows -> WitnessVerdict {
        let request: AddCheckpointRequest
        let parsed: SignedNote
        let origin: String
        do throws(LogFormatError) {
            request = try AddCheckpointRequest(body: body)
            parsed = try SignedNote(parsing: request.note)
            guard let firstLine = parsed.text.split(separator: "\n", omittingEmptySubsequences: false).first, !firstLine.isEmpty else {
                return .malformed("the checkpoint has no origin line")
            }
            origin = String(firstLine)
        } catch {
            return .malformed(error.reason)
        }
        let keys = logs.filter { $0.name == origin }
        guard !keys.isEmpty else { return .unknownLog }
        var body: String?
        for key in keys where parsed.signatures.contains(where: { $0.name == key.name && $0.keyID == key.keyID }) {
            // A line claiming a trusted key must verify: otherwise the note is malformed (signed-note).
            guard let opened = try? key.open(note: request.note) else { return .forbidden("a signature by the log's key does not verify") }
            body = opened
        }
        guard let body else { return .forbidden("no signature by a key the witness trusts for this log") }
        let checkpoint: Checkpoint
        do throws(LogFormatError) { checkpoint = try Checkpoint(body: body) } catch { return .malformed(error.reason) }
        guard request.oldSize <= checkpoint.size else { return .malformed("the old size exceeds the checkpoint's size") }
        let known = try latest(origin)
        guard request.oldSize == (known?.size ?? 0) else { return .conflict(size: known?.size ?? 0) }
        if checkpoint.size == 0, checkpoint.root != MerkleTree.emptyRoot { return .inconsistent("a tree of size 0 must have the empty root") }
        if let known, known.size > 0 {
            guard MerkleTree.verifyConsistency(from: known.size, to: checkpoint.size, fromRoot: known.root, toRoot: checkpoint.root,
                                               proof: request.proof)
            else { return .inconsistent("the consistency proof does not verify") }
        } else if !request.proof.isEmpty {
            return .inconsistent("from size 0 the consistency proof must be empty")
        }
        let cosignature = signer.cosign(body: body, timestamp: now)
        return .cosign(tree: WitnessedTree(origin: origin, size: checkpoint.size, root: checkpoint.root, note: request.note),
                       body: cosignature.line)
    }
}

/// The latest checkpoint a witness cosigned of one log: what it keeps, per origin.
public struct WitnessedTree: Sendable, Equatable {
    public var origin: String
    public var size: UInt64
    public var root: Hash
    /// The log-signed note it verified (served back to monitors).
    public var note: String

    public init(origin: String, size: UInt64, root: Hash, note: String) {
        (self.origin, self.size, self.root, self.note) = (origin, size, root, note)
    }
}
