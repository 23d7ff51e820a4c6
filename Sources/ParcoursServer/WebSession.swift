import ParcoursApp
import ParcoursLog

/// A signed-in person, for one request: who she is, the key her session unsealed (it proves
/// her identity to the use cases and signs her writes), and the token her forms carry.
struct WebSession: Sendable {
    /// The session's id as its cookie gives it (never logged).
    let id: String
    let actor: String
    let key: UnlockedActor
    /// The per-session token every form carries (CSRF).
    let csrfToken: String
    /// The language this request's pages speak (`Language`'s cookie).
    var language: Language = .fr
    /// This request's path, where the language switch comes back to.
    var path = "/"

    /// The identity the use cases are asked with: this person, proven by her session's key.
    var identity: Identity { Identity(actor: actor, signer: UnlockedSigner(key)) }
}
