/// Verifies a store completely through `LogStore`, in one read snapshot of both logs.
///
/// Every record of both logs against the format and authority rules (`LogVerifier`,
/// streamed in chunks with flat memory), every stored column against its record, every
/// stored tree hash against the records, every kept signed checkpoint, and with `since`,
/// that the log extends that older checkpoint. Every participant stream not erased must
/// hold exactly one data key (with `unwrapKeys`, one that unwraps and opens the stream),
/// and no erased stream may keep one.
public struct StoreVerifier: Sendable {
    /// The origin and log key the store says it keeps (beside the log): `log.created` must name them.
    public let origin: String
    public let logKey: PublicKey

    public init(origin: String, logKey: PublicKey) {
        self.origin = origin
        self.logKey = logKey
    }

    private func checkpoints(_ log: LogKind) -> LogCheckpoints { LogCheckpoints(log: log, origin: origin, logKey: logKey) }

    /// How far a verification is: records checked so far, of both logs' records. Called once per
    /// chunk of records (and once at the start), on the verifying thread: it must return at once.
    public typealias Progress = @Sendable (_ checked: UInt64, _ total: UInt64) -> Void

    /// Verifies `store`. `unwrapKeys`: the store can unwrap data keys (its master key was
    /// unlocked), so each key is also opened. `progress`, if given, hears how far it is.
    public func verify(_ store: any LogStore, since: String? = nil, unwrapKeys: Bool = false,
                       progress: Progress? = nil) throws(VerificationError) -> StoreVerification {
        let sinceTarget = try since.map { note throws(VerificationError) in
            try ExportVerifier.sinceCheckpoint(note, verifiers: LogKind.allCases.map { checkpoints($0).verifier })
        }
        do {
            return try store.withReadTransaction(on: .events) { transaction in
                var checked = 0
                var summaries: [LogKind: LogSummary] = [:]
                var counter = progress.map { report in
                    ProgressCounter(total: (try? LogKind.allCases.reduce(UInt64(0)) { $0 + (try transaction.onLog($1).size()) }) ?? 0, report: report)
                }
                counter?.advance(by: 0)
                for log in LogKind.allCases {
                    let (summary, count) = try verifyLog(transaction.onLog(log), log: log, since: sinceTarget, counter: &counter)
                    summaries[log] = summary
                    checked += count
                }
                let keys = try verifyDataKeys(transaction, unwrapKeys: unwrapKeys)
                return StoreVerification(events: summaries[.events]!, access: summaries[.access]!, checkpointsChecked: checked,
                                         dataKeysChecked: keys, dataKeysUnwrapped: unwrapKeys)
            }
        } catch let error as VerificationError {
            throw error
        } catch {
            throw .unreadable("the store cannot be read: \(error)")
        }
    }

    /// Verifies one log; returns its summary and how many kept checkpoints were checked.
    private func verifyLog(_ transaction: any LogTransaction, log: LogKind,
                           since: (name: String, size: UInt64, note: String)?, counter: inout ProgressCounter?) throws -> (LogSummary, Int) {
        let checkpoints = checkpoints(log)
        let kept = try transaction.checkpoints()
        var watch = Set<UInt64>()
        for note in kept {
            guard let checkpoint = try? Checkpoint(body: checkpoints.verifier.open(note: note)) else {
                throw VerificationError.integrity(log: log.rawValue, IntegrityFailure(seq: 0, reason: "a stored checkpoint does not verify"))
            }
            watch.insert(checkpoint.size)
        }
        let since = since.flatMap { $0.name == checkpoints.name ? $0 : nil }
        if let since { watch.insert(since.size) }
        let verifier = LogVerifier(kind: log == .events ? .events : .access(origin: origin, logKey: logKey), watch: watch, tracksIDs: false)
        try verifyRecords(transaction, log: log, verifier: verifier, counter: &counter)
        if log == .events, verifier.directory.origin != origin || verifier.directory.logKey != logKey {
            throw VerificationError.integrity(log: "events", IntegrityFailure(seq: 0, reason: "log.created names another origin or log key than the store"))
        }
        for note in kept + (since.map { [$0.note] } ?? []) {
            do throws(IntegrityFailure) { try verifier.check(checkpoint: note, verifier: checkpoints.verifier) } catch {
                throw VerificationError.integrity(log: log.rawValue, error)
            }
        }
        return (LogSummary(size: verifier.size, root: verifier.root), kept.count)
    }

    /// Streams a log's stored records through the verifier, comparing every column and stored tree hash.
    ///
    /// Each chunk is read from the store while the one before is verified (`LogVerifier.submit`);
    /// the columns are compared with the reading, on every core; the stored tree hashes a chunk's
    /// records complete are fetched together (`StoredSubtreeHashes`), then compared in order as the tree grows.
    private func verifyRecords(_ transaction: any LogTransaction, log: LogKind, verifier: LogVerifier, counter: inout ProgressCounter?) throws {
        let repeatedID = try transaction.firstRepeatedID()
        var submitted: UInt64 = 0
        do {
            try transaction.storedRecords(chunk: ExportVerifier.chunkSize) { records in
                let stored = StoredSubtreeHashes(transaction, completedBy: submitted..<(submitted + UInt64(records.count)))
                submitted += UInt64(records.count)
                try verifier.submit(records.map(\.line), unordered: { offset, parsed in
                    // Through the buffer, the record is compared in place (the array's subscript copied it out, retaining each string).
                    records.withUnsafeBufferPointer { $0[offset].differingColumn(from: parsed) }.map { "column \($0) differs from the record" }
                }, also: { (offset: Int, _: ParsedRecord, completed: [MerkleFrontier.Node]) throws(LogFormatError) in
                    if UInt64(records[offset].seq) == repeatedID { throw LogFormatError("id \(records[offset].id) repeats an earlier event") }
                    for node in completed where stored.hash(of: node) != node.hash {
                        throw LogFormatError("stored tree hash at level \(node.level) differs from the records")
                    }
                })
                counter?.advance(by: UInt64(records.count))
            }
            try verifier.finish()
        } catch let failure as IntegrityFailure {
            throw VerificationError.integrity(log: log.rawValue, failure)
        }
        let size = verifier.size
        guard try transaction.subtreeHashCount() == 2 * size - UInt64(size.nonzeroBitCount) else {
            throw VerificationError.integrity(log: log.rawValue, IntegrityFailure(seq: size, reason: "the tree table holds hashes beyond the records"))
        }
    }

    /// Checks the participants' data keys against the log; returns how many streams were checked.
    ///
    /// The log verifies without them, so a key deleted outside an erasure would lose a record
    /// silently: each stream not closed by `participant.erased` must have exactly one key
    /// (that unwraps and opens the stream's first record, with `unwrapKeys`), and an erased
    /// stream none. Failures name the stream (a pseudonymous id).
    private func verifyDataKeys(_ transaction: any LogTransaction, unwrapKeys: Bool) throws -> Int {
        var checked = 0
        try transaction.participantStreams { span in
            func failure(_ reason: String) -> VerificationError {
                .integrity(log: LogKind.events.rawValue, IntegrityFailure(seq: span.lastSeq, reason: "\(span.stream): \(reason)"))
            }
            let found = try transaction.dataKeyIDs(forStream: span.stream)
            if span.lastType == StreamRules.participantErased {
                guard found.isEmpty else { throw failure("erased, yet its data key is still stored") }
                return
            }
            guard found.count == 1 else {
                throw failure(found.isEmpty ? "no data key, yet the stream is not erased: its record is lost"
                                            : "\(found.count) data keys, where a stream has one")
            }
            checked += 1
            guard unwrapKeys else { return }
            guard let key = try? transaction.dataKey(forStream: span.stream, create: false) else {
                throw failure("its data key does not unwrap with the master key")
            }
            if let line = try transaction.line(at: span.firstSeq),
               let envelope = try? ParsedRecord(line: line, checkSignature: false).record.envelope,
               case .sealed(let sealed) = envelope.payload {
                guard sealed.keyID == key.id, (try? sealed.open(with: key, envelope: envelope)) != nil else {
                    throw failure("its data key does not open its records")
                }
            }
        }
        if let orphan = try transaction.orphanDataKeyStream() {
            throw VerificationError.integrity(log: LogKind.events.rawValue, IntegrityFailure(seq: 0, reason: "\(orphan): a data key for a stream with no record"))
        }
        return checked
    }
}

/// Counts the records a verification has checked, for its `progress`.
private struct ProgressCounter {
    let total: UInt64
    let report: StoreVerifier.Progress
    var checked: UInt64 = 0

    mutating func advance(by records: UInt64) {
        checked += records
        report(checked, max(total, checked))
    }
}
