import Foundation
import ParcoursLog
import ParcoursProjections

/// What a storage backend gives the case record: its two logs, the projections, and the
/// key material they are sealed with. `CaseRecord` and `VerifiableLog` know storage only
/// through this protocol; `ParcoursSQLite` implements it (a PostgreSQL backend will too).
///
/// Every operation is async: a front awaits while the backend works on its own threads.
/// Each is atomic and, once it returns, durable. Errors are `LogError` (and the proofs'
/// and verification's own), naming fields, never personal data.
public protocol CaseStore: Sendable {
    /// The log's origin (the first line of its checkpoints).
    var origin: String { get }
    /// The key that signs the log's checkpoints and the access log.
    var logPublicKey: PublicKey { get }
    /// A backup opens read-only: it signs no checkpoint and takes no write.
    var isBackup: Bool { get }

    // MARK: Keys

    /// The master key, unsealed with the master passphrase (`LogError.wrongPassphrase` otherwise).
    func unlockMaster(passphrase: String) async throws -> MasterKey
    /// An actor's signing key, unsealed with her or his passphrase.
    func unlockActor(_ id: String, passphrase: String) async throws -> UnlockedActor
    /// The key that makes a research project's pseudonyms; the caller zeroes it after use.
    func researchKey(project: String, master: MasterKey) async throws -> [UInt8]

    // MARK: The directory

    /// The directory as it stands now.
    func currentDirectory() async throws -> Directory
    /// The founding admin's display name, kept beside the log.
    func foundingAdminName() async throws -> String?
    /// Whether the store was created for demonstrations: only such a store takes synthetic journeys.
    func isDemoStore() async throws -> Bool
    /// Enrols an actor, her key sealed under `passphrase`; with `link`, that is a one-time link's
    /// secret, whose digest is kept in the same transaction.
    func enrol(actor id: String, name: String, organization: String, roles: [String], passphrase: String,
               link: (digest: String, expiresAt: Date)?, by admin: UnlockedActor) async throws -> AppendResult
    /// A new key for an actor, sealed as `enrol` says; her web sessions and second factor end with the old one.
    func rotateKey(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)?, by admin: UnlockedActor) async throws -> AppendResult
    /// The actor a one-time link's digest names while it is valid at `now`.
    func enrolmentLinkActor(digest: String, at now: Date) async throws -> String?
    /// Whether the actor's key waits behind a one-time link not yet spent, expired or not: such a
    /// key opens through its link only, never by a sign-in with the link's secret.
    func keyAwaitsLink(of actor: String) async throws -> Bool
    /// The actors with a one-time link waiting at `now`, and when each expires.
    func pendingEnrolmentLinks(at now: Date) async throws -> [String: Date]
    /// Spends a one-time link: the key sealed under `secret` is sealed under `passphrase`, once.
    func redeemEnrolmentLink(digest: String, secret: String, passphrase: String, at now: Date) async throws -> UnlockedActor
    func changeRoles(of id: String, to roles: [String], by admin: UnlockedActor) async throws -> AppendResult
    func revoke(_ id: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult

    // MARK: Web sign-in

    /// An actor's second factor (its TOTP secret, sealed under a key her signing key derives); nil when none is set up.
    func secondFactor(of actor: String) async throws -> WebSessionRecord.Sealed?
    /// Sets up an actor's second factor; false, and nothing changed, when one is set up already
    /// (only a key rotation or a revocation, which delete it, lets another be set up).
    func setSecondFactor(_ sealed: WebSessionRecord.Sealed, of actor: String) async throws -> Bool
    /// Claims a TOTP time step for an actor: true when it is later than every step claimed
    /// before, so a code opens one session only.
    func claimSecondFactorStep(_ step: Int64, of actor: String) async throws -> Bool
    func saveWebSession(_ session: WebSessionRecord) async throws
    func webSession(digest: String) async throws -> WebSessionRecord?
    /// Keeps a session's break-glass grants (nothing if the session has ended meanwhile).
    func setWebSessionGlass(_ glass: WebSessionRecord.Sealed, digest: String) async throws
    /// Ends an actor's sessions: every one, or only those setting up the second factor; returns how many.
    func endWebSessions(of actor: String, settingUpOnly: Bool) async throws -> Int
    /// Notes that a session was used at `time`.
    func touchWebSession(digest: String, at time: Date) async throws
    /// Ends a session: its sealed key is deleted.
    func endWebSession(digest: String) async throws
    /// An actor's sessions, the most recently used first.
    func webSessions(of actor: String) async throws -> [WebSessionRecord]
    /// Ends every session idle since before `idleSince` or opened before `openedBefore`; returns how many.
    func endWebSessions(idleSince: Date, openedBefore: Date) async throws -> Int

    // MARK: Writes

    /// Appends a batch atomically, signed by `author`; participant streams are sealed under
    /// their data key (which needs `master`).
    func append(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?) async throws -> [AppendResult]
    /// Appends records to the access log, signed by the log key, in order and in one durable
    /// write: all or none (what one request read, recorded with one sync).
    func recordAccess(_ records: [(type: String, data: [String: JSONValue])], master: MasterKey) async throws -> [AppendResult]
    /// Crypto-shreds a participant: destroys the stream's data keys, closes the stream with a
    /// clear `participant.erased`, and removes her or him from the projections, together.
    func erase(participant: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult
    /// The projections, opened with `master`.
    func projections(master: MasterKey) -> any ProjectionStore
    /// The event log's size each time it grows, whichever process appended, for a store that
    /// several servers share: the case record follows it so its projections stay warm. Nil
    /// (the default) for a store one process writes: its readers follow the log themselves.
    func logGrowth() -> AsyncStream<UInt64>?

    // MARK: Reads

    /// The number of records in a log.
    func size(_ log: LogKind) async throws -> UInt64
    /// Every record of the access log, in order.
    func accessRecords() async throws -> [AccessLogEntry]
    /// The access log's records about one participant (its `participant` member), newest
    /// first: those below `before` (all when nil), at most `limit`.
    func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [AccessLogEntry]
    /// The openings of one participant's record (the records about her that `RecordOpening`'s rule
    /// accepts), newest first, paged as `accessRecords(about:before:limit:)`: each record's place,
    /// time and clear payload as written, without the justification.
    func openings(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [OpeningRow]
    /// Every event of a stream, its content opened where its key still exists (with `master`).
    func events(inStream stream: String, master: MasterKey?) async throws -> [StoredEvent]
    /// Writes the export of LOG-FORMAT.md into `directory`.
    func exportLog(to directory: String, master: MasterKey) async throws -> (events: UInt64, access: UInt64)
    /// A consistent copy of the store at `path`, marked as a backup.
    func backup(to path: String) async throws

    // MARK: Proofs, checkpoints, verification

    func noteVerifier(_ log: LogKind) -> NoteVerifier
    func inclusionProof(seq: UInt64, size: UInt64?, table: LogKind) async throws -> InclusionProof
    func consistencyProof(from: UInt64, to: UInt64?, table: LogKind) async throws -> ConsistencyProof
    /// The signed checkpoint of a log at its current size, signed now if it has none.
    func checkpoint(_ log: LogKind, master: MasterKey) async throws -> String
    /// Signs a checkpoint of exactly what a verification established.
    func signVerifiedCheckpoint(of summary: LogSummary, table: LogKind, master: MasterKey) async throws -> String
    /// Verifies the store completely, in one read snapshot; throws `VerificationError`.
    /// `progress`, if given, hears how many records were checked, of how many.
    func verify(since: String?, master: MasterKey?, progress: StoreVerifier.Progress?) async throws -> StoreVerification
    /// The latest checkpoint signed of a log, if any (nothing is signed).
    func latestCheckpoint(_ log: LogKind) async throws -> String?

    // MARK: Witnesses (C2SP tlog-witness): cosignatures and alarms, no personal data

    /// Keeps witnesses' cosignature lines (`— <name> <base64>\n`, verified by the caller) of the
    /// checkpoint kept at `size`: one line per witness name and size, the first kept (append-only).
    func saveCosignatures(_ lines: [String], log: LogKind, size: UInt64) async throws
    /// The checkpoint kept at `size` with the cosignature lines kept for it appended, in the
    /// order they were kept; nil if no checkpoint is kept at that size.
    func cosignedCheckpoint(_ log: LogKind, size: UInt64) async throws -> String?
    /// For each witness name, the largest size of the log it cosigned (what to prove from next).
    func witnessedSizes(_ log: LogKind) async throws -> [String: UInt64]
    /// Keeps a witness alarm (append-only).
    func recordWitnessAlarm(_ alarm: WitnessAlarm) async throws
    /// The witness alarms, newest first, at most `limit`.
    func witnessAlarms(limit: Int) async throws -> [WitnessAlarm]
}

extension CaseStore {
    /// Verifies the store completely, in one read snapshot; throws `VerificationError`.
    public func verify(since: String?, master: MasterKey?) async throws -> StoreVerification {
        try await verify(since: since, master: master, progress: nil)
    }

    /// Appends one record to the access log, signed by the log key, durable on return.
    public func recordAccess(type: String, data: [String: JSONValue], master: MasterKey) async throws -> AppendResult {
        try await recordAccess([(type, data)], master: master)[0]
    }

    /// By default, from the whole access log: a backend with an index on the participant says so itself.
    public func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [AccessLogEntry] {
        let about = try await accessRecords().filter { entry in
            entry.payload["participant"] == .string(participant.rawValue) && (before.map { entry.seq < $0 } ?? true)
        }
        return Array(about.reversed().prefix(max(limit, 0)))
    }
}

extension CaseStore {
    /// None: one process writes the store, and its readers follow the log themselves.
    public func logGrowth() -> AsyncStream<UInt64>? { nil }
}
