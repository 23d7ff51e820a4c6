import ParcoursLog

/// Who asks: an actor id as claimed, and the signer that proves the claim.
///
/// Nothing is trusted before the signer has unlocked the actor's key: until then the id is
/// only what was typed, and the access log keeps it as such only when it names an actor of
/// the directory (else a keyed digest: a name, a date of birth or a passphrase typed in the
/// id's field by mistake never reaches it, nor can be found back from it).
public struct Identity: Sendable {
    /// The actor id as claimed.
    public let actor: String
    /// What proves it: a passphrase at the command line, a session's key on the web.
    public let signer: any Signer

    public init(actor: String, signer: any Signer) {
        self.actor = actor
        self.signer = signer
    }

    /// The claimed id as the permanent access log may keep it: as typed when it names an actor
    /// of the directory (`known`), else `unproven-` and 16 hex digits of a digest keyed by the
    /// master key (the same typed text, the same digest: repeated attempts still read together).
    public func recordable(known: Bool, master: MasterKey) -> String { Self.recordable(actor, known: known, master: master) }

    /// A claimed id as the access log may keep it (`recordable(known:master:)`).
    public static func recordable(_ claimed: String, known: Bool, master: MasterKey) -> String {
        guard known, Identifiers.isActorID(claimed) else {
            return "unproven-" + Hex.encode(master.digest(Array(claimed.utf8), purpose: "parcours/unproven-id/v1").prefix(8))
        }
        return claimed
    }
}
