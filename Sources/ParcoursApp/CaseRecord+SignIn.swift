import ParcoursAccess
import ParcoursLog

extension CaseRecord {
    /// Proves an identity for a front that keeps it (a web session): the actor's key, unlocked
    /// by her or his signer, once the directory says the actor is active. A failure is recorded
    /// in the access log with its category (never the error's text), then thrown; a front says
    /// only that the id or the passphrase was wrong, never which.
    public func signIn(_ identity: Identity) async throws -> UnlockedActor {
        try await session(identity, view: .caseload).author
    }
}
