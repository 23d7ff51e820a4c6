import ParcoursLog
import Synchronization

/// "Appends are serialized and gapless, in commit order": writers appending at once.
extension LogStoreConformance {
    /// What the concurrent writers were told, each in the order its appends returned.
    private final class Acknowledged: Sendable {
        let results: Mutex<[[AppendResult]]>
        let failures = Mutex<[String]>([])

        init(writers: Int) { results = Mutex(Array(repeating: [], count: writers)) }
    }

    static let concurrentWriters = Check(
        "concurrent-writers",
        "8 writers appending batches at once through LogWriter leave seqs 0…n-1 without a hole, each acknowledged append once at its seq, prev and tree consistent"
    ) { log in
        let writers = 8, batches = 6, perBatch = 3
        let acknowledged = Acknowledged(writers: writers)
        ConcurrentThreads.run(writers) { writer in
            for batch in 0..<batches {
                // Every batch touches the shared stream `notes` too, so writers contend for one stream's versions.
                let drafts = (0..<perBatch).map { index in
                    log.note(index == 0 ? "notes" : "participant/P-CONC0\(writer)", Int64(batch * perBatch + index))
                }
                do {
                    let results = try log.append(drafts)
                    acknowledged.results.withLock { $0[writer].append(contentsOf: results) }
                } catch {
                    acknowledged.failures.withLock { $0.append("writer \(writer), batch \(batch): \(error)") }
                }
            }
        }
        let failures = acknowledged.failures.withLock { $0 }
        try expect(failures.isEmpty, "appends failed: \(failures.joined(separator: "; "))")
        let perWriter = acknowledged.results.withLock { $0 }
        let total = UInt64(writers * batches * perBatch)

        // Gapless: the log holds the founding record and every acknowledged append, nothing else.
        let lines = try log.lines()
        try expect(UInt64(lines.count) == total + 1, "\(lines.count) records where 1 + \(total) were acknowledged")
        let seqs = perWriter.flatMap { $0.map(\.seq) }
        try expect(Set(seqs) == Set(1...total) && seqs.count == Int(total), "the acknowledged seqs are not exactly 1…\(total) once each")

        // Each acknowledged append is at the seq it was given, with the id and leaf hash it was told.
        for result in perWriter.joined() {
            try expect(!result.existing, "a fresh append at \(result.seq) was reported as existing")
            let line = lines[Int(result.seq)]
            let envelope = try ParsedRecord(line: line, checkSignature: false).record.envelope
            try expect(envelope.id == result.id && envelope.stream == result.stream && envelope.version == result.version,
                       "seq \(result.seq) holds another record than the one acknowledged there")
            try expect(LogRecord.leafHash(line: line) == result.leafHash, "seq \(result.seq)'s leaf hash differs from the acknowledged one")
        }

        // In commit order: a writer's appends follow one another, each batch contiguous (atomic).
        for (writer, results) in perWriter.enumerated() {
            for (index, pair) in zip(results, results.dropFirst()).enumerated() {
                let contiguous = (index + 1) % perBatch != 0
                try expect(contiguous ? pair.1.seq == pair.0.seq + 1 : pair.1.seq > pair.0.seq,
                           "writer \(writer)'s appends are not in the order they were committed (seq \(pair.0.seq) then \(pair.1.seq))")
            }
        }

        // Seq, prev, signatures and every stream's versions (`notes` shared by all) verify in seq order.
        let verifier = LogVerifier(kind: .events)
        try verifier.consume(lines)
        // The tree: the root recomputed from the leaves equals the stored tree's.
        var frontier = MerkleFrontier()
        for line in lines { frontier.append(LogRecord.leafHash(line: line)) }
        let stored = try log.store.withReadTransaction(on: .events) { try MerkleTree.root(size: total + 1, reader: $0.hashReader) }
        try expect(stored == frontier.root && verifier.root == frontier.root, "the stored tree's root differs from the root of the leaves")
    }
}
