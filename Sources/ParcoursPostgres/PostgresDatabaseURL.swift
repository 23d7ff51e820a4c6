import Foundation
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]` URL,
/// read into a PostgresNIO connection configuration.
///
/// `sslmode` defaults to `prefer` (TLS when the server offers it). A `host` query item
/// naming a directory connects through the Unix socket there, as libpq does.
public struct PostgresDatabaseURL: Sendable {
    /// What each connection of the store is opened with.
    public let configuration: PostgresConnection.Configuration
    /// The database named by the URL.
    public let database: String

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw PostgresStoreError.invalidURL(reason: "expected postgres://user@host:port/database")
        }
        let user = components.user ?? "postgres"
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw PostgresStoreError.invalidURL(reason: "the URL names no database (…/database)") }
        let items = Dictionary(components.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { $1 })
        let tls: PostgresConnection.Configuration.TLS
        switch items["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(try Self.tlsContext())
        case "require": tls = .require(try Self.tlsContext())
        default: throw PostgresStoreError.invalidURL(reason: "sslmode is disable, prefer or require")
        }
        if let socketDirectory = items["host"], socketDirectory.hasPrefix("/") {
            configuration = .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(components.port ?? 5432)", username: user,
                                  password: components.password, database: database)
        } else {
            guard let host = components.host, !host.isEmpty else { throw PostgresStoreError.invalidURL(reason: "the URL names no host") }
            configuration = .init(host: host, port: components.port ?? 5432, username: user, password: components.password,
                                  database: database, tls: tls)
        }
        self.database = database
    }

    private init(configuration: PostgresConnection.Configuration, database: String) {
        self.configuration = configuration
        self.database = database
    }

    /// The same server and credentials, another database.
    public func with(database: String) -> PostgresDatabaseURL {
        var configuration = configuration
        configuration.database = database
        return PostgresDatabaseURL(configuration: configuration, database: database)
    }

    /// The system's trust roots, the server's name checked.
    private static func tlsContext() throws -> NIOSSLContext {
        try NIOSSLContext(configuration: .makeClientConfiguration())
    }
}
