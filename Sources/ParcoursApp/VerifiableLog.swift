import Foundation
import ParcoursLog
import ParcoursProjections

/// What anyone holding the store may check of its logs without an identity: proofs,
/// checkpoints, and the verification of every record. Nothing here reads clinical content
/// or leaves an access record: the logs' integrity is public by design (LOG-FORMAT.md).
public struct VerifiableLog: Sendable {
    let store: any CaseStore
    /// The same store opened to write, to keep a checkpoint.
    let writable: @Sendable () throws -> any CaseStore

    /// The logs of `store` (opened read-only); `writable` opens it to write when a checkpoint is kept.
    public init(store: any CaseStore, writable: @escaping @Sendable () throws -> any CaseStore) {
        self.store = store
        self.writable = writable
    }

    /// The RFC 9162 proof that record `seq` is in the tree of `size` records (default: all).
    public func inclusionProof(seq: UInt64, size: UInt64? = nil, in log: LogKind = .events) async throws -> InclusionProof {
        try await store.inclusionProof(seq: seq, size: size, table: log)
    }

    /// The RFC 9162 proof that the tree of `from` records is a prefix of the tree of `to` (default: all).
    public func consistencyProof(from: UInt64, to: UInt64? = nil, in log: LogKind = .events) async throws -> ConsistencyProof {
        try await store.consistencyProof(from: from, to: to, table: log)
    }

    /// The log's signed checkpoint (a C2SP signed note), signed now if its size has none; a
    /// backup gives the one it keeps, and signs none. The master key unwraps the log key.
    public func checkpoint(of log: LogKind = .events, masterPassphrase: String) async throws -> String {
        let keeper = store.isBackup ? store : try writable()
        return try await keeper.checkpoint(log, master: try await keeper.unlockMaster(passphrase: masterPassphrase))
    }

    /// What a verification of the store established.
    public struct Verification: Sendable {
        public var store: StoreVerification
        /// Each projection's position, when they were checked against a fold of the log (with the master passphrase).
        public var projections: [ProjectionName: UInt64]?
        /// The checkpoint signed of what was verified (with the master passphrase, not in a backup).
        public var checkpoint: String?
        /// Why no checkpoint was signed though the store is intact, if it was not.
        public var checkpointNotSigned: String?
    }

    /// Verifies every record of both logs, every stored tree hash and kept checkpoint, the data
    /// keys, and that the log extends the checkpoint `since` (a signed note), if given. With
    /// the master passphrase, also unwraps the data keys, checks the projections against a
    /// fold of the log, and signs a checkpoint of what was verified.
    ///
    /// - Throws: `VerificationError` (`integrity` names the log, the seq and the reason),
    ///   `ProjectionDiscrepancy` when a projection does not agree with the log.
    public func verify(since: String? = nil, masterPassphrase: String? = nil) async throws -> Verification {
        var master: MasterKey?
        do { if let masterPassphrase { master = try await store.unlockMaster(passphrase: masterPassphrase) } } catch {
            throw VerificationError.unreadable("\(error)")
        }
        let verified = try await store.verify(since: since, master: master)
        var verification = Verification(store: verified)
        guard let master else { return verification }
        do { verification.projections = try await Projector(store: store.projections(master: master)).verify() } catch let differs as ProjectionDiscrepancy {
            throw differs
        } catch {
            throw VerificationError.unreadable("the projections cannot be read: \(error)")
        }
        if !store.isBackup {
            do { verification.checkpoint = try await writable().signVerifiedCheckpoint(of: verified.events, table: .events, master: master) } catch {
                verification.checkpointNotSigned = "\(error)"
            }
        }
        return verification
    }

    /// Verifies an export directory (`parcours export log`) as anyone would without the store.
    public static func verifyExport(directory: String, since: String? = nil) throws(VerificationError) -> (events: LogSummary, access: LogSummary) {
        try ExportVerifier.verify(directory: directory, since: since)
    }
}
