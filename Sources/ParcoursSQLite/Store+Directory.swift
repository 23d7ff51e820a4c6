import Foundation
import GRDB
import ParcoursLog

extension Store {
    /// Enrols a new actor with a new key sealed under `passphrase`; signed by an admin. With
    /// `link`, the passphrase is a one-time link's secret, its digest kept in the same transaction.
    @discardableResult
    public func enrol(actor id: String, name: String, organization: String, roles: [String], passphrase: String,
                      link: (digest: String, expiresAt: Date)? = nil, by admin: UnlockedActor) throws -> AppendResult {
        guard Identifiers.isActorID(id), id != Directory.logActor else {
            throw StoreError.invalidInput(field: "actor", reason: "1 to 64 lowercase letters, digits, '.', '_' or '-' (not 'log')")
        }
        try Self.checkText(name, field: "name")
        try Self.checkText(organization, field: "organization")
        try Self.checkRoles(roles)
        try Passphrase.checkNew(passphrase, field: "newPassphrase")
        let directory = try currentDirectory()
        guard directory.actors[id] == nil else { throw StoreError.invalidInput(field: "actor", reason: "\(id) is already enrolled") }
        try requireAdmin(admin, in: directory)
        let key = SigningKey.generate()
        let sealed = try seal(key, passphrase: passphrase)
        let data: [String: JSONValue] = ["actor": .string(id), "name": .string(name), "organization": .string(organization),
                                         "roles": .array(roles.map(JSONValue.string)), "key": .string(key.publicKey.base64)]
        return try writeDirectoryEvent(Directory.actorEnrolled, data: data, by: admin) { db in
            try self.storeSealedKey(key.publicKey, actor: id, sealed: sealed, db: db)
            if let link { try Self.saveEnrolmentLink(digest: link.digest, actor: id, expiresAt: link.expiresAt, in: db) }
        }
    }

    /// Gives an actor a new key sealed under `passphrase` (or a one-time link's secret, as `enrol`
    /// says); the old key signs nothing after this, and her web sessions and second factor end.
    @discardableResult
    public func rotateKey(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)? = nil,
                          by admin: UnlockedActor) throws -> AppendResult {
        try Passphrase.checkNew(passphrase, field: "newPassphrase")
        let directory = try currentDirectory()
        _ = try activeActor(id, in: directory)
        try requireAdmin(admin, in: directory)
        let key = SigningKey.generate()
        let sealed = try seal(key, passphrase: passphrase)
        return try writeDirectoryEvent(Directory.actorKeyRotated, data: ["actor": .string(id), "key": .string(key.publicKey.base64)],
                                       by: admin) { db in
            try self.storeSealedKey(key.publicKey, actor: id, sealed: sealed, db: db)
            try Self.forgetWebSignIn(of: id, in: db)
            if let link { try Self.saveEnrolmentLink(digest: link.digest, actor: id, expiresAt: link.expiresAt, in: db) }
        }
    }

    /// Replaces an actor's roles. The last active admin keeps the admin role.
    @discardableResult
    public func changeRoles(of id: String, to roles: [String], by admin: UnlockedActor) throws -> AppendResult {
        try Self.checkRoles(roles)
        let directory = try currentDirectory()
        let actor = try activeActor(id, in: directory)
        try requireAdmin(admin, in: directory)
        if actor.holds(Directory.adminRole), !roles.contains(Directory.adminRole), Self.activeAdmins(directory) == [id] {
            throw StoreError.ruleBroken("roles: \(id) is the last active admin; enrol another admin first")
        }
        return try writeDirectoryEvent(Directory.actorRolesChanged, data: ["actor": .string(id), "roles": .array(roles.map(JSONValue.string))],
                                       by: admin)
    }

    /// Revokes an actor: nothing signed by her or him is accepted afterwards.
    @discardableResult
    public func revoke(_ id: String, reason: String, by admin: UnlockedActor) throws -> AppendResult {
        try Self.checkText(reason, field: "reason")
        let directory = try currentDirectory()
        _ = try activeActor(id, in: directory)
        try requireAdmin(admin, in: directory)
        if Self.activeAdmins(directory) == [id] {
            throw StoreError.ruleBroken("actor: \(id) is the last active admin; enrol another admin first")
        }
        return try writeDirectoryEvent(Directory.actorRevoked, data: ["actor": .string(id), "reason": .string(reason)], by: admin) { db in
            try Self.forgetWebSignIn(of: id, in: db)
        }
    }

    /// The founding admin's display name, kept beside the log (log.created has no name).
    public func foundingAdminName() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE name = 'adminName'") }
    }

    /// Whether the store was created for demonstrations (`init --demo`): only such a store
    /// takes synthetic journeys.
    public func isDemoStore() throws -> Bool {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE name = 'purpose'") } == "demo"
    }

    private func writeDirectoryEvent(_ type: String, data: [String: JSONValue], by admin: UnlockedActor,
                                     alsoInTransaction extra: ((Database) throws -> Void)? = nil) throws -> AppendResult {
        try write([EventDraft(type: type, stream: Identifiers.directoryStream, data: data)], by: admin, master: nil,
                  alsoInTransaction: extra)[0]
    }

    private func activeActor(_ id: String, in directory: Directory) throws -> DirectoryActor {
        guard let actor = directory.actors[id] else { throw StoreError.unknownActor(id) }
        guard actor.active else { throw StoreError.revokedActor(id) }
        return actor
    }

    private func requireAdmin(_ admin: UnlockedActor, in directory: Directory) throws {
        guard try activeActor(admin.id, in: directory).holds(Directory.adminRole) else {
            throw StoreError.notPermitted(actor: admin.id, reason: "change the directory: the admin role is needed")
        }
    }

    private func seal(_ key: SigningKey, passphrase: String) throws -> PassphraseSeal {
        var seed = key.seed()
        defer { Sodium.zero(&seed) }
        return try PassphraseSeal.seal(seed, passphrase: passphrase)
    }

    private func storeSealedKey(_ key: PublicKey, actor: String, sealed: PassphraseSeal, db: Database) throws {
        try db.execute(sql: "INSERT INTO actor_key (public_key, actor, sealed, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key.base64, actor, CanonicalJSON.string(sealed.json), Timestamp.now().description])
    }

    static func activeAdmins(_ directory: Directory) -> [String] {
        directory.actors.values.filter { $0.active && $0.holds(Directory.adminRole) }.map(\.id)
    }

    /// The roles' shape; which roles the program knows is its own vocabulary, checked where it is typed (`Role`).
    static func checkRoles(_ roles: [String]) throws {
        guard !roles.isEmpty, Set(roles).count == roles.count, roles.allSatisfy(Identifiers.isActorID) else {
            throw StoreError.invalidInput(field: "roles", reason: "a non-empty list of distinct roles")
        }
    }

    static func checkText(_ text: String, field: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty, text.utf8.count <= 256,
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw StoreError.invalidInput(field: field, reason: "1 to 256 bytes of text without control characters") }
    }
}
