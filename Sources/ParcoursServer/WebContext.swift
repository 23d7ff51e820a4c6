import Hummingbird
import ParcoursApp

/// A request as the web application handles it: Hummingbird's own context, and the signed-in
/// person's session once `SessionMiddleware` has found it.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session of the cookie, resumed (its key unsealed for this request only); nil when signed out.
    var session: WebSession?
    /// The language the pages speak for this request.
    var language: Language = .fr

    public init(source: Source) { coreContext = .init(source: source) }

    /// Forms are small: an act is at most a few KB.
    public var maxUploadSize: Int { 256 * 1024 }
}
