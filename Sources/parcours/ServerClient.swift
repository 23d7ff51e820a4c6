import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ParcoursLog
import ParcoursProjections

/// The JSON API of a Parcours server (`/api/v1`, `Schemas/openapi.yaml`), as the command line's
/// server mode uses it: over HTTPS with the system's trust store, or plain HTTP to loopback only
/// (a passphrase and a bearer token would otherwise travel in clear); no redirect followed, no
/// cookie, no cache. Problem documents become errors: the domain's own when the server says
/// which (a refused act, an invalid field), `ServerProblem` otherwise. The token is never
/// printed nor put in a URL.
struct ServerClient: Sendable {
    /// `scheme://host[:port]`, what a session belongs to (`ServerSession` keeps one per origin).
    let origin: String
    /// The URL the API's paths are appended to (the origin, and a path prefix behind a proxy).
    let base: URL

    /// The client of the server at `text`, refused when it is not an absolute `https` URL, or
    /// `http` to loopback.
    init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty, components.user == nil, components.password == nil,
              components.query == nil, components.fragment == nil
        else {
            throw CommandError("--server: an absolute URL such as https://parcours.example (no user, query or fragment)")
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw CommandError(scheme == "http"
                ? "--server: plain http only to this machine (localhost, 127.0.0.1, ::1): elsewhere the passphrase and the session's token would travel in clear — use https"
                : "--server: an https URL (or http to this machine)")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        origin = "\(scheme)://\(shownHost)\(port)"
        let path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        guard let base = URL(string: origin + path) else { throw CommandError("--server: an absolute URL such as https://parcours.example") }
        self.base = base
    }

    /// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// What a request gives back: its status, headers and body.
    struct Answer {
        var status: Int
        var response: HTTPURLResponse
        var body: Data

        /// The body as `type`, or an error saying the server answered something else.
        func decoded<Value: Decodable>(_ type: Value.Type, origin: String) throws -> Value {
            do { return try JSONDecoder().decode(type, from: body) } catch { throw ServerClient.unreadable(String(describing: type), from: origin) }
        }

        /// The body's members, when it is a JSON object.
        var members: [String: JSONValue] {
            if case .object(let members)? = try? JSONParser.parse(Array(body)) { members } else { [:] }
        }
    }

    /// The refusal of an answer this version cannot read (`what` it expected).
    static func unreadable(_ what: String, from origin: String) -> CommandError {
        CommandError("--server \(origin): the answer is not what this version of parcours reads (\(what)); is the server's version the same?")
    }

    /// Sends `method path` with `token` as the bearer (nil: none) and `body` as JSON; an error
    /// status is thrown as the error its problem document says (`view`: what was read, to say so).
    func send(_ method: String, _ path: String, query: [URLQueryItem] = [], token: String?, body: Data? = nil,
              view: String? = nil) async throws -> Answer {
        guard var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false) else {
            throw CommandError("--server: an absolute URL such as https://parcours.example")
        }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw CommandError("--server: an absolute URL such as https://parcours.example") }
        var request = URLRequest(url: url, timeoutInterval: 90)  // a sign-in the server slows may wait 30 s
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        // English: the domain's refusals then read as the local mode's (`field: reason`).
        request.setValue("en", forHTTPHeaderField: "Accept-Language")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let data: Data, response: URLResponse
        do { (data, response) = try await Self.session.data(for: request) } catch {
            throw CommandError("--server \(origin): \(Self.reason(error))")
        }
        guard let http = response as? HTTPURLResponse else { throw CommandError("--server \(origin): no HTTP answer") }
        let answer = Answer(status: http.statusCode, response: http, body: data)
        switch answer.status {
        case 200..<300: return answer
        case 300..<400:
            throw CommandError("--server \(origin): the server answers with a redirect, which is not followed (it would carry the session); give the address it redirects to")
        default: throw problem(answer, view: view)
        }
    }

    /// The error a problem document (or a bare error status) stands for.
    func problem(_ answer: Answer, view: String?) -> any Error {
        let members = answer.members
        func text(_ name: String) -> String? { if case .string(let value)? = members[name] { value } else { nil } }
        let kind = text("type").map { String($0.split(separator: "/").last ?? "") } ?? ""
        let detail = text("detail") ?? HTTPURLResponse.localizedString(forStatusCode: answer.status)
        switch (kind, text("field")) {
        case ("act-refused", let field?): return ActRefused(field, detail, fr: detail)
        case ("invalid-input", let field?): return ServerProblem(status: answer.status, kind: kind, detail: detail, field: field, server: origin)
        default:
            return ServerProblem(status: answer.status, kind: kind, detail: detail, field: text("field"), denial: text("denial"), view: view,
                                 server: origin)
        }
    }

    /// Why a request got no answer, in words a person can act on (never the URL: it may name a participant).
    static func reason(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return "no answer (\(type(of: error)))" }
        return switch urlError.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed: "cannot reach the server (is it running, is the address right?)"
        case .timedOut: "the server did not answer in time"
        case .notConnectedToInternet, .networkConnectionLost: "the connection was lost"
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
             .secureConnectionFailed, .clientCertificateRejected:
            "the TLS connection failed (a certificate this machine does not trust?)"
        default: "no answer (error \(urlError.code.rawValue))"
        }
    }

    /// One session for every request: ephemeral (no cookie, no cache on disk), redirects refused.
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        return URLSession(configuration: configuration, delegate: NoRedirect(), delegateQueue: nil)
    }()

    /// A redirect would carry the bearer token (or a passphrase) to an address nobody chose: the
    /// redirect itself is the answer, an error.
    private final class NoRedirect: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
