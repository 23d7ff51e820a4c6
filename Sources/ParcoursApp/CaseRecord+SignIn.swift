import Dispatch
import ParcoursAccess
import ParcoursLog

extension CaseRecord {
    /// Proves an identity for a front that keeps it (a web session): the actor's key, unlocked
    /// by her or his signer, once the directory says the actor is active. A failure is recorded
    /// in the access log with its category (never the error's text), then thrown; a front says
    /// only that the id or the passphrase was wrong, never which — nor in time: a failure that
    /// derived no key (an unknown, revoked or malformed id) derives one from a decoy first, so
    /// it takes as long as a wrong passphrase.
    public func signIn(_ identity: Identity) async throws -> UnlockedActor {
        do { return try await session(identity, view: .signIn).signingKey() } catch {
            if Self.category(of: error) != .identityNotProven { await Self.spendAsMuchAsAnUnlock() }
            throw error
        }
    }

    /// Records a sign-in proven by both factors (`access.sign-in`, permitted, with the actor's
    /// organization), before its session opens: fail closed, a sign-in that cannot be recorded
    /// opens nothing. Refusals are recorded where they happen (`signIn`, `recordSignInRefusal`).
    public func recordSignIn(of actor: String) async throws {
        var record = AccessRecord(kind: .signIn, actor: try ActorID(checking: actor, field: "actor"), outcome: .permitted)
        record.view = .signIn
        record.organization = try await store.currentDirectory().actors[actor]?.organization
        try await recordAccess(record)
    }

    /// Records a sign-in refused outside `signIn`: at its second factor (wrong, replayed, or none
    /// set up where none can be), as a wrong passphrase is (identity not proven). The claimed id
    /// is kept as `Identity.recordable` keeps it: as typed only when it names an actor of the
    /// directory. An id refused by its syntax is not recorded here: its attempt goes through
    /// `signIn` as any other (its turn, a derivation), which records it.
    public func recordSignInRefusal(claimed actor: String, reason: AccessRecord.Reason) async throws {
        var record = AccessRecord(kind: .signIn, actor: ActorID(Identity.recordable(actor, known: reason != .unknownActor, master: master))!,
                                  outcome: .denied)
        record.reason = reason
        record.view = .signIn
        try await recordAccess(record)
    }

    /// A key sealed under a passphrase nobody knows, opened with another: one Argon2id
    /// derivation with the store's parameters, on a thread of its own.
    static func spendAsMuchAsAnUnlock() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                _ = try? decoy?.open(passphrase: "decoy")
                done.resume()
            }
        }
    }

    private static let decoy = try? PassphraseSeal.seal(Sodium.randomBytes(32), passphrase: Base64.encode(Sodium.randomBytes(32)))
}
