import ParcoursAccess
import ParcoursLog

/// The privacy officer's watch over the logs' integrity: their latest signed checkpoints,
/// and a verification of every record of both. Anyone holding the store may verify it
/// (`VerifiableLog`, the command line); in the application it is the privacy officer's
/// audit, decided by the access policy (view `metadata`, purpose `audit`) and recorded in
/// the access log before anything is read.
extension CaseRecord {
    /// Each log's latest signed checkpoint (nil for a log none was signed of yet), as kept, with
    /// the witnesses' cosignatures kept for it; and the witnesses' alarms (refusals that may
    /// mean a fork), newest first. Reading them signs nothing.
    public func logCheckpoints(by identity: Identity) async throws -> CheckpointOverview {
        let session = try await session(identity, view: .metadata)
        try await session.authorize(.metadata, purpose: .audit, noting: { $0.command = "checkpoints" })
        var checkpoints: [LogKind: SignedCheckpoint?] = [:]
        for log in LogKind.allCases {
            var note = try await store.latestCheckpoint(log)
            if let latest = note {
                let size = try Checkpoint(body: store.noteVerifier(log).open(note: latest)).size
                note = try await store.cosignedCheckpoint(log, size: size) ?? latest
            }
            checkpoints[log] = try note.map { try SignedCheckpoint(note: $0, verifier: store.noteVerifier(log)) }
        }
        return CheckpointOverview(checkpoints: checkpoints, alarms: try await store.witnessAlarms(limit: 100))
    }

    /// A verification of both logs, decided and recorded now, to run when the caller wants
    /// (in the background, for the web): a refusal is thrown here, before anything is read.
    public func logVerification(by identity: Identity) async throws -> LogVerification {
        let session = try await session(identity, view: .metadata)
        try await session.authorize(.metadata, purpose: .audit, noting: { $0.command = "verify" })
        return LogVerification(store: store, master: master)
    }

    /// The verification of an uploaded export (a zip of `parcours export log`'s directory), as
    /// anyone would verify it without the store (`ExportVerifier`), as the privacy officer's
    /// audit; unpacked in memory, to run when the caller wants.
    ///
    /// The policy decides before `archive` is received, so nobody it refuses gets to send one (the
    /// refusal recorded then); the permission is recorded once `archive` was received (what it
    /// throws — a form not the page's, say — ends the request with nothing recorded as done).
    ///
    /// - Throws: `ExportArchive.Refusal` for an archive that is not an export (nothing verified);
    ///   what `archive` throws, as it throws it.
    public func exportVerification(by identity: Identity, of archive: () async throws -> [UInt8]) async throws -> ExportVerification {
        let session = try await session(identity, view: .metadata)
        func authorize() async throws { try await session.authorize(.metadata, purpose: .audit, noting: { $0.command = "verify export" }) }
        // Refused: the same decision recorded, and thrown, before anything is received.
        if !AccessPolicy.decide(AccessRequest(reader: session.reader, view: .metadata, purpose: .audit)).permitted { try await authorize() }
        let received = try await archive()
        try await authorize()
        return ExportVerification(export: try ExportArchive.unpack(received))
    }

    /// The RFC 9162 proof that access record `seq` is in the access log's tree at its latest
    /// signed checkpoint when one covers the record (the current tree, unsigned, otherwise: a read signs nothing) — decided and
    /// recorded as a read of the access log.
    ///
    /// - Throws: `AppError.invalidInput` naming `seq` for a record the tree does not hold.
    public func accessInclusionProof(seq: UInt64, by identity: Identity) async throws -> (proof: InclusionProof, checkpoint: SignedCheckpoint?) {
        let session = try await session(identity, view: .accessLog)
        try await session.authorize(.accessLog, purpose: .audit, noting: { $0.command = "inclusion proof" })
        let current = try await store.size(.access)
        guard seq < current else { throw AppError.invalidInput(field: "seq", reason: "a record of the access log (below \(current))") }
        // Against the latest signed checkpoint when it covers the record; otherwise against the current
        // tree, unsigned — a read signs nothing (a verification found intact signs the next checkpoint).
        let checkpoint = try await store.latestCheckpoint(.access).map { try SignedCheckpoint(note: $0, verifier: store.noteVerifier(.access)) }
            .flatMap { seq < $0.size ? $0 : nil }
        return (try await store.inclusionProof(seq: seq, size: checkpoint?.size ?? current, table: .access), checkpoint)
    }
}

/// A verification of the store the access policy permitted: every record of both logs, every
/// stored tree hash and kept checkpoint, the data keys (unwrapped with the master key). A store
/// found intact gets a checkpoint of each log, signed by the log key, of exactly what was verified.
public struct LogVerification: Sendable {
    let store: any CaseStore
    let master: MasterKey

    /// Runs it; `progress` hears how many records were checked, of how many.
    ///
    /// - Throws: `VerificationError` (`integrity` names the log, the first failing seq and why).
    public func run(progress: StoreVerifier.Progress? = nil) async throws -> StoreVerification {
        let verified = try await store.verify(since: nil, master: master, progress: progress)
        for (log, summary) in [(LogKind.events, verified.events), (.access, verified.access)] where summary.size > 0 {
            // A checkpoint not signed (the store moved on in a way that no longer extends it) takes nothing from the verdict.
            _ = try? await store.signVerifiedCheckpoint(of: summary, table: log, master: master)
        }
        return verified
    }
}

/// What the privacy officer watches of the logs' checkpoints: each log's latest (cosigned) one
/// and the witnesses' alarms.
public struct CheckpointOverview: Sendable {
    /// Each log's latest signed checkpoint, nil where none is signed yet.
    public var checkpoints: [LogKind: SignedCheckpoint?]
    /// The witnesses' alarms, newest first (at most 100).
    public var alarms: [WitnessAlarm]
}
