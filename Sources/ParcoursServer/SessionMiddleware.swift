import Hummingbird

/// Finds the session the request's cookie names and puts it in the context, with the language
/// the pages speak; the cookie of a session that ended is cleared.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let sessions: WebSessions

    /// `__Host-`: sent only over a secure channel (browsers count loopback as one), for
    /// this host only, path `/`, never readable by script, never sent from another site.
    static let cookieName = "__Host-parcours-session"

    static func cookie(_ value: String) -> Cookie {
        Cookie(name: cookieName, value: value, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static var clearedCookie: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    /// Where the language switch on this answer comes back to: the page itself, or, for the
    /// answer to a form, the page the form belongs to (its own path; the record for breaking
    /// the glass; the list for ending something).
    static func returnPath(_ request: Request) -> String {
        let path = request.uri.path
        // A page shown by GET comes back with its query (a chosen period, a search), when short enough to be one.
        guard request.method != .get else {
            let query = request.uri.query ?? ""
            return query.isEmpty || query.utf8.count > 200 ? path : path + "?" + query
        }
        if path.hasSuffix("/bris-de-vitre") { return String(path.dropLast("/bris-de-vitre".count)) }
        if path.hasSuffix("/fin") { return String(path.dropLast("/fin".count)) }
        return path
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Language(request)
        if let value = request.cookies[Self.cookieName]?.value, !value.isEmpty {
            do { context.session = try await sessions.resume(value, kind: .page) } catch {
                return WebFailure.response(for: error, session: nil, language: context.language)
            }
            context.session?.language = context.language
            context.session?.path = Self.returnPath(request)
            if context.session == nil {
                var response = try await next(request, context)
                response.setCookie(Self.clearedCookie)
                return response
            }
        }
        return try await next(request, context)
    }
}
