import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursProjections

/// The SQLite store as the case record sees it: each operation runs on the store's own
/// threads, and the caller suspends until it is done.
///
/// GRDB's accesses, SQLite's locks and syncs and Argon2id unlocks block the thread they run
/// on. Run on the few cooperative threads that answer requests, they would hold them; and a
/// synchronous read waiting for a reader connection, while the task holding it waits for a
/// cooperative thread to resume, would never end. So nothing of the store runs there: every
/// operation is handed to `SQLiteThreads`, where blocking waits only on work that is itself
/// running; an access record, which waits for other callers' commits, on its threads for waiting.
public struct SQLiteCaseStore: CaseStore {
    /// The store, for the operations only a SQLite store has (tests, the benchmark, backups).
    public let store: Store
    /// Concurrent access records share a transaction, one sync for all (`AccessGroupCommit`).
    private let accessCommits = AccessGroupCommitSlot()

    public init(_ store: Store) { self.store = store }

    public var origin: String { store.origin }
    public var logPublicKey: PublicKey { store.logPublicKey }
    public var isBackup: Bool { store.isBackup }

    public func unlockMaster(passphrase: String) async throws -> MasterKey {
        try await SQLiteThreads.run { [store] in try store.unlockMaster(passphrase: passphrase) }
    }

    public func unlockActor(_ id: String, passphrase: String) async throws -> UnlockedActor {
        try await SQLiteThreads.run { [store] in try store.unlockActor(id, passphrase: passphrase) }
    }

    public func researchKey(project: String, master: MasterKey) async throws -> [UInt8] {
        try await SQLiteThreads.run { [store] in try store.researchKey(project: project, master: master) }
    }

    public func currentDirectory() async throws -> Directory {
        try await SQLiteThreads.run { [store] in try store.currentDirectory() }
    }

    public func foundingAdminName() async throws -> String? {
        try await SQLiteThreads.run { [store] in try store.foundingAdminName() }
    }

    public func isDemoStore() async throws -> Bool {
        try await SQLiteThreads.run { [store] in try store.isDemoStore() }
    }

    public func enrol(actor id: String, name: String, organization: String, roles: [String], passphrase: String,
                      link: (digest: String, expiresAt: Date)?, by admin: UnlockedActor) async throws -> AppendResult {
        try await SQLiteThreads.run { [store] in
            try store.enrol(actor: id, name: name, organization: organization, roles: roles, passphrase: passphrase, link: link, by: admin)
        }
    }

    public func rotateKey(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)?,
                          by admin: UnlockedActor) async throws -> AppendResult {
        try await SQLiteThreads.run { [store] in try store.rotateKey(of: id, passphrase: passphrase, link: link, by: admin) }
    }

    public func enrolmentLinkActor(digest: String, at now: Date) async throws -> String? {
        try await SQLiteThreads.run { [store] in try store.enrolmentLinkActor(digest: digest, at: now) }
    }

    public func keyAwaitsLink(of actor: String) async throws -> Bool {
        try await SQLiteThreads.run { [store] in try store.keyAwaitsLink(of: actor) }
    }

    public func pendingEnrolmentLinks(at now: Date) async throws -> [String: Date] {
        try await SQLiteThreads.run { [store] in try store.pendingEnrolmentLinks(at: now) }
    }

    public func redeemEnrolmentLink(digest: String, secret: String, passphrase: String, at now: Date) async throws -> UnlockedActor {
        try await SQLiteThreads.run { [store] in try store.redeemEnrolmentLink(digest: digest, secret: secret, passphrase: passphrase, at: now) }
    }

    public func changeRoles(of id: String, to roles: [String], by admin: UnlockedActor) async throws -> AppendResult {
        try await SQLiteThreads.run { [store] in try store.changeRoles(of: id, to: roles, by: admin) }
    }

    public func revoke(_ id: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult {
        try await SQLiteThreads.run { [store] in try store.revoke(id, reason: reason, by: admin) }
    }

    public func append(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?) async throws -> [AppendResult] {
        try await SQLiteThreads.run { [store] in try store.append(drafts, by: author, master: master) }
    }

    public func secondFactor(of actor: String) async throws -> WebSessionRecord.Sealed? {
        try await SQLiteThreads.run { [store] in try store.secondFactor(of: actor) }
    }

    public func setSecondFactor(_ sealed: WebSessionRecord.Sealed, of actor: String) async throws -> Bool {
        try await SQLiteThreads.run { [store] in try store.setSecondFactor(sealed, of: actor) }
    }

    public func setWebSessionGlass(_ glass: WebSessionRecord.Sealed, digest: String) async throws {
        try await SQLiteThreads.run { [store] in try store.setWebSessionGlass(glass, digest: digest) }
    }

    public func endWebSessions(of actor: String, settingUpOnly: Bool) async throws -> Int {
        try await SQLiteThreads.run { [store] in try store.endWebSessions(of: actor, settingUpOnly: settingUpOnly) }
    }

    public func claimSecondFactorStep(_ step: Int64, of actor: String) async throws -> Bool {
        try await SQLiteThreads.run { [store] in try store.claimSecondFactorStep(step, of: actor) }
    }

    public func saveWebSession(_ session: WebSessionRecord) async throws {
        try await SQLiteThreads.run { [store] in try store.saveWebSession(session) }
    }

    public func webSession(digest: String) async throws -> WebSessionRecord? {
        try await SQLiteThreads.run { [store] in try store.webSession(digest: digest) }
    }

    public func touchWebSession(digest: String, at time: Date) async throws {
        try await SQLiteThreads.run { [store] in try store.touchWebSession(digest: digest, at: time) }
    }

    public func endWebSession(digest: String) async throws {
        try await SQLiteThreads.run { [store] in try store.endWebSession(digest: digest) }
    }

    public func webSessions(of actor: String) async throws -> [WebSessionRecord] {
        try await SQLiteThreads.run { [store] in try store.webSessions(of: actor) }
    }

    public func endWebSessions(idleSince: Date, openedBefore: Date) async throws -> Int {
        try await SQLiteThreads.run { [store] in try store.endWebSessions(idleSince: idleSince, openedBefore: openedBefore) }
    }

    public func recordAccess(_ records: [(type: String, data: [String: JSONValue])], master: MasterKey) async throws -> [AppendResult] {
        // A record waits for others' commits: off the storage threads requests run on (`StorageThreads.wait`).
        try await SQLiteThreads.wait { [store, accessCommits] in
            try accessCommits.committer { try AccessGroupCommit(store: store, master: master) }.record(records)
        }
    }

    public func erase(participant: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult {
        try await SQLiteThreads.run { [store] in try store.erase(participant: participant, reason: reason, by: admin) }
    }

    public func projections(master: MasterKey) -> any ProjectionStore { store.projections(master: master) }

    public func size(_ log: LogKind) async throws -> UInt64 {
        try await SQLiteThreads.run { [store] in try store.size(log) }
    }

    public func accessRecords() async throws -> [AccessLogEntry] {
        try await SQLiteThreads.run { [store] in try store.accessRecords() }
    }

    public func accessRecords(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [AccessLogEntry] {
        try await SQLiteThreads.run { [store] in try store.accessRecords(about: participant, before: before, limit: limit) }
    }

    public func openings(about participant: ParticipantID, before: UInt64?, limit: Int) async throws -> [OpeningRow] {
        try await SQLiteThreads.run { [store] in try store.openings(about: participant, before: before, limit: limit) }
    }

    public func events(inStream stream: String, master: MasterKey?) async throws -> [StoredEvent] {
        try await SQLiteThreads.run { [store] in try store.events(inStream: stream, master: master) }
    }

    public func exportLog(to directory: String, master: MasterKey) async throws -> (events: UInt64, access: UInt64) {
        try await SQLiteThreads.run { [store] in try store.exportLog(to: directory, master: master) }
    }

    public func backup(to path: String) async throws {
        try await SQLiteThreads.run { [store] in try store.backup(to: path) }
    }

    public func noteVerifier(_ log: LogKind) -> NoteVerifier { store.noteVerifier(log) }

    public func inclusionProof(seq: UInt64, size: UInt64?, table: LogKind) async throws -> InclusionProof {
        try await SQLiteThreads.run { [store] in try store.inclusionProof(seq: seq, size: size, table: table) }
    }

    public func consistencyProof(from: UInt64, to: UInt64?, table: LogKind) async throws -> ConsistencyProof {
        try await SQLiteThreads.run { [store] in try store.consistencyProof(from: from, to: to, table: table) }
    }

    public func checkpoint(_ log: LogKind, master: MasterKey) async throws -> String {
        try await SQLiteThreads.run { [store] in try store.checkpoint(log, master: master) }
    }

    public func signVerifiedCheckpoint(of summary: LogSummary, table: LogKind, master: MasterKey) async throws -> String {
        try await SQLiteThreads.run { [store] in try store.signVerifiedCheckpoint(of: summary, table: table, master: master) }
    }

    public func verify(since: String?, master: MasterKey?, progress: StoreVerifier.Progress?) async throws -> StoreVerification {
        try await SQLiteThreads.run { [store] in try store.verify(since: since, master: master, progress: progress) }
    }

    public func latestCheckpoint(_ log: LogKind) async throws -> String? {
        try await SQLiteThreads.run { [store] in try store.latestCheckpoint(log) }
    }

    public func saveCosignatures(_ lines: [String], log: LogKind, size: UInt64) async throws {
        try await SQLiteThreads.run { [store] in try store.saveCosignatures(lines, log: log, size: size) }
    }

    public func cosignedCheckpoint(_ log: LogKind, size: UInt64) async throws -> String? {
        try await SQLiteThreads.run { [store] in try store.cosignedCheckpoint(log, size: size) }
    }

    public func witnessedSizes(_ log: LogKind) async throws -> [String: UInt64] {
        try await SQLiteThreads.run { [store] in try store.witnessedSizes(log) }
    }

    public func recordWitnessAlarm(_ alarm: WitnessAlarm) async throws {
        try await SQLiteThreads.run { [store] in try store.recordWitnessAlarm(alarm) }
    }

    public func witnessAlarms(limit: Int) async throws -> [WitnessAlarm] {
        try await SQLiteThreads.run { [store] in try store.witnessAlarms(limit: limit) }
    }
}

/// The SQLite store blocks on the storage threads, off the cooperative pool.
typealias SQLiteThreads = StorageThreads
