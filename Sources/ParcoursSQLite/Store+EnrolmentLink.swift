import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

/// One-time enrolment links: an administrator enrols a person, or gives her a new key, without
/// ever choosing or knowing her passphrase. The new key is sealed under a random secret that only
/// the link carries; the store keeps the secret's digest and when the link expires. Through the
/// link, the person seals her key under a passphrase of her own, once — the link is then spent.
extension Store {
    /// The row that makes `secret` a link for `actor` until `expiresAt`, in the transaction that
    /// enrols her or rotates her key; an earlier link of hers is void.
    static func saveEnrolmentLink(digest: String, actor: String, expiresAt: Date, in db: Database) throws {
        try db.execute(sql: "DELETE FROM enrolment_link WHERE actor = ?", arguments: [actor])
        try db.execute(sql: "INSERT INTO enrolment_link (digest, actor, created_at, expires_at) VALUES (?, ?, ?, ?)",
                       arguments: [digest, actor, Date().timeIntervalSince1970, expiresAt.timeIntervalSince1970])
    }

    /// The actor a link's digest names, while it is valid at `now`; nil for an unknown, spent or expired link.
    public func enrolmentLinkActor(digest: String, at now: Date) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT actor FROM enrolment_link WHERE digest = ? AND expires_at > ?",
                                arguments: [digest, now.timeIntervalSince1970])
        }
    }

    /// Whether `actor`'s key is still sealed under a link's secret: a link of hers not spent, expired or not.
    public func keyAwaitsLink(of actor: String) throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enrolment_link WHERE actor = ?)", arguments: [actor]) ?? false }
    }

    /// The actors with a link waiting, and when each expires (spent and expired ones are gone or left out).
    public func pendingEnrolmentLinks(at now: Date) throws -> [String: Date] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT actor, expires_at FROM enrolment_link WHERE expires_at > ?",
                                        arguments: [now.timeIntervalSince1970])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["actor"] as String, Date(timeIntervalSince1970: $0["expires_at"])) })
        }
    }

    /// Spends a link: the key sealed under `secret` is sealed under `passphrase` instead, and the
    /// link is gone, in one transaction (two uses at once: one wins, the other is refused). The
    /// key stays the one the directory names: nothing is appended to the log.
    public func redeemEnrolmentLink(digest: String, secret: String, passphrase: String, at now: Date) throws -> UnlockedActor {
        try Passphrase.checkNew(passphrase, field: "passphrase")
        guard let actor = try enrolmentLinkActor(digest: digest, at: now) else { throw StoreRules.linkNotValid }
        let unlocked = try unlockActor(actor, passphrase: secret)
        let sealed = try SealedKeys.seal(unlocked.key, passphrase: passphrase)
        try pool.write { db in
            try db.execute(sql: "DELETE FROM enrolment_link WHERE digest = ? AND expires_at > ?", arguments: [digest, now.timeIntervalSince1970])
            guard db.changesCount == 1 else { throw StoreRules.linkNotValid }
            // Nothing of a sign-in rightly exists while a key waits behind its link: a session or a
            // second factor made with the secret (by a store before it was no passphrase) ends here.
            try Self.forgetWebSignIn(of: actor, in: db)
            try db.execute(sql: "UPDATE actor_key SET sealed = ? WHERE public_key = ? AND actor = ?",
                           arguments: [sealed, unlocked.key.publicKey.base64, actor])
            guard db.changesCount == 1 else { throw StoreError.keyUnavailable(actor: actor) }
        }
        return unlocked
    }
}
