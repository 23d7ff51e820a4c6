import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections

/// One request by a proven actor: her or his key unlocked, the directory as it stands, and
/// the consent-aware reader and writer that decide, record and redact.
///
/// Opening it proves the identity; a failure to prove it is recorded in the access log as a
/// denial (with a category, never the error's text) before it is thrown.
public struct Session: Sendable {
    public let reader: Reader
    /// What proved the reader's identity.
    let proven: ProvenIdentity
    /// What the request opened the session for (the view of the access records it writes).
    let view: AccessView
    public let directory: Directory
    let caseRecord: CaseRecord

    /// The reader's signing key, what signs her or his writes: unlocked when a write asks for it
    /// (a web session unseals it only then) and checked against the key proven. A key that does
    /// not prove the identity is recorded as a refused write (identity not proven), then refused;
    /// a write asks for it before anything of the write is decided or recorded.
    public func signingKey() async throws -> UnlockedActor {
        do { return try proven.key() } catch {
            var refusal = AccessRecord(kind: .write, actor: ActorID(reader.id)!, outcome: .denied)
            refusal.reason = .identityNotProven
            refusal.view = view
            refusal.purpose = view.usualPurpose
            try await record(refusal)
            throw AppError.identityNotProven
        }
    }

    public var store: any CaseStore { caseRecord.store }
    public var master: MasterKey { caseRecord.master }

    /// The consent-aware reads, each decided and recorded before its answer.
    public var views: ConsentAwareReader {
        ConsentAwareReader(projections: projections) { [caseRecord] records in
            try await caseRecord.recordAccess(records)
        }
    }

    public var projections: ProjectionReader { ProjectionReader(store: store.projections(master: master)) }

    /// Clinical acts written as the policy lets this reader write them (refusals recorded).
    var writer: ConsentAwareWriter {
        ConsentAwareWriter(store: store.projections(master: master)) { [caseRecord] record in try await caseRecord.recordAccess(record) }
    }

    /// The organization of every actor of the directory, for care teams.
    public var organizations: [String: String] { directory.organizations }

    /// Writes an access record durably (fail closed: a failure refuses what it records).
    public func record(_ record: AccessRecord) async throws { try await caseRecord.recordAccess(record) }

    /// Decides a request and records the decision; throws `ConsentAwareReader.Denied` when refused.
    /// `clinician`: whose caseload a coordinator reads for supervision (the policy checks her or his organization).
    @discardableResult
    public func authorize(_ view: AccessView, purpose: AccessPurpose = .care, kind: AccessRecord.Kind? = nil, clinician: Reader? = nil,
                          noting details: (inout AccessRecord) -> Void = { _ in }) async throws -> AccessDecision {
        // A write is signed: its key is proven before the write is decided (a refusal recorded as such).
        if kind == .write { _ = try await signingKey() }
        return try await views.decide(AccessRequest(reader: reader, view: view, purpose: purpose, clinician: clinician), kind: kind, noting: details)
    }

    /// A participant's journey as this reader may see it, the read recorded first.
    public func journey(of participant: ParticipantID, view: AccessView, breakGlass: String?) async throws -> (Journey, AccessDecision) {
        try await views.journey(of: participant.rawValue, for: reader, view: view, breakGlass: breakGlass, organizations: organizations,
                          today: CaseRecord.today())
    }
}

extension CaseRecord {
    /// Proves `identity` for a request on `view` (about `participant`, if any). An actor id
    /// that is not one is refused before anything is asked (and recorded only as a digest).
    public func session(_ identity: Identity, view: AccessView, participant: ParticipantID? = nil) async throws -> Session {
        do {
            _ = try ActorID(checking: identity.actor, field: "actor")
            let proven = try await identity.signer.prove(identity.actor, in: store)
            guard proven.actor == identity.actor else { throw AppError.identityNotProven }
            let directory = try await store.currentDirectory()
            guard let actor = directory.activeActor(proven.actor) else { throw LogError.revokedActor(proven.actor) }
            // A key since rotated (a session opened before) proves nothing any more.
            guard actor.key == proven.publicKey else { throw AppError.identityNotProven }
            return Session(reader: Reader(actor), proven: proven, view: view, directory: directory, caseRecord: self)
        } catch {
            // An actor of the directory, or `unproven-` and a keyed digest of what was typed: an id either way.
            let reason = Self.category(of: error)
            var record = AccessRecord(kind: view == .signIn ? .signIn : .read,
                                      actor: ActorID(identity.recordable(known: reason != .unknownActor, master: master))!, outcome: .denied)
            record.participant = participant
            record.reason = reason
            record.view = view
            record.purpose = view.usualPurpose
            try await recordAccess(record)
            throw error
        }
    }

    /// Writes an access record durably.
    func recordAccess(_ record: AccessRecord) async throws {
        try await recordAccess([record])
    }

    /// Writes access records durably, in order, with one sync: all or none. Never none: a read
    /// with nothing to record would be answered unrecorded.
    func recordAccess(_ records: [AccessRecord]) async throws {
        precondition(!records.isEmpty, "a read is recorded before it is answered")
        _ = try await store.recordAccess(records.map { ($0.type, $0.payload) }, master: master)
    }

    /// A short category for the access log; never the error's text, which may name other things.
    static func category(of error: any Error) -> AccessRecord.Reason {
        switch error {
        case LogError.wrongPassphrase, AppError.identityNotProven: .identityNotProven
        case LogError.unknownActor, AppError.invalidInput(field: "actor", reason: _): .unknownActor
        case LogError.revokedActor: .revokedActor
        case LogError.notPermitted: .roleNotPermitted
        default: .refused
        }
    }
}
