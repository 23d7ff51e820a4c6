import ParcoursAccess
import ParcoursLog

extension CaseRecord {
    /// An actor's second-factor secret (RFC 6238), opened with a key her unlocked signing key
    /// derives: a copy of the store alone gives no code. Nil when none is set up (a key
    /// rotation or a revocation deletes it); one that does not open is an error, never "none".
    public func secondFactorSecret(for key: UnlockedActor) async throws -> [UInt8]? {
        guard let sealed = try await store.secondFactor(of: key.id) else { return nil }
        return try Self.secondFactorKey(for: key).open(sealed.ciphertext, nonce: sealed.nonce, associatedData: Self.secondFactorData(key.id))
    }

    /// Sets up an actor's second factor, sealed as `secondFactorSecret` opens it; false when
    /// one is set up already (a second set-up never replaces the first).
    public func setSecondFactor(_ secret: [UInt8], for key: UnlockedActor) async throws -> Bool {
        let sealed = try Self.secondFactorKey(for: key).seal(secret, associatedData: Self.secondFactorData(key.id))
        return try await store.setSecondFactor(WebSessionRecord.Sealed(ciphertext: sealed.ciphertext, nonce: sealed.nonce), of: key.id)
    }

    /// Claims a code's time step: true only for a step later than every one used before.
    public func claimSecondFactorStep(_ step: Int64, of actor: String) async throws -> Bool {
        try await store.claimSecondFactorStep(step, of: actor)
    }

    private static func secondFactorKey(for key: UnlockedActor) throws -> DataKey {
        var seed = key.key.seed()
        defer { Sodium.zero(&seed) }
        var derived = Sodium.hmacSHA256(key: seed, Array("parcours/second-factor/v1".utf8))
        return try DataKey(id: "second-factor", bytes: &derived)
    }

    private static func secondFactorData(_ actor: String) -> [UInt8] { Array("parcours/second-factor/\(actor)".utf8) }
}
