import ParcoursLog

/// The append path: seqs, versions, atomic batches, idempotency, authority, erasure, the access log.
extension LogStoreConformance {
    static let appendsVerify = Check("appends-verify", "appends take consecutive seqs and stream versions, and what is stored verifies") { log in
        let results = try log.append((0..<12).map { log.note("participant/P-CONF0\($0 % 3)", Int64($0)) })
        try expect(results.map(\.seq) == Array(1...12), "seqs \(results.map(\.seq)), not 1…12")
        let versions = results.filter { $0.stream == "participant/P-CONF01" }.map(\.version)
        try expect(versions == [0, 1, 2, 3], "versions \(versions) in participant/P-CONF01, not 0…3")
        let verifier = LogVerifier(kind: .events)
        try verifier.consume(try log.lines())
        try expect(verifier.size == 13, "\(verifier.size) records verified, not 13")
        let stored = try log.store.withReadTransaction(on: .events) { try MerkleTree.root(size: 13, reader: $0.hashReader) }
        try expect(stored == verifier.root, "the stored tree's root differs from the records'")
    }

    static let inclusionProofs = Check("inclusion-proofs", "inclusion proofs from the stored hashes verify at every size") { log in
        try log.append((0..<20).map { log.note("notes", Int64($0)) })
        try log.store.withReadTransaction(on: .events) { transaction in
            for size in UInt64(1)...21 {
                let root = try MerkleTree.root(size: size, reader: transaction.hashReader)
                for leaf in 0..<size {
                    let proof = try MerkleTree.inclusionProof(leaf: leaf, size: size, reader: transaction.hashReader)
                    try expect(MerkleTree.verifyInclusion(leaf: leaf, size: size, leafHash: try transaction.leafHash(at: leaf), proof: proof, root: root),
                               "the proof of \(leaf) in \(size) does not verify")
                }
            }
        }
    }

    static let atomicBatch = Check("atomic-batch", "a batch refused at its third event leaves nothing behind") { log in
        try log.append([log.note()])
        let before = try log.lines()
        try expect(throws: LogError.inBatch(event: 3, .staleExpectedVersion(stream: "participant/P-CONF01", expected: 0, actual: 1)),
                   "a batch with a stale expectedVersion") {
            try log.append([log.note("participant/P-CONF02"), log.note("notes"), log.note(expectedVersion: 0)])
        }
        try expect(try log.lines() == before, "the refused batch changed the log")
        let head = try log.store.withReadTransaction(on: .events) { try $0.streamHead("participant/P-CONF02") }
        try expect(head == nil, "the refused batch left a stream head")
    }

    static let idempotency = Check("idempotent-ids", "an id is idempotent with the same content and refused with other content") { log in
        let id = "00000000-0000-4000-8000-0000000c0f01"
        let first = try log.append([log.note(id: id)])[0]
        let again = try log.append([log.note(id: id)])[0]
        try expect(again.existing && again.seq == first.seq && again.leafHash == first.leafHash, "the repeat is not the original record")
        try expect(throws: LogError.idConflict(id: id), "the same id with other content") {
            try log.append([log.note("participant/P-CONF01", 9, id: id)])
        }
        try expect(try log.lines().count == 2, "a repeat or a conflict was written")
    }

    static let authority = Check("authority", "only known, active actors with their current key write; only admins change the directory") { log in
        let stranger = SigningKey.generate()
        try expect(throws: LogError.unknownActor("stranger"), "an unknown actor") {
            _ = try log.writer.append([log.note()], by: Author(actor: "stranger", key: stranger.publicKey), signingKey: stranger, to: log.store)
        }
        try expect(throws: LogError.keyUnavailable(actor: "admin"), "the admin with another key") {
            _ = try log.writer.append([log.note()], by: Author(actor: "admin", key: stranger.publicKey), signingKey: stranger, to: log.store)
        }
        let clinician = SigningKey.generate()
        try log.append([EventDraft(type: "actor.enrolled", stream: "directory", data: [
            "actor": "clin-0001", "name": "Intervenante Exemple", "organization": "CODIM", "roles": ["clinician"],
            "key": .string(clinician.publicKey.base64),
        ])])
        let asClinician = Author(actor: "clin-0001", key: clinician.publicKey)
        try expect(try log.writer.append([log.note()], by: asClinician, signingKey: clinician, to: log.store).count == 1,
                   "an enrolled clinician could not write")
        try expect(throwing: LogError.self, "a clinician revoking the admin") {
            _ = try log.writer.append([EventDraft(type: "actor.revoked", stream: "directory", data: ["actor": "admin", "reason": "x"])],
                                  by: asClinician, signingKey: clinician, to: log.store)
        }
    }

    static let erasure = Check("erasure", "participant.erased destroys the data key and closes the stream") { log in
        try log.append([log.note(), log.note("participant/P-CONF02")])
        try log.append([EventDraft(type: "participant.erased", stream: "participant/P-CONF01", data: ["reason": "entered-in-error"])])
        let keys = try log.store.withReadTransaction(on: .events) {
            (try $0.dataKey(forStream: "participant/P-CONF01", create: false), try $0.dataKey(forStream: "participant/P-CONF02", create: false))
        }
        try expect(keys.0 == nil, "the erased stream keeps a data key")
        try expect(keys.1 != nil, "another stream lost its data key")
        try expect(throws: LogError.streamClosed(stream: "participant/P-CONF01"), "a write to an erased stream") { try log.append([log.note()]) }
        try LogVerifier(kind: .events).consume(try log.lines())
    }

    static let insertAtHead = Check("insert-at-taken-seq", "a record put again at a seq the log holds is refused, and nothing of it is written") { log in
        try log.append([log.note(), log.note("participant/P-CONF02")])
        let before = try log.lines()
        let again = try ParsedRecord(line: before[1], checkSignature: false)
        try expect(throwing: (any Error).self, "record 1 inserted again while the log holds 3") {
            try log.store.withWriteTransaction(on: .events) { transaction in
                try transaction.insert(again.record, line: again.line, leafHash: again.leafHash, completing: [])
            }
        }
        try expect(try log.lines() == before, "the refused insert changed the log")
        try expect(try log.append([log.note()])[0].seq == 3, "the next append does not take seq 3")
    }

    static let accessLog = Check("access-log", "the access log is a second log, signed by the log key, with version equal to seq") { log in
        for index in 0..<3 {
            let result = try log.writer.appendAccess(type: "access.read", data: ["actor": "admin", "outcome": "permitted", "n": .int(Int64(index))],
                                                     logKey: log.logKey, to: log.store)
            try expect(result.seq == UInt64(index) && result.version == UInt64(index), "access record \(index) took seq \(result.seq)")
        }
        let verifier = LogVerifier(kind: .access(origin: log.writer.origin, logKey: log.logKey.publicKey))
        try verifier.consume(try log.lines(.access))
        try expect(verifier.size == 3, "\(verifier.size) access records, not 3")
        try expect(try log.lines(.events).count == 1, "access records reached the event log")
    }
}
