import Foundation
import ParcoursApp
import PostgresNIO

/// The web application's second factors and sessions (`CaseStore`'s web sign-in part), as the SQLite store keeps them.
extension PostgresCaseStore {
    public func secondFactor(of actor: String) async throws -> WebSessionRecord.Sealed? {
        try await run { store in
            try store.sql { session in
                try session.row("SELECT sealed, nonce FROM second_factor WHERE actor = \(actor)").map {
                    let (sealed, nonce) = try $0.decode((ByteBuffer, ByteBuffer).self)
                    return WebSessionRecord.Sealed(ciphertext: Array(sealed.readableBytesView), nonce: Array(nonce.readableBytesView))
                }
            }
        }
    }

    public func setSecondFactor(_ sealed: WebSessionRecord.Sealed, of actor: String) async throws -> Bool {
        try await run { store in
            try store.sql { session in
                try session.rows("""
                    INSERT INTO second_factor (actor, sealed, nonce) VALUES (\(actor), \(ByteBuffer(bytes: sealed.ciphertext)), \(ByteBuffer(bytes: sealed.nonce)))
                    ON CONFLICT DO NOTHING RETURNING actor
                    """).count == 1
            }
        }
    }

    public func claimSecondFactorStep(_ step: Int64, of actor: String) async throws -> Bool {
        try await run { store in
            try store.sql { session in
                try session.rows("UPDATE second_factor SET last_step = \(step) WHERE actor = \(actor) AND last_step < \(step) RETURNING actor").count == 1
            }
        }
    }

    public func saveWebSession(_ session: WebSessionRecord) async throws {
        try await run { store in
            try store.sql { connection in
                _ = try connection.rows("""
                    INSERT INTO web_session
                    (digest, actor, sealed_seed, nonce, csrf_token, created_at, last_seen_at, device, enrolment, enrolment_nonce, glass, glass_nonce)
                    VALUES (\(session.digest), \(session.actor), \(ByteBuffer(bytes: session.sealedSeed)), \(ByteBuffer(bytes: session.nonce)),
                            \(session.csrfToken), \(session.createdAt.timeIntervalSince1970), \(session.lastSeenAt.timeIntervalSince1970),
                            \(session.device), \(session.enrolment.map { ByteBuffer(bytes: $0.ciphertext) }),
                            \(session.enrolment.map { ByteBuffer(bytes: $0.nonce) }), \(session.glass.map { ByteBuffer(bytes: $0.ciphertext) }),
                            \(session.glass.map { ByteBuffer(bytes: $0.nonce) }))
                    ON CONFLICT (digest) DO UPDATE SET actor = EXCLUDED.actor, sealed_seed = EXCLUDED.sealed_seed, nonce = EXCLUDED.nonce,
                        csrf_token = EXCLUDED.csrf_token, created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at,
                        device = EXCLUDED.device, enrolment = EXCLUDED.enrolment, enrolment_nonce = EXCLUDED.enrolment_nonce,
                        glass = EXCLUDED.glass, glass_nonce = EXCLUDED.glass_nonce
                    """)
            }
        }
    }

    public func webSession(digest: String) async throws -> WebSessionRecord? {
        try await run { store in
            try store.sql { session in try session.row("SELECT \(unescaped: Self.sessionColumns) FROM web_session WHERE digest = \(digest)").map(Self.webSession) }
        }
    }

    public func setWebSessionGlass(_ glass: WebSessionRecord.Sealed, digest: String) async throws {
        try await run { store in
            try store.sql { session in
                _ = try session.rows("""
                    UPDATE web_session SET glass = \(ByteBuffer(bytes: glass.ciphertext)), glass_nonce = \(ByteBuffer(bytes: glass.nonce))
                    WHERE digest = \(digest)
                    """)
            }
        }
    }

    public func endWebSessions(of actor: String, settingUpOnly: Bool) async throws -> Int {
        try await run { store in
            try store.sql { session in
                let setup = settingUpOnly ? " AND enrolment IS NOT NULL" : ""
                return try session.rows("DELETE FROM web_session WHERE actor = \(actor)\(unescaped: setup) RETURNING digest").count
            }
        }
    }

    public func touchWebSession(digest: String, at time: Date) async throws {
        try await run { store in
            try store.sql { session in
                _ = try session.rows("UPDATE web_session SET last_seen_at = \(time.timeIntervalSince1970) WHERE digest = \(digest)")
            }
        }
    }

    public func endWebSession(digest: String) async throws {
        try await run { store in try store.sql { session in _ = try session.rows("DELETE FROM web_session WHERE digest = \(digest)") } }
    }

    public func webSessions(of actor: String) async throws -> [WebSessionRecord] {
        try await run { store in
            try store.sql { session in
                try session.rows("""
                    SELECT \(unescaped: Self.sessionColumns) FROM web_session WHERE actor = \(actor) ORDER BY last_seen_at DESC
                    """).map(Self.webSession)
            }
        }
    }

    public func endWebSessions(idleSince: Date, openedBefore: Date) async throws -> Int {
        try await run { store in
            try store.sql { session in
                try session.rows("""
                    DELETE FROM web_session WHERE last_seen_at < \(idleSince.timeIntervalSince1970) OR created_at < \(openedBefore.timeIntervalSince1970)
                    RETURNING digest
                    """).count
            }
        }
    }

    private static let sessionColumns = """
        digest, actor, sealed_seed, nonce, csrf_token, created_at, last_seen_at, device, enrolment, enrolment_nonce, glass, glass_nonce
        """

    private static func webSession(_ row: PostgresRow) throws -> WebSessionRecord {
        let (digest, actor, seed, nonce, csrf, created, lastSeen, device, enrolment, enrolmentNonce, glass, glassNonce) = try row.decode(
            (String, String, ByteBuffer, ByteBuffer, String, Double, Double, String, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?).self)
        func sealed(_ ciphertext: ByteBuffer?, _ nonce: ByteBuffer?) -> WebSessionRecord.Sealed? {
            ciphertext.map { WebSessionRecord.Sealed(ciphertext: Array($0.readableBytesView), nonce: Array(nonce?.readableBytesView ?? ByteBuffer().readableBytesView)) }
        }
        return WebSessionRecord(digest: digest, actor: actor, sealedSeed: Array(seed.readableBytesView), nonce: Array(nonce.readableBytesView),
                                csrfToken: csrf, createdAt: Date(timeIntervalSince1970: created), lastSeenAt: Date(timeIntervalSince1970: lastSeen),
                                device: device, enrolment: sealed(enrolment, enrolmentNonce), glass: sealed(glass, glassNonce))
    }
}
