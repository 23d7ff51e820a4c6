import Dispatch

/// Verifies a log record by record, in one pass, with memory that does not hold records.
///
/// Feed it the record lines in order, in chunks: each chunk is read and its
/// signatures checked on every core, then the order-dependent rules (seq, prev,
/// version, unique ids, authority, stream life) run in sequence and the tree grows.
/// With `submit`, one chunk is read while the one before is checked in order.
/// The first failure stops it and names its seq; the verifier is then spent (its size and
/// root may already count the record that failed a caller's further check).
public final class LogVerifier {
    /// Which of the two logs is being verified.
    public enum Kind: Sendable {
        /// The event log: its directory decides who may sign.
        case events
        /// The access log of the event log `origin`: every record is the log key's.
        case access(origin: String, logKey: PublicKey)
    }

    public let kind: Kind
    public private(set) var size: UInt64 = 0
    public private(set) var directory = Directory()
    private var frontier = MerkleFrontier()
    private var previous = Hash.zero
    private var streamVersions: [String: UInt64] = [:]
    private var closedStreams = Set<String>()
    /// The ids seen so far; nil when the caller proves uniqueness itself (a store's
    /// unique index, checked against every record), which keeps memory flat.
    private var ids: EventIDSet?
    private var watchedSizes = Set<UInt64>()
    private var rootsAtWatchedSizes: [UInt64: Hash] = [:]
    private let workers: Int

    /// - Parameters:
    ///   - kind: events or access log.
    ///   - watch: tree sizes whose root should be kept (to check older checkpoints).
    ///   - workers: threads for parsing and signatures; defaults to the cores available.
    ///   - tracksIDs: keep every id in memory (16 bytes each) to refuse repeats; a caller
    ///     that proves uniqueness another way passes false.
    public init(kind: Kind, watch sizes: Set<UInt64> = [], workers: Int = LogVerifier.defaultWorkers, tracksIDs: Bool = true) {
        self.kind = kind
        if case .access(let origin, _) = kind { accessLogName = origin + "/access" } else { accessLogName = nil }
        ids = tracksIDs ? EventIDSet() : nil
        self.workers = max(1, workers)
        watchedSizes = sizes
        if sizes.contains(0) { rootsAtWatchedSizes[0] = MerkleTree.emptyRoot }
    }

    public static var defaultWorkers: Int {
        #if os(Linux)
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }

    /// The origin the records must name: the events log's, or `<origin>/access`.
    public var expectedLogName: String? { accessLogName ?? directory.origin }

    /// `<origin>/access` for the access log, made once rather than for every record; nil for the events log.
    private let accessLogName: String?

    /// The Merkle root of the records verified so far.
    public var root: Hash { frontier.root }

    /// The root of the tree at a watched size, once reached.
    public func root(atSize size: UInt64) -> Hash? { rootsAtWatchedSizes[size] }

    /// Verifies the next records, given as their lines (without newlines).
    ///
    /// - Parameter also: a further check of each record that passed the log's
    ///   rules, with its offset in `lines` and the subtrees it completes (a store
    ///   compares its columns and tree hashes here).
    public func consume(_ lines: [[UInt8]], also: Also? = nil) throws(IntegrityFailure) {
        try finish()
        try settle(ParseBatch(lines: lines, workers: workers, check: nil), also: also)
    }

    /// Hands the next records to the verifier and checks those handed before: the lines are
    /// read and their signatures checked on every core while the caller fetches the next
    /// ones. Call `finish()` after the last. A failure is thrown when it is reached in order,
    /// so it names the same seq as `consume` would.
    ///
    /// - Parameters:
    ///   - unordered: a check of each record that needs nothing from the records before it
    ///     (a store's columns against its line), run with the reading; its reason is thrown
    ///     after the log's rules pass for that record, as `also` would.
    ///   - also: a further check of each record that passed the log's rules, in order.
    public func submit(_ lines: [[UInt8]], unordered: (@Sendable (Int, ParsedRecord) -> String?)? = nil,
                       also: Also? = nil) throws(IntegrityFailure) {
        let batch = ParseBatch(lines: lines, workers: workers, check: unordered)
        let previous = pending
        pending = (batch, also)
        if let previous { try settle(previous.batch, also: previous.also) }
    }

    /// Checks the records still in flight from `submit`.
    public func finish() throws(IntegrityFailure) {
        guard let previous = pending else { return }
        pending = nil
        try settle(previous.batch, also: previous.also)
    }

    /// The batch handed over by `submit` and not checked yet, with its ordered check.
    private var pending: (batch: ParseBatch, also: Also?)?

    /// A further check of a record that passed the log's rules: its offset in the lines
    /// handed over, the record, and the subtrees its leaf completes (`MerkleFrontier.append`).
    /// Records reach the checks as verification reads them: a sealed payload's nonce and
    /// ciphertext checked, not decoded, and the signature checked, not kept (all three empty;
    /// `ParsedRecord(verifying:)`).
    public typealias Also = (_ offset: Int, _ record: ParsedRecord, _ completed: [MerkleFrontier.Node]) throws(LogFormatError) -> Void

    /// Checks a batch's records in order: the log's rules, the unordered check's finding, then `also`.
    private func settle(_ batch: ParseBatch, also: Also?) throws(IntegrityFailure) {
        batch.finish()
        for offset in 0..<batch.lines.count {
            let position = size
            let record: ParsedRecord, checked: String?
            do throws(LogFormatError) {
                (record, checked) = try batch.take()
            } catch {
                throw IntegrityFailure(seq: position, reason: "record at position \(position) is malformed: \(error.reason)")
            }
            do throws(LogFormatError) {
                try check(record, at: position)
                if let reason = checked { throw LogFormatError(reason) }
                let completed = advance(record.leafHash)
                try also?(offset, record, completed)
            } catch {
                throw IntegrityFailure(seq: position, reason: error.reason)
            }
        }
    }

    /// Grows the tree by one leaf; returns the subtrees it completes.
    private func advance(_ leafHash: Hash) -> [MerkleFrontier.Node] {
        let completed = frontier.append(leafHash)
        previous = leafHash
        size += 1
        if watchedSizes.contains(size) { rootsAtWatchedSizes[size] = frontier.root }
        return completed
    }

    private func check(_ parsed: ParsedRecord, at position: UInt64) throws(LogFormatError) {
        let envelope = parsed.record.envelope
        guard envelope.seq == position else { throw LogFormatError("seq \(envelope.seq) found at position \(position)") }
        if case .events = kind, position == 0 {
            // The origin is learned from log.created itself.
        } else if envelope.log != expectedLogName {
            throw LogFormatError("record names another log")
        }
        guard envelope.prev == previous else { throw LogFormatError("prev does not match the leaf hash of seq \(position &- 1)") }
        guard parsed.signatureValid else { throw LogFormatError("signature no longer matches") }
        guard ids?.insert(envelope.id) ?? true else { throw LogFormatError("id \(envelope.id) repeats an earlier event") }
        // The stream found once: its version is then advanced at that place, without hashing its name again.
        let known = streamVersions.index(forKey: envelope.stream)
        let expectedVersion = known.map { streamVersions.values[$0] } ?? 0
        guard envelope.version == expectedVersion else {
            throw LogFormatError("version \(envelope.version) found where stream \(envelope.stream) is at \(expectedVersion)")
        }
        guard closedStreams.isEmpty || !closedStreams.contains(envelope.stream) else {
            throw LogFormatError("stream \(envelope.stream) was closed by its erasure")
        }
        switch kind {
        case .events:
            guard envelope.stream != Identifiers.accessStream else { throw LogFormatError("access records belong to the access log") }
            try directory.admit(envelope)
        case .access(_, let logKey):
            guard envelope.stream == Identifiers.accessStream else { throw LogFormatError("access-log records must be in stream access") }
            guard envelope.author == Author(actor: Directory.logActor, key: logKey) else {
                throw LogFormatError("access-log records must be signed by the log key as actor log")
            }
        }
        try StreamRules.checkPayload(of: envelope)
        if StreamRules.closesStream(envelope) { closedStreams.insert(envelope.stream) }
        if let known { streamVersions.values[known] = expectedVersion + 1 } else { streamVersions[envelope.stream] = 1 }
    }

    /// Checks a signed checkpoint of this log against what was verified.
    ///
    /// The checkpoint must be signed by `verifier` (the log key under the log's
    /// name) and its root must equal the verified tree's at its size, which must
    /// be the full size or a watched one.
    public func check(checkpoint note: String, verifier: NoteVerifier) throws(IntegrityFailure) {
        try finish()
        let body: String
        let checkpoint: Checkpoint
        do {
            body = try verifier.open(note: note)
            checkpoint = try Checkpoint(body: body)
        } catch {
            throw IntegrityFailure(seq: size, reason: "checkpoint: \(error.reason)")
        }
        guard checkpoint.origin == verifier.name else { throw IntegrityFailure(seq: size, reason: "checkpoint names another log") }
        let root = checkpoint.size == size ? frontier.root : rootsAtWatchedSizes[checkpoint.size]
        guard let root else {
            throw IntegrityFailure(seq: min(size, checkpoint.size), reason: "checkpoint of size \(checkpoint.size) but the log has \(size) records")
        }
        guard root == checkpoint.root else {
            throw IntegrityFailure(seq: min(size, checkpoint.size) &- 1, reason: "tree root differs from the checkpoint of size \(checkpoint.size)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
