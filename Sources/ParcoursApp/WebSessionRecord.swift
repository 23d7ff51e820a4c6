import Foundation

/// A web session as the store keeps it. Nothing in it signs or opens anything without the
/// secret that only the browser's cookie holds: the store has the digest of the session's id,
/// not the id, and the actor's signing seed sealed under the cookie's secret.
public struct WebSessionRecord: Sendable, Equatable {
    /// SHA-256 of the session's id, in hex.
    public var digest: String
    public var actor: String
    /// The actor's signing seed, sealed (XChaCha20-Poly1305) under the cookie's secret.
    public var sealedSeed: [UInt8]
    public var nonce: [UInt8]
    /// The token every form of the session carries (CSRF).
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// A coarse description of the browser (« Chromium, Linux »), so a person tells her sessions apart.
    public var device: String
    /// While the second factor is being set up: its new secret, sealed under the cookie's
    /// secret like the seed. Such a session opens nothing but the set-up page.
    public var enrolment: Sealed?
    /// The records opened by breaking the glass in this session, with their justifications,
    /// sealed under the cookie's secret like the seed (a justification may say much).
    public var glass: Sealed?

    /// A sealed value and its nonce.
    public struct Sealed: Sendable, Equatable {
        public var ciphertext: [UInt8]
        public var nonce: [UInt8]

        public init(ciphertext: [UInt8], nonce: [UInt8]) { (self.ciphertext, self.nonce) = (ciphertext, nonce) }
    }

    public init(digest: String, actor: String, sealedSeed: [UInt8], nonce: [UInt8], csrfToken: String, createdAt: Date, lastSeenAt: Date,
                device: String, enrolment: Sealed? = nil, glass: Sealed? = nil) {
        (self.digest, self.actor, self.sealedSeed, self.nonce, self.csrfToken) = (digest, actor, sealedSeed, nonce, csrfToken)
        (self.createdAt, self.lastSeenAt, self.device, self.enrolment, self.glass) = (createdAt, lastSeenAt, device, enrolment, glass)
    }
}
