import ParcoursLog

/// Proves an identity: the actor's public key as the signer vouches for it, and the actor's
/// signing key, which signs her or his writes. The command line asks for a passphrase and
/// unlocks the key kept by the store; the web server's session proves the key it unlocked at
/// sign-in and unseals it again only for a write.
public protocol Signer: Sendable {
    /// The proof of `actor`'s claim; throws when it is not proven (wrong passphrase, unknown or
    /// revoked actor, a session that holds another actor's key).
    func prove(_ actor: String, in store: any CaseStore) async throws -> ProvenIdentity
}

/// What a signer proved: the actor, her or his public key, and the signing key — unlocked
/// already, or unlocked when a write asks for it (a read signs nothing, so its key need not be
/// in memory at all).
public struct ProvenIdentity: Sendable {
    public let actor: String
    public let publicKey: PublicKey
    private let unlock: @Sendable () throws -> UnlockedActor

    /// A key unlocked already.
    public init(_ key: UnlockedActor) {
        (actor, publicKey, unlock) = (key.id, key.key.publicKey, { key })
    }

    /// A public key proven otherwise; `unlock` gives the signing key when a write needs it.
    public init(actor: String, publicKey: PublicKey, unlock: @escaping @Sendable () throws -> UnlockedActor) {
        (self.actor, self.publicKey, self.unlock) = (actor, publicKey, unlock)
    }

    /// The signing key, for a write: refused unless it is the actor's and has the proven public key.
    public func key() throws -> UnlockedActor {
        let key = try unlock()
        guard key.id == actor, key.key.publicKey == publicKey else { throw AppError.identityNotProven }
        return key
    }
}

/// Unlocks the actor's key with her or his passphrase, asked for only once the claimed id
/// is known to be well formed (never for a mistyped one).
public struct PassphraseSigner: Signer {
    let passphrase: @Sendable () throws -> String

    /// - Parameter passphrase: gives the passphrase when it is needed (a prompt, the environment).
    public init(passphrase: @escaping @Sendable () throws -> String) {
        self.passphrase = passphrase
    }

    /// A key still waiting behind a one-time link (`EnrolmentLink`) is proven by no passphrase,
    /// not even the link's secret, expired or not: it opens through its link only. Looked at
    /// before the key is read (a link spent meanwhile has resealed the key under her passphrase)
    /// and after (a link made meanwhile), and refused after the derivation, so it takes as long
    /// as a wrong passphrase and says nothing more.
    public func prove(_ actor: String, in store: any CaseStore) async throws -> ProvenIdentity {
        let awaitedBefore = try await store.keyAwaitsLink(of: actor)
        let unlocked = try await store.unlockActor(actor, passphrase: passphrase())
        guard !awaitedBefore, try await !store.keyAwaitsLink(of: actor) else {
            throw LogError.wrongPassphrase(of: "the key of \(actor)", field: "passphrase")
        }
        return ProvenIdentity(unlocked)
    }
}

/// An identity proven already, e.g. by a session: it proves only the actor it belongs to.
public struct ProvenSigner: Signer {
    let proven: ProvenIdentity

    public init(_ proven: ProvenIdentity) { self.proven = proven }

    public init(_ key: UnlockedActor) { proven = ProvenIdentity(key) }

    public func prove(_ actor: String, in store: any CaseStore) async throws -> ProvenIdentity {
        guard actor == proven.actor else { throw AppError.identityNotProven }
        return proven
    }
}
