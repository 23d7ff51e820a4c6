import Foundation
import ParcoursLog

/// A change of the directory drawn up and checked, for any backend to write: the signed
/// directory event, and what its transaction keeps beside the log — a new actor key sealed
/// under a passphrase, a one-time link's digest, the end of the actor's web sign-in.
///
/// Each maker checks its input and the admin's authority against the directory as it stands
/// (the errors name the field), so a backend only writes: the event through the log core's
/// writer, the rest in the same transaction.
public struct DirectoryChange: Sendable {
    /// A new key for an actor, its seed sealed under a passphrase (`PassphraseSeal`'s canonical JSON).
    public struct SealedKey: Sendable {
        public let publicKey: PublicKey
        public let sealed: String
    }

    /// The actor the change is about.
    public let actor: String
    /// The directory event.
    public let draft: EventDraft
    /// The key the event names, to keep sealed beside the log.
    public let newKey: SealedKey?
    /// Whether the actor's web sessions, second factor and link end (a key rotation, a revocation).
    public let endsWebSignIn: Bool
    /// A one-time link's digest and expiry, replacing any link of the actor.
    public let link: (digest: String, expiresAt: Date)?

    /// Enrols a new actor with a new key sealed under `passphrase` (with `link`, a one-time link's secret).
    public static func enrolment(of id: String, name: String, organization: String, roles: [String], passphrase: String,
                                 link: (digest: String, expiresAt: Date)?, directory: Directory, by admin: UnlockedActor) throws -> DirectoryChange {
        guard Identifiers.isActorID(id), id != Directory.logActor else {
            throw LogError.invalidInput(field: "actor", reason: "1 to 64 lowercase letters, digits, '.', '_' or '-' (not 'log')")
        }
        try StoreRules.checkText(name, field: "name")
        try StoreRules.checkText(organization, field: "organization")
        try StoreRules.checkRoles(roles)
        try Passphrase.checkNew(passphrase, field: "newPassphrase")
        guard directory.actors[id] == nil else { throw LogError.invalidInput(field: "actor", reason: "\(id) is already enrolled") }
        try StoreRules.requireAdmin(admin, in: directory)
        let key = try SealedKey(passphrase: passphrase)
        let data: [String: JSONValue] = ["actor": .string(id), "name": .string(name), "organization": .string(organization),
                                         "roles": .array(roles.map(JSONValue.string)), "key": .string(key.publicKey.base64)]
        return DirectoryChange(actor: id, draft: draft(Directory.actorEnrolled, data), newKey: key, endsWebSignIn: false, link: link)
    }

    /// Gives an actor a new key; the old one signs nothing after this, and her web sign-in ends.
    public static func keyRotation(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)?,
                                   directory: Directory, by admin: UnlockedActor) throws -> DirectoryChange {
        try Passphrase.checkNew(passphrase, field: "newPassphrase")
        _ = try StoreRules.activeActor(id, in: directory)
        try StoreRules.requireAdmin(admin, in: directory)
        let key = try SealedKey(passphrase: passphrase)
        return DirectoryChange(actor: id, draft: draft(Directory.actorKeyRotated, ["actor": .string(id), "key": .string(key.publicKey.base64)]),
                               newKey: key, endsWebSignIn: true, link: link)
    }

    /// Replaces an actor's roles. The last active admin keeps the admin role. An administrator
    /// gives herself no role she does not hold (a clinician's would open journeys to her): another
    /// administrator does, signing it; she may give up roles of her own.
    public static func roleChange(of id: String, to roles: [String], directory: Directory, by admin: UnlockedActor) throws -> DirectoryChange {
        try StoreRules.checkRoles(roles)
        let actor = try StoreRules.activeActor(id, in: directory)
        try StoreRules.requireAdmin(admin, in: directory)
        if actor.holds(Directory.adminRole), !roles.contains(Directory.adminRole), StoreRules.activeAdmins(directory) == [id] {
            throw LogError.ruleBroken("roles: \(id) is the last active admin; enrol another admin first")
        }
        if id == admin.id, let added = roles.first(where: { !actor.holds($0) }) {
            throw LogError.ruleBroken("roles: \(added) is not yours to give yourself; another administrator gives it")
        }
        return DirectoryChange(actor: id, draft: draft(Directory.actorRolesChanged, ["actor": .string(id), "roles": .array(roles.map(JSONValue.string))]),
                               newKey: nil, endsWebSignIn: false, link: nil)
    }

    /// Revokes an actor: nothing signed by her or him is accepted afterwards. Never the last active admin.
    public static func revocation(of id: String, reason: String, directory: Directory, by admin: UnlockedActor) throws -> DirectoryChange {
        try StoreRules.checkText(reason, field: "reason")
        _ = try StoreRules.activeActor(id, in: directory)
        try StoreRules.requireAdmin(admin, in: directory)
        if StoreRules.activeAdmins(directory) == [id] {
            throw LogError.ruleBroken("actor: \(id) is the last active admin; enrol another admin first")
        }
        return DirectoryChange(actor: id, draft: draft(Directory.actorRevoked, ["actor": .string(id), "reason": .string(reason)]),
                               newKey: nil, endsWebSignIn: true, link: nil)
    }

    private static func draft(_ type: String, _ data: [String: JSONValue]) -> EventDraft {
        EventDraft(type: type, stream: Identifiers.directoryStream, data: data)
    }
}

extension LogWriter {
    /// Appends the directory change `make` draws up inside the write transaction, from the
    /// directory as the log holds it once the writer's lock is taken — administrators giving up
    /// office at the same moment cannot all pass the last-admin rule on one stale read — and
    /// `keep` writes what the change keeps beside the log (its sealed key, the end of the actor's
    /// web sign-in, its link) in the same transaction. An enrolment's or a rotation's key is
    /// sealed before, outside the lock: the rules they race on (an id taken, an actor revoked,
    /// the author's authority) are the log's own, which the writer checks there.
    public func append(directoryChange make: (Directory) throws -> DirectoryChange, by admin: UnlockedActor, to store: any LogStore,
                       keeping keep: @escaping (DirectoryChange, any LogTransaction) throws -> Void) throws -> AppendResult {
        var made: DirectoryChange?
        return try append(preparing: { transaction in
            let change = try make(try directory(transaction).0)
            made = change
            return [change.draft]
        }, by: admin.author, signingKey: admin.key, to: store, alsoInTransaction: { transaction in
            if let change = made { try keep(change, transaction) }
        })[0]
    }
}

extension DirectoryChange.SealedKey {
    /// A new signing key, its seed sealed under `passphrase` and zeroed.
    init(passphrase: String) throws {
        let key = SigningKey.generate()
        self.init(publicKey: key.publicKey, sealed: try SealedKeys.seal(key, passphrase: passphrase))
    }
}
