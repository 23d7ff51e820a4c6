import HTTPTypes
import Hummingbird

/// The headers every answer carries: a strict content security policy (nothing but the
/// server's own scripts, styles and images; no frame, no base, forms to the server only),
/// no referrer, no sniffing, no cache (pages hold personal data), and HSTS over TLS.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Whether the server speaks TLS: only then is HSTS sent.
    let tls: Bool

    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do { response = try await next(request, context) } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Anything else a route let through (a store that failed): the 503 page, in words, nothing shown.
            response = WebFailure.response(for: error, session: nil, language: Language(request))
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains" }
        return response
    }
}
