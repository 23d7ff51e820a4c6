import Foundation
import ParcoursAccess
import ParcoursLog

/// Enrolment and key rotation through one-time links (`EnrolmentLink`): the administrator
/// decides who is enrolled and with which roles; the person alone chooses her passphrase.
extension CaseRecord {
    /// Enrols an actor whose key is sealed under a new link's secret; returns the link, to be
    /// handed to her once. The directory's event is signed by the administrator, as the CLI's is.
    public func enrolWithLink(actor id: ActorID, name: String, organization: String, roles: [Role], now: Date = Date(),
                              by identity: Identity) async throws -> EnrolmentLink {
        let session = try await session(identity, view: .directory)
        try await session.authorize(.directory, purpose: .administration, kind: .write)
        let link = EnrolmentLink.make(for: id.rawValue, now: now)
        _ = try await store.enrol(actor: id.rawValue, name: name, organization: organization, roles: roles.map(\.rawValue),
                                  passphrase: link.secret, link: link.stored, by: session.signingKey())
        return link
    }

    /// Gives an actor a new key sealed under a new link's secret (her old key, sessions, second
    /// factor and any earlier link end); returns the link.
    public func rotateKeyWithLink(of id: ActorID, now: Date = Date(), by identity: Identity) async throws -> EnrolmentLink {
        let session = try await session(identity, view: .directory)
        try await session.authorize(.directory, purpose: .administration, kind: .write)
        let link = EnrolmentLink.make(for: id.rawValue, now: now)
        _ = try await store.rotateKey(of: id.rawValue, passphrase: link.secret, link: link.stored, by: session.signingKey())
        return link
    }

    /// The actor a link is for, while it is valid; nil otherwise (unknown, spent or expired).
    public func enrolmentLinkActor(secret: String, now: Date = Date()) async throws -> String? {
        try await store.enrolmentLinkActor(digest: EnrolmentLink.digest(secret), at: now)
    }

    /// Spends a link: the person's key is sealed under the passphrase she chose (checked as every
    /// new passphrase is); returns her unlocked key, to set up her second factor next.
    public func redeemEnrolmentLink(secret: String, passphrase: String, now: Date = Date()) async throws -> UnlockedActor {
        try await store.redeemEnrolmentLink(digest: EnrolmentLink.digest(secret), secret: secret, passphrase: passphrase, at: now)
    }
}
