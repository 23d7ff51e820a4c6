import Foundation

/// Where people reach the server when a proxy stands in front of it (`parcours serve
/// --public-url`): a scheme and a host, with a port when not the scheme's own. Enrolment links
/// point there; over https the pages send HSTS, as a server speaking TLS itself does; a form's
/// `Origin` may be it.
public struct PublicAddress: Sendable, Equatable {
    /// `https://host[:port]`, as a browser sends it in `Origin`.
    public let origin: String
    /// Whether people reach it over TLS.
    public var secure: Bool { origin.hasPrefix("https://") }

    /// Nil unless `text` is an http or https address with a host and nothing after it but a
    /// final slash: no path, query, fragment or user (a link's path is the server's own).
    public init?(_ text: String) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, host.allSatisfy({ $0.isASCII && !$0.isWhitespace }),
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil, ["", "/"].contains(url.path) else { return nil }
        origin = "\(scheme)://\(host.lowercased())" + (url.port.map { ":\($0)" } ?? "")
    }

    /// What an error says the option accepts.
    public static let accepted = "an address such as https://parcours.example.org (http or https, a host, an optional port, no path)"
}
