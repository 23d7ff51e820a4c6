import ParcoursLog

/// Who asks: an actor id as claimed, and the signer that proves the claim.
///
/// Nothing is trusted before the signer has unlocked the actor's key: until then the id is
/// only what was typed, and the access log keeps it as such only when it has the syntax of
/// an actor id (else a digest: a name or a date of birth typed by mistake never reaches it).
public struct Identity: Sendable {
    /// The actor id as claimed.
    public let actor: String
    /// What proves it: a passphrase at the command line, a session's key on the web.
    public let signer: any Signer

    public init(actor: String, signer: any Signer) {
        self.actor = actor
        self.signer = signer
    }

    /// The claimed id as the permanent access log may keep it.
    public var recordable: String {
        Identifiers.isActorID(actor) ? actor : "unproven-" + String(Sodium.sha256(Array(actor.utf8)).hex.prefix(16))
    }
}
