import ParcoursApp
import PostgresNIO

/// What went wrong talking to PostgreSQL, in words that never carry a statement's arguments.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible, OperatorSummarized {
    /// The database URL cannot be used; `reason` says what would be accepted.
    case invalidURL(reason: String)
    /// The server refused a statement: its SQLSTATE and message (never the values bound).
    case refused(sqlState: String, message: String)
    /// The connection failed or closed; the transaction did not commit.
    case connection(String)
    /// The database's schema is behind this program: these migrations are not applied yet.
    case migrationsPending([String])

    public var description: String {
        switch self {
        case .invalidURL(let reason): "the database URL cannot be used: \(reason)"
        case .refused(let sqlState, let message): "PostgreSQL refused a statement (SQLSTATE \(sqlState)): \(message)"
        case .connection(let what): "the connection to PostgreSQL failed: \(what)"
        case .migrationsPending(let names):
            "the database's schema is behind this version of parcours (not applied: \(names.joined(separator: ", "))): "
                + "run `parcours migrate --database URL` first"
        }
    }

    /// For the server's log: the SQLSTATE without the server's message (a message may quote
    /// a value, as in "invalid input syntax for type …: \"…\"").
    public var operatorSummary: String {
        switch self {
        case .invalidURL: "PostgreSQL: the database URL cannot be used"
        case .refused(let sqlState, _): "PostgreSQL refused a statement: SQLSTATE \(sqlState)"
        case .connection(let what): "PostgreSQL connection failed: \(what)"
        case .migrationsPending(let names): "PostgreSQL schema behind: \(names.joined(separator: ", "))"
        }
    }

    /// The store's own words for an error of the driver. `PSQLError`'s own description hides
    /// everything (it may hold the query); the server's SQLSTATE and message are kept, its
    /// detail (which quotes values) is not.
    static func from(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let server = error.serverInfo {
            return PostgresStoreError.refused(sqlState: server[.sqlState] ?? "?????", message: server[.message] ?? "")
        }
        return PostgresStoreError.connection("\(error.code)")
    }
}
