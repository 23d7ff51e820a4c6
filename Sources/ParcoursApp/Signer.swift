import ParcoursLog

/// Proves an identity by unlocking the actor's signing key kept by the store; the key then
/// signs her or his writes. The command line asks for a passphrase; the web server will
/// hold the key a session unlocked.
public protocol Signer: Sendable {
    /// The actor's unlocked key; throws when the claim is not proven (wrong passphrase,
    /// unknown or revoked actor).
    func unlock(_ actor: String, in store: any CaseStore) async throws -> UnlockedActor
}

/// Unlocks the actor's key with her or his passphrase, asked for only once the claimed id
/// is known to be well formed (never for a mistyped one).
public struct PassphraseSigner: Signer {
    let passphrase: @Sendable () throws -> String

    /// - Parameter passphrase: gives the passphrase when it is needed (a prompt, the environment).
    public init(passphrase: @escaping @Sendable () throws -> String) {
        self.passphrase = passphrase
    }

    public func unlock(_ actor: String, in store: any CaseStore) async throws -> UnlockedActor {
        try await store.unlockActor(actor, passphrase: passphrase())
    }
}

/// A key already unlocked, e.g. by a session: it proves only the actor it belongs to.
public struct UnlockedSigner: Signer {
    let key: UnlockedActor

    public init(_ key: UnlockedActor) { self.key = key }

    public func unlock(_ actor: String, in store: any CaseStore) async throws -> UnlockedActor {
        guard actor == key.id else { throw AppError.identityNotProven }
        return key
    }
}
