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

    /// Nil unless `text` is an https address (http only on loopback: links carry secrets, cookies
    /// are Secure) with a host — a name or an address as written, never decoded — and nothing
    /// after it but a final slash: no path, query, fragment or user (a link's path is the
    /// server's own). The scheme's own port is left out, as a browser's `Origin` does.
    public init?(_ text: String) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              var host = url.encodedHost?.lowercased(), url.user == nil, url.password == nil, url.query == nil,
              url.fragment == nil, ["", "/"].contains(url.percentEncodedPath) else { return nil }
        if host.contains(":"), !host.hasPrefix("[") { host = "[" + host + "]" }
        guard Self.isHost(host), scheme == "https" || host == "localhost" || host == "[::1]" || host.hasPrefix("127.") else { return nil }
        let port = url.port.flatMap { $0 == (scheme == "https" ? 443 : 80) ? nil : $0 }
        origin = "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// A DNS name or an IPv4 address (letters, digits, dots and hyphens: an international name
    /// in its xn-- form), or an IPv6 address in brackets.
    static func isHost(_ host: String) -> Bool {
        if host.hasPrefix("[") {
            return host.count > 2 && host.hasSuffix("]") && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty && host.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    /// What an error says the option accepts.
    public static let accepted = "an address such as https://parcours.example.org (https, or http on loopback; a host, an optional port, no path)"
}
