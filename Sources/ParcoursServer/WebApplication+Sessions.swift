import Foundation
import Hummingbird

/// A person's own sessions: she sees where she is signed in and ends any of them; a page
/// about to time out asks whether to stay (`/session.js`).
extension WebApplication {
    func addSessionRoutes(to router: Router<WebContext>) {
        router.get("/sessions") { request, context in
            await page(request, context) { session in
                WebPages.sessions(try await sessions.list(of: session.actor), now: sessions.now(), session: session)
            }
        }
        router.post("/sessions/fin") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                let handle = form["session"] ?? ""
                guard try await sessions.end(handle: handle, of: session.actor) else { throw WebFailure.notFound }
                if handle == session.handle {
                    var response = Response.redirect(to: "/connexion", type: .normal)
                    response.setCookie(SessionMiddleware.clearedCookie)
                    return response
                }
                return WebPages.sessions(try await sessions.list(of: session.actor), now: sessions.now(), ended: true, session: session)
            }
        }
        // Staying signed in: the request itself renews the session; nothing to show (204 leaves
        // the page as it is, with or without script).
        router.post("/session/prolonger") { request, context in
            await page(request, context) { session in
                let form = try await WebForm(request, context: context)
                guard form.carries(token: session.csrfToken) else { return WebFailure.response(for: WebFailure.crossSite, session: session) }
                return Response(status: .noContent)
            }
        }
        router.get("/session.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: IdleWarning.script)))
        }
    }
}
