import ParcoursLog

/// The reads the log core builds on: lines and stored records in chunks, proofs from
/// batched hash reads, kept checkpoints, the export and the verification of a whole store.
extension LogStoreConformance {
    static let chunkedReads = Check("chunked-reads", "lines and stored records come in seq order, in chunks, equal to what was appended") { log in
        try log.append((0..<10).map { log.note("participant/P-CONF0\($0 % 2)", Int64($0)) })
        let lines = try log.lines()
        var chunks: [[[UInt8]]] = []
        try log.store.withReadTransaction(on: .events) { transaction in
            try transaction.lines(from: 2, to: 9, chunk: 3) { chunks.append($0) }
            try expect(chunks.map(\.count) == [3, 3, 1], "chunks of \(chunks.map(\.count)) lines for [2, 9) by 3")
            try expect(Array(chunks.joined()) == Array(lines[2..<9]), "lines [2, 9) differ from the log's")
            var records: [StoredRecord] = []
            try transaction.storedRecords(chunk: 4) { records.append(contentsOf: $0) }
            try expect(records.map(\.line) == lines, "stored records' lines differ from the log's")
            for (seq, record) in records.enumerated() {
                let parsed = try ParsedRecord(line: record.line, checkSignature: false)
                try expect(record == StoredRecord(parsed.record, line: record.line, leafHash: parsed.leafHash),
                           "record \(seq)'s stored columns differ from its line")
            }
            try expect(try transaction.firstRepeatedID() == nil, "a repeated id is reported where none is")
            var spans: [ParticipantStreamSpan] = []
            try transaction.participantStreams { spans.append($0) }
            var expected: [String: ParticipantStreamSpan] = [:]
            for record in records where record.stream.hasPrefix(Identifiers.participantStreamPrefix) {
                let seq = UInt64(record.seq)
                expected[record.stream] = ParticipantStreamSpan(stream: record.stream, firstSeq: expected[record.stream]?.firstSeq ?? seq,
                                                                lastSeq: seq, lastType: record.type)
            }
            try expect(spans == expected.values.sorted { $0.stream < $1.stream } && spans.count == 2,
                       "participant streams \(spans), not each one's first and last record in stream order")
            try expect(try transaction.subtreeHashCount() == 2 * 11 - UInt64((11 as UInt64).nonzeroBitCount),
                       "the tree holds other than one hash per complete subtree")
        }
    }

    static let treeHashRanges = Check("tree-hash-ranges", "the stored hashes of a level's range of subtrees are those read one by one, nil past the last complete one") { log in
        try log.append((0..<10).map { log.note("participant/P-CONF0\($0 % 2)", Int64($0)) })
        try log.store.withReadTransaction(on: .events) { transaction in
            let size = try transaction.size()
            for level in 0..<5 {
                let complete = size >> UInt64(level)
                for lower in UInt64(0)...complete {
                    for upper in lower...(complete + 2) {
                        let ranged = try transaction.subtreeHashes(level: level, indices: lower..<upper)
                        let oneByOne = try (lower..<upper).map { index in
                            index < complete ? try transaction.subtreeHash(level: level, index: index) : nil
                        }
                        try expect(ranged == oneByOne, "level \(level), subtrees \(lower)..<\(upper): \(ranged.count) read, not those read one by one")
                    }
                }
            }
        }
    }

    static let treeHashRuns = Check("tree-hash-runs", "the stored hashes of the subtrees a run of leaves completes are those read one by one, a level at a time, nil past the last complete one") { log in
        try log.append((0..<10).map { log.note("participant/P-CONF0\($0 % 2)", Int64($0)) })
        try log.store.withReadTransaction(on: .events) { transaction in
            let size = try transaction.size()
            for lower in UInt64(0)...(size + 2) {
                for upper in lower...(size + 3) {
                    let read = try transaction.subtreeHashes(completedBy: lower..<upper)
                    let oneByOne = try Subtree.levels(completedBy: lower..<upper).enumerated().map { level, indices in
                        try indices.map { index in index < size >> UInt64(level) ? try transaction.subtreeHash(level: level, index: index) : nil }
                    }
                    try expect(read == oneByOne, "leaves \(lower)..<\(upper): \(read.map(\.count)) read by level, not those read one by one")
                }
            }
        }
    }

    static let proofsThroughStore = Check("proofs", "inclusion and consistency proofs made through the store verify, and sizes beyond the log are refused") { log in
        try log.append((0..<20).map { log.note("notes", Int64($0)) })
        let lines = try log.lines()
        for size in UInt64(1)...21 {
            for seq in 0..<size {
                let proof = try log.store.inclusionProof(of: .events, seq: seq, size: size)
                try expect(proof.verifies && proof.leafHash == LogRecord.leafHash(line: lines[Int(seq)]),
                           "the inclusion proof of \(seq) in \(size) does not verify")
            }
            for from in 0...size {
                let proof = try log.store.consistencyProof(of: .events, from: from, to: size)
                try expect(proof.verifies, "the consistency proof from \(from) to \(size) does not verify")
                try expect(proof.fromRoot == (try log.store.root(of: .events, size: from).root), "the root at \(from) differs")
            }
        }
        try expect(throws: LogError.outOfRange(field: "size", reason: "the log has 21 records"), "a proof beyond the log") {
            _ = try log.store.inclusionProof(of: .events, seq: 0, size: 22)
        }
        try expect(throws: LogError.outOfRange(field: "seq", reason: "must be below the tree size 21"), "a seq beyond the log") {
            _ = try log.store.inclusionProof(of: .events, seq: 21)
        }
    }

    static let checkpointsKept = Check("checkpoints", "a checkpoint is signed once per size, kept, read back, and only over a tree that extends the last") { log in
        let checkpoints = LogCheckpoints(log: .events, origin: log.origin, logKey: log.logKey.publicKey)
        try log.append([log.note()])
        let first = try checkpoints.checkpoint(in: log.store, signingKey: log.logKey)
        try expect(try checkpoints.checkpoint(in: log.store, signingKey: log.logKey) == first, "a second checkpoint of one size differs")
        let opened = try Checkpoint(body: checkpoints.verifier.open(note: first))
        let head = try log.store.root(of: .events)
        try expect(opened.origin == log.origin && opened.size == head.size && opened.root == head.root, "the checkpoint is not of the log's head")
        try log.append([log.note("notes")])
        try expect(try checkpoints.kept(in: log.store) == nil, "a checkpoint is kept at a size never signed")
        let second = try checkpoints.checkpoint(in: log.store, signingKey: log.logKey)
        try expect(try checkpoints.latest(in: log.store) == second, "the latest checkpoint is not the one just signed")
        try expect(try log.store.withReadTransaction(on: .events) { try $0.checkpoints() } == [first, second], "the kept checkpoints differ")
        let access = LogCheckpoints(log: .access, origin: log.origin, logKey: log.logKey.publicKey)
        let accessNote = try access.checkpoint(in: log.store, signingKey: log.logKey)
        try expect(try Checkpoint(body: access.verifier.open(note: accessNote)).size == 0, "the access log's checkpoint is not of its own size")
        try expect(try log.store.withReadTransaction(on: .events) { try $0.checkpoints() } == [first, second], "an access checkpoint was kept as an event one")
        try expect(throwing: LogError.self, "signing a root the tree does not give") {
            _ = try checkpoints.signVerified(LogSummary(size: head.size + 1, root: head.root), in: log.store, signingKey: log.logKey)
        }
    }

    static let export = Check("export", "the export holds exactly the stored lines up to its checkpoints, which verify") { log in
        try log.append((0..<5).map { log.note("participant/P-CONF0\($0 % 2)", Int64($0)) })
        _ = try log.writer.appendAccess(type: "access.export", data: ["actor": "admin", "outcome": "permitted"], logKey: log.logKey, to: log.store)
        let sink = MemoryExportSink()
        let sizes = try LogExport.export(from: log.store, origin: log.origin, logKey: log.logKey, to: sink)
        try expect(sizes.events == 6 && sizes.access == 1, "exported \(sizes) records, not 6 and 1")
        let key = try NoteVerifier(text: String(decoding: sink.files[LogExport.keyFile] ?? [], as: UTF8.self).dropLast().description)
        for kind in LogKind.allCases {
            let stored = try log.lines(kind)
            let exported = sink.files["\(kind.rawValue).jsonl"] ?? []
            try expect(exported == Array(stored.map { $0 + [0x0A] }.joined()), "\(kind.rawValue).jsonl differs from the stored lines")
            let verifier = LogVerifier(kind: kind == .events ? .events : .access(origin: log.origin, logKey: key.key))
            try verifier.consume(stored)
            let name = kind == .events ? key.name : key.name + "/access"
            try verifier.check(checkpoint: String(decoding: sink.files["\(kind.rawValue).checkpoint"] ?? [], as: UTF8.self),
                               verifier: NoteVerifier(name: name, key: key.key))
        }
        try expect(sink.closed == Set(sink.files.keys) && sink.files.count == 5, "the export's files are \(sink.files.keys.sorted()), not all closed")
    }

    static let verification = Check("verify-store", "a whole store verifies through the protocol: records, columns, tree, checkpoints, data keys") { log in
        try log.append((0..<6).map { log.note("participant/P-CONF0\($0 % 3)", Int64($0)) })
        let checkpoints = LogCheckpoints(log: .events, origin: log.origin, logKey: log.logKey.publicKey)
        let old = try checkpoints.checkpoint(in: log.store, signingKey: log.logKey)
        try log.append([EventDraft(type: "participant.erased", stream: "participant/P-CONF02", data: ["reason": "entered-in-error"])])
        _ = try log.writer.appendAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted"], logKey: log.logKey, to: log.store)
        _ = try checkpoints.checkpoint(in: log.store, signingKey: log.logKey)
        let verifier = StoreVerifier(origin: log.origin, logKey: log.logKey.publicKey)
        let report = try verifier.verify(log.store, since: old, unwrapKeys: true)
        let heads = try LogKind.allCases.map { try log.store.root(of: $0) }
        try expect(report.events == LogSummary(size: heads[0].size, root: heads[0].root) && report.access == LogSummary(size: heads[1].size, root: heads[1].root),
                   "the verified sizes and roots are not the store's")
        try expect(report.checkpointsChecked == 2, "\(report.checkpointsChecked) kept checkpoints checked, not 2")
        try expect(report.dataKeysChecked == 2 && report.dataKeysUnwrapped, "\(report.dataKeysChecked) data keys checked, not the 2 streams not erased")
        let other = StoreVerifier(origin: "other.example/log", logKey: log.logKey.publicKey)
        try expect(throwing: VerificationError.self, "a store verified as another log's") { _ = try other.verify(log.store) }
    }
}

/// An export kept in memory, to compare with the store.
final class MemoryExportSink: LogExportSink {
    var files: [String: [UInt8]] = [:]
    var closed = Set<String>()

    func create(_ name: String) throws -> any LogExportFile {
        guard files[name] == nil else { throw LogError.invalidInput(field: "name", reason: "\(name) exists") }
        files[name] = []
        return File(sink: self, name: name)
    }

    struct File: LogExportFile {
        let sink: MemoryExportSink
        let name: String
        func write(_ bytes: [UInt8]) throws { sink.files[name, default: []].append(contentsOf: bytes) }
        func close() throws { sink.closed.insert(name) }
    }
}
