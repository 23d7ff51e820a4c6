import Foundation
import ParcoursApp
import ParcoursLog

/// The server's sessions, kept on the server; the browser holds only the cookie.
///
/// The actor's signing key is kept only sealed (XChaCha20-Poly1305) under a random key that
/// lives in the cookie, never on the server: a copy of the server's memory alone signs
/// nothing. The cookie is `id.secret`; the server keeps the id's digest, not the id.
/// A session ends after 15 minutes without a request, and in any case 10 hours after sign-in.
actor WebSessions {
    static let idleLimit: TimeInterval = 15 * 60
    static let absoluteLimit: TimeInterval = 10 * 3600

    private struct Entry {
        let actor: String
        let sealedSeed: [UInt8]
        let nonce: [UInt8]
        let csrfToken: String
        let createdAt: Date
        var lastSeenAt: Date
    }

    private var entries: [String: Entry] = [:]
    /// The clock, so tests can move time forward.
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    /// Opens a session for a person whose passphrase just unlocked her key; returns the cookie's value.
    func open(for key: UnlockedActor) throws -> String {
        let id = Self.token()
        var secret = Sodium.randomBytes(32)
        let cookie = id + "." + Self.base64URL(secret)
        let sealingKey = try DataKey(id: "web-session", bytes: &secret)
        var seed = key.key.seed()
        defer { Sodium.zero(&seed) }
        let sealed = sealingKey.seal(seed, associatedData: Self.associatedData(key.id))
        let time = now()
        entries[Self.digest(id)] = Entry(actor: key.id, sealedSeed: sealed.ciphertext, nonce: sealed.nonce, csrfToken: Self.token(),
                                         createdAt: time, lastSeenAt: time)
        return cookie
    }

    /// The session a cookie names, its key unsealed for this request; nil when there is none,
    /// it has expired (it is then ended), or the cookie's secret does not open it.
    func resume(_ cookie: String) -> WebSession? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let secretBytes = Self.bytes(base64URL: String(parts[1])), secretBytes.count == 32 else { return nil }
        let id = String(parts[0]), digest = Self.digest(id)
        guard var entry = entries[digest] else { return nil }
        let time = now()
        guard time.timeIntervalSince(entry.lastSeenAt) <= Self.idleLimit, time.timeIntervalSince(entry.createdAt) <= Self.absoluteLimit else {
            entries[digest] = nil
            return nil
        }
        var secret = secretBytes
        guard let sealingKey = try? DataKey(id: "web-session", bytes: &secret),
              var seed = try? sealingKey.open(entry.sealedSeed, nonce: entry.nonce, associatedData: Self.associatedData(entry.actor))
        else { return nil }
        defer { Sodium.zero(&seed) }
        guard let signingKey = try? SigningKey(seed: &seed) else { return nil }
        entry.lastSeenAt = time
        entries[digest] = entry
        return WebSession(id: id, actor: entry.actor, key: UnlockedActor(id: entry.actor, key: signingKey), csrfToken: entry.csrfToken)
    }

    /// Ends the session a cookie names: its sealed key is dropped.
    func end(_ cookie: String) {
        guard let id = cookie.split(separator: ".").first else { return }
        entries[Self.digest(String(id))] = nil
    }

    /// How many sessions are open (tests).
    var count: Int { entries.count }

    static func associatedData(_ actor: String) -> [UInt8] { Array("parcours/web-session/\(actor)".utf8) }

    /// 256 random bits, as cookie-safe text.
    static func token() -> String { base64URL(Sodium.randomBytes(32)) }

    static func digest(_ id: String) -> String { Sodium.sha256(Array(id.utf8)).hex }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func bytes(base64URL text: String) -> [UInt8]? {
        guard text.utf8.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Base64.decode(standard)
    }
}
