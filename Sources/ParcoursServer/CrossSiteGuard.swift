import HTTPTypes
import Hummingbird

/// Refuses a state change that did not come from the server's own pages: a POST whose
/// `Sec-Fetch-Site` says another site, whose `Origin` is another origin, or whose form does
/// not carry the token of its session (or, before sign-in, of its sign-in form's cookie).
/// No route changes anything on GET. Behind a proxy, the server's public address
/// (`PublicAddress`) is its origin too.
struct CrossSiteGuard<Context: RequestContext>: RouterMiddleware {
    var publicOrigin: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" {
            return WebFailure.response(for: WebFailure.crossSite, session: nil, language: Language(request))
        }
        // `Origin: null` is what a browser sends for a POST under `Referrer-Policy: no-referrer`:
        // the fetch metadata and the form's token decide then.
        if let origin = request.headers[.origin], origin != "null", origin != publicOrigin, origin != "http://" + (request.head.authority ?? ""),
           origin != "https://" + (request.head.authority ?? "") {
            return WebFailure.response(for: WebFailure.crossSite, session: nil, language: Language(request))
        }
        return try await next(request, context)
    }
}
