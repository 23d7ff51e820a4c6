import Foundation
import ParcoursAccess
import ParcoursLog

/// The directory of actors: who they are, their organization, roles and keys. Changes are
/// signed events of the `directory` stream, which the log's own authority rules let only an
/// administrator sign; reading the directory is decided by the access policy.
extension CaseRecord {
    /// An actor as the directory lists her or him.
    public struct ListedActor: Sendable, Equatable {
        public var id: String
        /// Nil only for a founding administrator created before names were kept.
        public var name: String?
        public var organization: String?
        /// As the directory spells them (a role this version does not know is listed as it is).
        public var roles: [String]
        /// The current public key, base64.
        public var key: String
        public var active: Bool
        /// When her one-time link (to choose her passphrase) expires, while one waits.
        public var linkWaitsUntil: Date?
    }

    /// Every actor, sorted by id (read for an audit by default, or to administer it; recorded so).
    public func directory(purpose: AccessPurpose = .audit, by identity: Identity) async throws -> [ListedActor] {
        let session = try await session(identity, view: .directory)
        try await session.authorize(.directory, purpose: purpose)
        let foundingName = try await store.foundingAdminName()
        let links = try await store.pendingEnrolmentLinks(at: Date())
        return session.directory.actors.values.sorted { $0.id < $1.id }.map { actor in
            ListedActor(id: actor.id, name: actor.name ?? foundingName, organization: actor.organization, roles: actor.roles,
                        key: actor.key.base64, active: actor.active, linkWaitsUntil: links[actor.id])
        }
    }

    /// The roles the directory gives `identity` now (her key proven): what the pages offer her.
    /// Nothing is read; each page she opens is still decided by the access policy.
    public func roles(by identity: Identity) async throws -> Set<Role> {
        let session = try await session(identity, view: .metadata)
        return Set(session.reader.roles.compactMap(Role.init(rawValue:)))
    }

    /// Enrols an actor, her or his key sealed under `passphrase`.
    public func enrol(actor id: ActorID, name: String, organization: String, roles: [Role], passphrase: String,
                      by identity: Identity) async throws -> AppendResult {
        let session = try await session(identity, view: .directory)
        return try await store.enrol(actor: id.rawValue, name: name, organization: organization, roles: roles.map(\.rawValue), passphrase: passphrase,
                                     link: nil, by: session.signingKey())
    }

    /// Gives an actor a new key, sealed under `passphrase`; the old one signs no more.
    public func rotateKey(of id: ActorID, passphrase: String, by identity: Identity) async throws -> AppendResult {
        let session = try await session(identity, view: .directory)
        return try await store.rotateKey(of: id.rawValue, passphrase: passphrase, link: nil, by: session.signingKey())
    }

    /// Replaces an actor's roles.
    public func changeRoles(of id: ActorID, to roles: [Role], by identity: Identity) async throws -> AppendResult {
        let session = try await session(identity, view: .directory)
        try await checkFirst(session) { try DirectoryChange.roleChange(of: id.rawValue, to: roles.map(\.rawValue), directory: $0, by: $1) }
        try await session.authorize(.directory, purpose: .administration, kind: .write)
        return try await store.changeRoles(of: id.rawValue, to: roles.map(\.rawValue), by: session.signingKey())
    }

    /// An administrator's change checked against the directory's rules (the last admin, a role she
    /// would give herself…) before the write is recorded as permitted: a change they refuse writes
    /// nothing, and the access log does not say it was written. The store decides again inside its
    /// write; someone else's change between the two can still refuse it there. Anyone else is left
    /// to the policy, which refuses and records.
    private func checkFirst(_ session: Session, _ change: (Directory, UnlockedActor) throws -> DirectoryChange) async throws {
        guard session.reader.roles.contains(Directory.adminRole) else { return }
        _ = try change(session.directory, try await session.signingKey())
    }

    /// Decides and records that `identity` ends a session of `id` (`end`, which does it and says
    /// whether there was one): a write of the directory, for administration, naming whose.
    public func endSession(of id: ActorID, by identity: Identity, _ end: () async throws -> Bool) async throws -> Bool {
        let session = try await session(identity, view: .directory)
        try await session.authorize(.directory, purpose: .administration, kind: .write, noting: { $0.command = "end session of " + id.rawValue })
        return try await end()
    }

    /// Revokes an actor: her or his key signs nothing more, and her or his reads are refused.
    public func revoke(_ id: ActorID, reason: String, by identity: Identity) async throws -> AppendResult {
        let session = try await session(identity, view: .directory)
        try await checkFirst(session) { try DirectoryChange.revocation(of: id.rawValue, reason: reason, directory: $0, by: $1) }
        try await session.authorize(.directory, purpose: .administration, kind: .write)
        return try await store.revoke(id.rawValue, reason: reason, by: session.signingKey())
    }
}
