import Foundation
import ParcoursLog

/// A one-time link through which a person chooses her own passphrase: made when an administrator
/// enrols her or gives her a new key, so that no administrator ever chooses or knows it.
///
/// The secret is 32 random bytes (base64url), shown to the administrator once to hand over; the
/// store keeps only its digest, and the new key is sealed under the secret until the person
/// seals it under her passphrase. A link lasts `lifetime` and serves once.
public struct EnrolmentLink: Sendable, Equatable {
    public static let lifetime: TimeInterval = 72 * 3600

    public let actor: String
    /// The secret the link carries (its path's last part); never stored, never logged.
    public let secret: String
    public let expiresAt: Date

    /// A new link for `actor`, valid for `lifetime` from `now`.
    static func make(for actor: String, now: Date) -> EnrolmentLink {
        let secret = Base64.encode(Sodium.randomBytes(32)).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return EnrolmentLink(actor: actor, secret: secret, expiresAt: now + lifetime)
    }

    /// What the store keeps of a secret.
    public static func digest(_ secret: String) -> String { Sodium.sha256(Array(secret.utf8)).hex }

    var stored: (digest: String, expiresAt: Date) { (Self.digest(secret), expiresAt) }
}
