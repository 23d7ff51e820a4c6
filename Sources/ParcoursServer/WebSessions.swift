import Foundation
import ParcoursApp
import ParcoursLog

/// The server's sessions, kept in the store; the browser holds only the cookie.
///
/// The actor's signing key is kept only sealed (XChaCha20-Poly1305) under a random key that
/// lives in the cookie, never on the server: a copy of the server's memory or database alone
/// signs nothing. The cookie is `id.secret`; the store keeps the id's digest, not the id.
/// A session ends after 15 minutes without a request, and in any case 10 hours after sign-in.
///
/// A session is the pages' or the API's, and only opens where it was made: an API token's id
/// starts with `~` (never in base64url, so never a page's), and the store keeps the digest of
/// the id with its mark — a token with its mark taken off names no session. So a token cannot
/// be sent as a cookie to read the pages past the API's rate limit, nor a cookie as a token.
struct WebSessions: Sendable {
    enum Kind: Sendable { case page, api }
    static let apiMark = "~"
    /// What an API session shows as its device in *My sessions*.
    static let apiDevice = "API"

    static let idleLimit: TimeInterval = 15 * 60
    static let absoluteLimit: TimeInterval = 10 * 3600
    /// How long a session opened for setting up the second factor lasts.
    static let enrolmentLimit: TimeInterval = 10 * 60
    /// The most sessions a person keeps open at once, pages and API together: a sign-in beyond
    /// ends the least recently used, so signing in again and again opens no unbounded number of
    /// sessions (each with its own API rate).
    static let mostSessions = 20
    /// A request refreshes the session's last use at most this often (a write per request otherwise).
    static let touchInterval: TimeInterval = 10

    let store: any CaseStore
    /// The clock, so tests can move time forward.
    let now: @Sendable () -> Date
    /// The sessions this server unsealed once, so that a read need not unseal the key again.
    let proven = ProvenSessions()
    /// Changes of one session's break-glass grants, one after another.
    private let grantChanges = OneAtATime()

    init(store: any CaseStore, now: @escaping @Sendable () -> Date = Date.init) { (self.store, self.now) = (store, now) }

    /// Opens a session for a person whose identity was just proven; returns the cookie's value.
    /// With `enrolling`, the session only sets up that second-factor secret (sealed like the key).
    /// Sessions that expired meanwhile are ended on the way, and the person's least recently
    /// used beyond `mostSessions`.
    /// A set-up session ends the actor's other set-up sessions: one at a time.
    func open(for key: UnlockedActor, device: String, enrolling secret: [UInt8]? = nil, kind: Kind = .page) async throws -> String {
        let time = now()
        _ = try await store.endWebSessions(idleSince: time - Self.idleLimit, openedBefore: time - Self.absoluteLimit)
        if secret != nil { _ = try await store.endWebSessions(of: key.id, settingUpOnly: true) }
        let id = (kind == .api ? Self.apiMark : "") + Self.token()
        var cookieSecret = Sodium.randomBytes(32)
        let cookie = id + "." + Self.base64URL(cookieSecret)
        let sealingKey = try DataKey(id: "web-session", bytes: &cookieSecret)
        var seed = key.key.seed()
        defer { Sodium.zero(&seed) }
        let sealed = sealingKey.seal(seed, associatedData: Self.associatedData(key.id))
        let enrolment = secret.map { secret in
            let box = sealingKey.seal(secret, associatedData: Self.associatedData(key.id, enrolment: true))
            return WebSessionRecord.Sealed(ciphertext: box.ciphertext, nonce: box.nonce)
        }
        try await store.saveWebSession(WebSessionRecord(digest: Self.digest(id), actor: key.id, sealedSeed: sealed.ciphertext, nonce: sealed.nonce,
                                                        csrfToken: Self.token(), createdAt: time, lastSeenAt: time, device: device,
                                                        enrolment: enrolment))
        let open = try await store.webSessions(of: key.id)
        // The new one first, then the most recently used (ties in a fixed order, so exactly `mostSessions` stay).
        let new = Self.digest(id)
        let kept = open.sorted { ($0.digest == new ? 1 : 0, $0.lastSeenAt, $0.createdAt, $0.digest) > ($1.digest == new ? 1 : 0, $1.lastSeenAt, $1.createdAt, $1.digest) }
        for record in kept.dropFirst(Self.mostSessions) {
            proven.forget(record.digest)
            try await store.endWebSession(digest: record.digest)
        }
        return cookie
    }

    /// The session a cookie names, for this request; nil when there is none, it has expired (it is
    /// then ended), or the cookie's secret does not open it. The signing key is unsealed the
    /// first time this server sees the session (its public key then proves the identity, and is
    /// remembered); after that, only when a write asks for it. A session of the other `kind` is none.
    func resume(_ cookie: String, kind: Kind) async throws -> WebSession? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix(Self.apiMark) == (kind == .api), var secretBytes = Self.bytes(base64URL: String(parts[1])), secretBytes.count == 32 else { return nil }
        defer { Sodium.zero(&secretBytes) }
        let id = String(parts[0]), digest = Self.digest(id)
        // An API session made before the mark (its id unmarked) opens no page either.
        guard let record = try await store.webSession(digest: digest), kind == .api || record.device != Self.apiDevice else { return nil }
        let time = now()
        let lifetime = record.enrolment == nil ? Self.absoluteLimit : Self.enrolmentLimit
        guard time.timeIntervalSince(record.lastSeenAt) <= Self.idleLimit, time.timeIntervalSince(record.createdAt) <= lifetime else {
            proven.forget(digest)
            try await store.endWebSession(digest: digest)
            return nil
        }
        let remembered = proven.publicKey(of: record, secret: secretBytes, now: time)
        var secret = secretBytes
        guard let sealingKey = try? DataKey(id: "web-session", bytes: &secret) else { return nil }
        let identity: ProvenIdentity
        if let remembered {
            identity = ProvenIdentity(actor: record.actor, publicKey: remembered) { try Self.unseal(record, with: sealingKey) }
        } else {
            guard let key = try? Self.unseal(record, with: sealingKey) else { return nil }
            proven.remember(record, publicKey: key.key.publicKey, secret: secretBytes, until: record.createdAt + lifetime, now: time)
            identity = ProvenIdentity(key)
        }
        var enrolment: [UInt8]?
        if let sealed = record.enrolment {
            guard let opened = try? sealingKey.open(sealed.ciphertext, nonce: sealed.nonce,
                                                    associatedData: Self.associatedData(record.actor, enrolment: true)) else { return nil }
            enrolment = opened
        }
        if time.timeIntervalSince(record.lastSeenAt) >= Self.touchInterval { try await store.touchWebSession(digest: digest, at: time) }
        return WebSession(id: id, actor: record.actor, proven: identity, csrfToken: record.csrfToken,
                          handle: Self.handle(digest), enrolment: enrolment, glass: Self.grants(in: record, opened: sealingKey, at: time),
                          sealingKey: sealingKey,
                          ends: record.createdAt + lifetime)
    }

    /// The actor's signing key, its seed opened by the cookie's secret.
    private static func unseal(_ record: WebSessionRecord, with sealingKey: DataKey) throws -> UnlockedActor {
        var seed = try sealingKey.open(record.sealedSeed, nonce: record.nonce, associatedData: associatedData(record.actor))
        defer { Sodium.zero(&seed) }
        return UnlockedActor(id: record.actor, key: try SigningKey(seed: &seed))
    }

    /// Keeps (or, with nil, drops) a break-glass grant in the session, sealed under its cookie's secret.
    /// The other grants are those the store holds when it is kept, not those this request began
    /// with: two tabs breaking the glass for two records at once both keep theirs.
    func keep(_ grant: GlassGrant?, for participant: String, in session: WebSession) async throws {
        guard let sealingKey = session.sealingKey else { return }
        let (store, digest, actor, time) = (store, Self.digest(session.id), session.actor, now())
        try await grantChanges.run(digest) {
            guard let record = try await store.webSession(digest: digest) else { return }
            var grants = Self.grants(in: record, opened: sealingKey, at: time)
            grants[participant] = grant
            // The grants' justifications are free text: their plaintext bytes are wiped once sealed.
            var plaintext = Array(try JSONEncoder().encode(grants))
            defer { Sodium.zero(&plaintext) }
            let box = sealingKey.seal(plaintext, associatedData: Self.associatedData(actor, glass: true))
            try await store.setWebSessionGlass(WebSessionRecord.Sealed(ciphertext: box.ciphertext, nonce: box.nonce), digest: digest)
        }
    }

    /// The break-glass grants a session's record holds still open at `time`, opened with its cookie's secret.
    private static func grants(in record: WebSessionRecord, opened sealingKey: DataKey, at time: Date) -> [String: GlassGrant] {
        guard let sealed = record.glass, var opened = try? sealingKey.open(sealed.ciphertext, nonce: sealed.nonce,
                                                                            associatedData: associatedData(record.actor, glass: true)) else { return [:] }
        defer { Sodium.zero(&opened) }
        return ((try? JSONDecoder().decode([String: GlassGrant].self, from: Data(opened))) ?? [:]).filter { $0.value.until > time }
    }

    /// Ends the session a cookie names: its sealed key is deleted.
    func end(_ cookie: String) async throws {
        guard let id = cookie.split(separator: ".").first else { return }
        proven.forget(Self.digest(String(id)))
        try await store.endWebSession(digest: Self.digest(String(id)))
    }

    /// Ends one of `actor`'s sessions, named by its handle; false when she has none such.
    func end(handle: String, of actor: String) async throws -> Bool {
        guard let record = try await list(of: actor).first(where: { Self.handle($0.digest) == handle }) else { return false }
        proven.forget(record.digest)
        try await store.endWebSession(digest: record.digest)
        return true
    }

    /// `actor`'s sessions still open, the most recently used first (set-up sessions left out).
    func list(of actor: String) async throws -> [WebSessionRecord] {
        let time = now()
        return try await store.webSessions(of: actor).filter {
            $0.enrolment == nil && time.timeIntervalSince($0.lastSeenAt) <= Self.idleLimit && time.timeIntervalSince($0.createdAt) <= Self.absoluteLimit
        }
    }

    /// How many sessions the store holds (tests).
    func count(of actor: String) async throws -> Int { try await store.webSessions(of: actor).count }

    /// A short public name for a session, shown to its owner to end it: never the id.
    static func handle(_ digest: String) -> String { String(digest.prefix(16)) }

    static func associatedData(_ actor: String, enrolment: Bool = false, glass: Bool = false) -> [UInt8] {
        Array("parcours/web-session/\(enrolment ? "second-factor/" : "")\(glass ? "glass/" : "")\(actor)".utf8)
    }

    /// 256 random bits, as cookie-safe text.
    static func token() -> String { base64URL(Sodium.randomBytes(32)) }

    static func digest(_ id: String) -> String { Sodium.sha256(Array(id.utf8)).hex }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func bytes(base64URL text: String) -> [UInt8]? {
        guard text.utf8.count <= 64 else { return nil }
        // Translated to standard base64 byte by byte, in a buffer wiped after (it holds a cookie's secret).
        var standard: [UInt8] = []
        standard.reserveCapacity(68)
        defer { Sodium.zero(&standard) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): standard.append(byte)
            case UInt8(ascii: "-"): standard.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): standard.append(UInt8(ascii: "/"))
            default: return nil
            }
        }
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        return standard.withUnsafeBufferPointer { Base64.decode(bytes: $0) }
    }
}

extension WebSessions {
    /// A coarse description of a browser from its `User-Agent`: its family and its system,
    /// nothing finer (no version, no device model), so a person tells her sessions apart.
    static func device(userAgent: String) -> String {
        let browsers = [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"), ("HeadlessChrome/", "Chromium"), ("Chrome/", "Chrome"),
                        ("Safari/", "Safari")]
        let systems = [("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
                       ("CrOS", "ChromeOS"), ("Linux", "Linux")]
        let browser = browsers.first { userAgent.contains($0.0) }?.1 ?? "?"
        let system = systems.first { userAgent.contains($0.0) }?.1 ?? "?"
        return "\(browser), \(system)"
    }
}
