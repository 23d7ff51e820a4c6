import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

/// The directory's changes: drawn up and checked by `DirectoryChange`, written here with what
/// each keeps beside the log, in the event's transaction.
extension Store {
    /// Enrols a new actor with a new key sealed under `passphrase`; signed by an admin. With
    /// `link`, the passphrase is a one-time link's secret, its digest kept in the same transaction.
    @discardableResult
    public func enrol(actor id: String, name: String, organization: String, roles: [String], passphrase: String,
                      link: (digest: String, expiresAt: Date)? = nil, by admin: UnlockedActor) throws -> AppendResult {
        try write(DirectoryChange.enrolment(of: id, name: name, organization: organization, roles: roles, passphrase: passphrase,
                                            link: link, directory: currentDirectory(), by: admin), by: admin)
    }

    /// Gives an actor a new key sealed under `passphrase` (or a one-time link's secret, as `enrol`
    /// says); the old key signs nothing after this, and her web sessions and second factor end.
    @discardableResult
    public func rotateKey(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)? = nil,
                          by admin: UnlockedActor) throws -> AppendResult {
        try write(DirectoryChange.keyRotation(of: id, passphrase: passphrase, link: link, directory: currentDirectory(), by: admin), by: admin)
    }

    /// Replaces an actor's roles. The last active admin keeps the admin role.
    @discardableResult
    public func changeRoles(of id: String, to roles: [String], by admin: UnlockedActor) throws -> AppendResult {
        try write(by: admin) { directory in try DirectoryChange.roleChange(of: id, to: roles, directory: directory, by: admin) }
    }

    /// Revokes an actor: nothing signed by her or him is accepted afterwards.
    @discardableResult
    public func revoke(_ id: String, reason: String, by admin: UnlockedActor) throws -> AppendResult {
        try write(by: admin) { directory in try DirectoryChange.revocation(of: id, reason: reason, directory: directory, by: admin) }
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

    /// Writes a directory change: its event, and in the same transaction its sealed key, the
    /// end of the actor's web sign-in, its one-time link.
    private func write(_ change: DirectoryChange, by admin: UnlockedActor) throws -> AppendResult {
        try write(by: admin) { _ in change }
    }

    /// Writes the directory change `make` draws up inside the write transaction, from the directory
    /// the log holds then (`LogWriter.append(directoryChange:)`), with what it keeps beside the log.
    private func write(by admin: UnlockedActor, making make: (Directory) throws -> DirectoryChange) throws -> AppendResult {
        try writer.append(directoryChange: make, by: admin, to: logStore(master: nil)) { change, transaction in
            // Only this store's own transactions reach here.
            let db = (transaction as! SQLiteLogTransaction).db
            if let key = change.newKey {
                try db.execute(sql: "INSERT INTO actor_key (public_key, actor, sealed, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [key.publicKey.base64, change.actor, key.sealed, Timestamp.now().description])
            }
            if change.endsWebSignIn { try Self.forgetWebSignIn(of: change.actor, in: db) }
            if let link = change.link { try Self.saveEnrolmentLink(digest: link.digest, actor: change.actor, expiresAt: link.expiresAt, in: db) }
        }
    }
}
