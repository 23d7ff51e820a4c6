import Foundation
import ParcoursApp
import ParcoursLog
import PostgresNIO

/// The directory's changes and one-time enrolment links: drawn up and checked by
/// `DirectoryChange`, written here with what each keeps beside the log, in the event's transaction.
extension PostgresCaseStore {
    public func enrol(actor id: String, name: String, organization: String, roles: [String], passphrase: String,
                      link: (digest: String, expiresAt: Date)?, by admin: UnlockedActor) async throws -> AppendResult {
        try await run { store in
            try store.write(DirectoryChange.enrolment(of: id, name: name, organization: organization, roles: roles, passphrase: passphrase,
                                                      link: link, directory: store.directory(), by: admin), by: admin)
        }
    }

    public func rotateKey(of id: String, passphrase: String, link: (digest: String, expiresAt: Date)?,
                          by admin: UnlockedActor) async throws -> AppendResult {
        try await run { store in
            try store.write(DirectoryChange.keyRotation(of: id, passphrase: passphrase, link: link, directory: store.directory(), by: admin),
                            by: admin)
        }
    }

    public func changeRoles(of id: String, to roles: [String], by admin: UnlockedActor) async throws -> AppendResult {
        try await run { store in
            try store.write(by: admin) { directory in try DirectoryChange.roleChange(of: id, to: roles, directory: directory, by: admin) }
        }
    }

    public func revoke(_ id: String, reason: String, by admin: UnlockedActor) async throws -> AppendResult {
        try await run { store in
            try store.write(by: admin) { directory in try DirectoryChange.revocation(of: id, reason: reason, directory: directory, by: admin) }
        }
    }

    /// Writes a directory change: its event, and in the same transaction its sealed key, the
    /// end of the actor's web sign-in, its one-time link (replacing an earlier one).
    private func write(_ change: DirectoryChange, by admin: UnlockedActor) throws -> AppendResult {
        try write(by: admin) { _ in change }
    }

    /// Writes the directory change `make` draws up inside the write transaction, from the directory
    /// the log holds then (`LogWriter.append(directoryChange:)`), with what it keeps beside the log.
    private func write(by admin: UnlockedActor, making make: (Directory) throws -> DirectoryChange) throws -> AppendResult {
        try writer.append(directoryChange: make, by: admin, to: log) { change, transaction in
            let session = (transaction as! PostgresLogTransaction).session
            if let key = change.newKey {
                try session.rows("""
                    INSERT INTO actor_key (public_key, actor, sealed, created_at)
                    VALUES (\(key.publicKey.base64), \(change.actor), \(key.sealed), \(Timestamp.now().description))
                    """)
            }
            if change.endsWebSignIn { try Self.forgetWebSignIn(of: change.actor, in: session) }
            if let link = change.link {
                try session.rows("DELETE FROM enrolment_link WHERE actor = \(change.actor)")
                try session.rows("""
                    INSERT INTO enrolment_link (digest, actor, created_at, expires_at)
                    VALUES (\(link.digest), \(change.actor), \(Date().timeIntervalSince1970), \(link.expiresAt.timeIntervalSince1970))
                    """)
            }
        }
    }

    public func enrolmentLinkActor(digest: String, at now: Date) async throws -> String? {
        try await run { store in try store.linkActor(digest: digest, at: now) }
    }

    private func linkActor(digest: String, at now: Date) throws -> String? {
        try sql { session in
            try session.row("SELECT actor FROM enrolment_link WHERE digest = \(digest) AND expires_at > \(now.timeIntervalSince1970)")?
                .decode(String.self)
        }
    }

    public func keyAwaitsLink(of actor: String) async throws -> Bool {
        try await run { store in
            try store.sql { session in try session.row("SELECT 1 FROM enrolment_link WHERE actor = \(actor) LIMIT 1") != nil }
        }
    }

    public func pendingEnrolmentLinks(at now: Date) async throws -> [String: Date] {
        try await run { store in
            try store.sql { session in
                let rows = try session.rows("SELECT actor, expires_at FROM enrolment_link WHERE expires_at > \(now.timeIntervalSince1970)")
                return Dictionary(uniqueKeysWithValues: try rows.map {
                    let (actor, expires) = try $0.decode((String, Double).self)
                    return (actor, Date(timeIntervalSince1970: expires))
                })
            }
        }
    }

    /// Spends a link: the key sealed under `secret` is sealed under `passphrase` instead, and the
    /// link is gone, in one transaction (two uses at once: one wins, the other is refused).
    public func redeemEnrolmentLink(digest: String, secret: String, passphrase: String, at now: Date) async throws -> UnlockedActor {
        try await run { store in
            try Passphrase.checkNew(passphrase, field: "passphrase")
            guard let actor = try store.linkActor(digest: digest, at: now) else { throw StoreRules.linkNotValid }
            let unlocked = try store.unlockActorNow(actor, passphrase: secret)
            let sealed = try SealedKeys.seal(unlocked.key, passphrase: passphrase)
            try store.transaction { session in
                guard try session.rows("""
                    DELETE FROM enrolment_link WHERE digest = \(digest) AND expires_at > \(now.timeIntervalSince1970) RETURNING actor
                    """).count == 1 else { throw StoreRules.linkNotValid }
                // Nothing of a sign-in rightly exists while a key waits behind its link: a session or a
                // second factor made with the secret (by a store before it was no passphrase) ends here.
                try Self.forgetWebSignIn(of: actor, in: session)
                guard try session.rows("""
                    UPDATE actor_key SET sealed = \(sealed) WHERE public_key = \(unlocked.key.publicKey.base64) AND actor = \(actor) RETURNING actor
                    """).count == 1 else { throw LogError.keyUnavailable(actor: actor) }
            }
            return unlocked
        }
    }

    /// What a key rotation or a revocation ends with the old key: the actor's web sessions,
    /// second factor and link, in the directory event's transaction.
    static func forgetWebSignIn(of actor: String, in session: PostgresSession) throws {
        try session.rows("DELETE FROM web_session WHERE actor = \(actor)")
        try session.rows("DELETE FROM second_factor WHERE actor = \(actor)")
        try session.rows("DELETE FROM enrolment_link WHERE actor = \(actor)")
    }
}
