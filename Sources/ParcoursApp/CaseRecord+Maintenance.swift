import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursFiles

/// The administrator's work on the store itself: exports, backups, erasure, projections,
/// raw appends. Each is decided by the policy (`maintenance`, `export`, `backup`) and
/// recorded in the access log before anything is read or written.
extension CaseRecord {
    /// Exports both logs into `directory` (made 0700, or an empty one), as LOG-FORMAT.md
    /// says, for anyone to verify without our code. Returns how many records each holds.
    public func exportLog(to directory: String, by identity: Identity) async throws -> (events: UInt64, access: UInt64) {
        let session = try await session(identity, view: .export)
        try await session.authorize(.export, purpose: .administration)
        try PrivateFile.prepareDirectory(directory)
        return try await store.exportLog(to: directory, master: master)
    }

    /// Copies the store into a new file at `path` (0600): a backup, which opens only read-only.
    public func backup(to path: String, by identity: Identity) async throws {
        let session = try await session(identity, view: .backup)
        try await session.authorize(.backup, purpose: .administration)
        try await store.backup(to: path)
    }

    /// Erases a participant's record (crypto-shredding): her or his data key destroyed in the
    /// same transaction as the signed `participant.erased` that closes the stream.
    public func erase(participant: ParticipantID, reason: String, by identity: Identity) async throws -> AppendResult {
        let session = try await session(identity, view: .maintenance, participant: participant)
        try await session.authorize(.maintenance, purpose: .administration, kind: .write) {
            $0.participant = participant
            $0.command = "erase"
        }
        return try await store.erase(participant: participant.rawValue, reason: reason, by: session.signingKey())
    }

    /// Empties the named projections (all when empty) and rebuilds them from the log; returns
    /// those rebuilt and the log position they reached.
    public func rebuildProjections(_ names: Set<ProjectionName>, by identity: Identity) async throws -> (rebuilt: Set<ProjectionName>, position: UInt64) {
        let session = try await session(identity, view: .maintenance)
        try await session.authorize(.maintenance, purpose: .administration, noting: { $0.command = "projections rebuild" })
        let chosen = names.isEmpty ? Set(ProjectionName.allCases) : names
        try await session.projections.projector.rebuild(chosen)
        return (chosen, try await store.size(.events))
    }

    /// Brings the projections to the log's head; returns how many records they followed and the position reached.
    public func catchUpProjections(by identity: Identity) async throws -> (followed: UInt64, position: UInt64) {
        let session = try await session(identity, view: .maintenance)
        try await session.authorize(.maintenance, purpose: .administration, noting: { $0.command = "projections catch-up" })
        let followed = try await session.projections.projector.catchUp()
        return (followed, try await store.size(.events))
    }

    /// Appends events as they are given, outside the framework's rules (an administrator's
    /// repair or import), under the log's own rules (authority, chain, versions).
    public func append(_ drafts: [EventDraft], by identity: Identity) async throws -> [AppendResult] {
        guard !drafts.isEmpty else { throw AppError.invalidInput(field: "events", reason: "at least one event") }
        let session = try await session(identity, view: .maintenance)
        try await session.authorize(.maintenance, purpose: .administration, kind: .write) { $0.command = "append" }
        return try await store.append(drafts, by: session.signingKey(), master: master)
    }
}
