import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog

/// A signed-in person, for one request: who she is, her proven public key (it proves her
/// identity to the use cases; her signing key is unsealed from the session only for a write),
/// and the token her forms carry.
struct WebSession: Sendable {
    /// The session's id as its cookie gives it (never logged).
    let id: String
    let actor: String
    let proven: ProvenIdentity
    /// The per-session token every form carries (CSRF).
    let csrfToken: String
    /// The session's public name, shown to its owner so she can end it (never its id).
    var handle = ""
    /// While the second factor is being set up, its new secret; such a session opens nothing else.
    var enrolment: [UInt8]?
    /// The records this session opened by breaking the glass, by participant, still in force.
    var glass: [String: GlassGrant] = [:]
    /// The key the cookie's secret makes, to seal what the session keeps (its grants).
    var sealingKey: DataKey?
    /// When the session ends at the latest.
    var ends = Date.distantFuture
    /// The language this request's pages speak (`Language`'s cookie).
    var language: Language = .fr
    /// Her roles, as this request found them in the directory (they may change during a session).
    var roles: Set<Role> = [] { didSet { workspaces = Workspace.of(roles) } }
    /// The workspaces her roles open (the navigation).
    private(set) var workspaces: [Workspace] = []
    /// This request's path, where the language switch comes back to.
    var path = "/"

    /// The identity the use cases are asked with: this person, proven by her session.
    var identity: Identity { Identity(actor: actor, signer: ProvenSigner(proven)) }
}
