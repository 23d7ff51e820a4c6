import Foundation
import GRDB
import ParcoursApp

/// The web application's second factors and sessions (`CaseStore`'s web sign-in part).
extension Store {
    public func secondFactor(of actor: String) throws -> WebSessionRecord.Sealed? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT sealed, nonce FROM second_factor WHERE actor = ?", arguments: [actor]).map {
                WebSessionRecord.Sealed(ciphertext: [UInt8]($0["sealed"] as Data), nonce: [UInt8]($0["nonce"] as Data))
            }
        }
    }

    public func setSecondFactor(_ sealed: WebSessionRecord.Sealed, of actor: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO second_factor (actor, sealed, nonce) VALUES (?, ?, ?)",
                           arguments: [actor, Data(sealed.ciphertext), Data(sealed.nonce)])
            return db.changesCount == 1
        }
    }

    public func setWebSessionGlass(_ glass: WebSessionRecord.Sealed, digest: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE web_session SET glass = ?, glass_nonce = ? WHERE digest = ?",
                           arguments: [Data(glass.ciphertext), Data(glass.nonce), digest])
        }
    }

    public func endWebSessions(of actor: String, settingUpOnly: Bool) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE actor = ?" + (settingUpOnly ? " AND enrolment IS NOT NULL" : ""), arguments: [actor])
            return db.changesCount
        }
    }

    /// What a key rotation or a revocation ends with the old key: the actor's web sessions and
    /// second factor (sealed under a key the old one derived), in the directory event's transaction.
    static func forgetWebSignIn(of actor: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM web_session WHERE actor = ?", arguments: [actor])
        try db.execute(sql: "DELETE FROM second_factor WHERE actor = ?", arguments: [actor])
        try db.execute(sql: "DELETE FROM enrolment_link WHERE actor = ?", arguments: [actor])
    }

    public func claimSecondFactorStep(_ step: Int64, of actor: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE second_factor SET last_step = ? WHERE actor = ? AND last_step < ?", arguments: [step, actor, step])
            return db.changesCount == 1
        }
    }

    public func saveWebSession(_ session: WebSessionRecord) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO web_session
                (digest, actor, sealed_seed, nonce, csrf_token, created_at, last_seen_at, device, enrolment, enrolment_nonce, glass, glass_nonce)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session.digest, session.actor, Data(session.sealedSeed), Data(session.nonce), session.csrfToken,
                                 session.createdAt.timeIntervalSince1970, session.lastSeenAt.timeIntervalSince1970, session.device,
                                 session.enrolment.map { Data($0.ciphertext) }, session.enrolment.map { Data($0.nonce) },
                                 session.glass.map { Data($0.ciphertext) }, session.glass.map { Data($0.nonce) }])
        }
    }

    public func webSession(digest: String) throws -> WebSessionRecord? {
        try readers.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.webSessionColumns) FROM web_session WHERE digest = ?"), arguments: [digest]).map(Self.webSession)
        }
    }

    public func touchWebSession(digest: String, at time: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE web_session SET last_seen_at = ? WHERE digest = ?", arguments: [time.timeIntervalSince1970, digest])
        }
    }

    public func endWebSession(digest: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM web_session WHERE digest = ?", arguments: [digest]) }
    }

    public func webSessions(of actor: String) throws -> [WebSessionRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.webSessionColumns) FROM web_session WHERE actor = ? ORDER BY last_seen_at DESC", arguments: [actor])
                .map(Self.webSession)
        }
    }

    public func endWebSessions(idleSince: Date, openedBefore: Date) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE last_seen_at < ? OR created_at < ?",
                           arguments: [idleSince.timeIntervalSince1970, openedBefore.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// The columns `webSession(_:)` reads, named: a statement kept prepared pairs the names it was
    /// prepared with with what SQLite gives after a change of schema, so `*` could misread.
    private static let webSessionColumns = """
        digest, actor, sealed_seed, nonce, csrf_token, created_at, last_seen_at, device, enrolment, enrolment_nonce, glass, glass_nonce
        """

    private static func webSession(_ row: Row) -> WebSessionRecord {
        func sealed(_ column: String) -> WebSessionRecord.Sealed? {
            (row[column] as Data?).map { WebSessionRecord.Sealed(ciphertext: [UInt8]($0), nonce: [UInt8]((row[column + "_nonce"] as Data?) ?? Data())) }
        }
        return WebSessionRecord(digest: row["digest"], actor: row["actor"], sealedSeed: [UInt8](row["sealed_seed"] as Data),
                                nonce: [UInt8](row["nonce"] as Data), csrfToken: row["csrf_token"],
                                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                                lastSeenAt: Date(timeIntervalSince1970: row["last_seen_at"]), device: row["device"], enrolment: sealed("enrolment"),
                                glass: sealed("glass"))
    }
}
