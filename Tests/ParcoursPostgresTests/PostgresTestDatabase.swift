import Foundation
import ParcoursLog
import PostgresNIO
@testable import ParcoursPostgres

/// A new, empty database on the cluster `Tools/test` starts (`Tools/postgres-cluster`), for one test.
///
/// `PARCOURS_TEST_DATABASE` names the cluster (a URL of its `postgres` database). Without
/// it the tests fail rather than skip: the tool always starts a cluster and sets it.
struct PostgresTestDatabase: Sendable {
    /// The URL of this test's own database.
    let url: PostgresDatabaseURL
    /// Unwraps the data keys of the stores opened on it.
    let master = MasterKey(key: DataKey.generate(id: "master"))

    enum Missing: Error, CustomStringConvertible {
        case clusterURL
        var description: String {
            "PARCOURS_TEST_DATABASE is not set: run the tests through Tools/test, or start a cluster with "
                + "`Tools/postgres-cluster start DIR` and export the URL it prints"
        }
    }

    /// Creates a database with a name of its own; the cluster is thrown away with its databases.
    init() throws {
        guard let text = ProcessInfo.processInfo.environment["PARCOURS_TEST_DATABASE"], !text.isEmpty else { throw Missing.clusterURL }
        let cluster = try PostgresDatabaseURL(text)
        let name = "parcours_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let admin = PostgresConnections(url: cluster, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        try admin.withConnection { try $0.rows("CREATE DATABASE \(unescaped: name)") }
        url = cluster.with(database: name)
    }

    /// A store on this database: each one is another pool of connections, as another server would hold.
    func store(connections: Int = 16, groupCommit: Bool = true) throws -> PostgresLogStore {
        try PostgresLogStore(url: url, master: master, connections: connections, groupCommit: groupCommit)
    }

    /// Runs one statement outside any store, as an operator at `psql` would.
    func execute(_ query: PostgresQuery) throws -> [PostgresRow] {
        let connections = PostgresConnections(url: url, limit: 1, logger: Logger(label: "parcours.postgres.tests"))
        return try connections.withConnection { try $0.rows(query) }
    }
}
