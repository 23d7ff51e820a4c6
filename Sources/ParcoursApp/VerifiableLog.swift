import Foundation
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// What anyone holding the store may check of its logs without an identity: proofs,
/// checkpoints, and the verification of every record. Nothing here reads clinical content
/// or leaves an access record: the logs' integrity is public by design (LOG-FORMAT.md).
public struct VerifiableLog: Sendable {
    let store: Store
    /// Where the store is: reopened to write when a checkpoint is signed.
    let path: String

    /// Opens the store at `path` (a directory, or a backup file) read-only.
    public static func open(at path: String) throws -> VerifiableLog {
        VerifiableLog(store: try Store.open(at: path, readOnly: true), path: path)
    }

    /// The RFC 9162 proof that record `seq` is in the tree of `size` records (default: all).
    public func inclusionProof(seq: UInt64, size: UInt64? = nil, in log: LogKind = .events) throws -> InclusionProof {
        try store.inclusionProof(seq: seq, size: size, table: log)
    }

    /// The RFC 9162 proof that the tree of `from` records is a prefix of the tree of `to` (default: all).
    public func consistencyProof(from: UInt64, to: UInt64? = nil, in log: LogKind = .events) throws -> ConsistencyProof {
        try store.consistencyProof(from: from, to: to, table: log)
    }

    /// The log's signed checkpoint (a C2SP signed note), signed now if its size has none; a
    /// backup gives the one it keeps, and signs none. The master key unwraps the log key.
    public func checkpoint(of log: LogKind = .events, masterPassphrase: String) throws -> String {
        let writable = store.isBackup ? store : try Store.open(at: path)
        return try writable.checkpoint(log, master: try writable.unlockMaster(passphrase: masterPassphrase))
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
    public func verify(since: String? = nil, masterPassphrase: String? = nil) throws -> Verification {
        let master: MasterKey?
        do { master = try masterPassphrase.map { try store.unlockMaster(passphrase: $0) } } catch {
            throw VerificationError.unreadable("\(error)")
        }
        let verified = try store.verify(since: since, master: master)
        var verification = Verification(store: verified)
        guard let master else { return verification }
        do { verification.projections = try Projector(store: store, master: master).verify() } catch let differs as ProjectionDiscrepancy {
            throw differs
        } catch {
            throw VerificationError.unreadable("the projections cannot be read: \(error)")
        }
        if !store.isBackup {
            do { verification.checkpoint = try Store.open(at: path).signVerifiedCheckpoint(of: verified.events, master: master) } catch {
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
