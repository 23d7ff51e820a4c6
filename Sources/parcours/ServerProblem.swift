/// A problem document (RFC 9457) a server answered that is not one of the domain's own errors:
/// a refused read, an unknown or erased record, an ended session, a rate limit. `Failure` puts
/// it into the command line's words; its texts are the server's, which never hold a record's content.
struct ServerProblem: Error {
    var status: Int
    /// The last segment of the problem's type URI (`denied`, `erased`, `unauthorized`…).
    var kind: String
    var detail: String
    var field: String?
    /// Why the policy refused a read, when it did (`AccessDecision.Denial`'s raw value).
    var denial: String?
    /// What was read (`journey`, `timeline`, `caseload`), to say what was refused.
    var view: String?
    /// The server's origin, to say where to sign in again.
    var server: String

    /// The session is missing, ended or expired: sign in again.
    var sessionEnded: Bool { status == 401 && kind != "sign-in-failed" }
}
