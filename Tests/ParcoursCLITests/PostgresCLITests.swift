import Foundation
import ParcoursLog
import Testing

/// The command line on PostgreSQL: `copy` moves a SQLite store into an empty database, after
/// which both export the same log and `verify --database` passes — on the database, and on a
/// pg_dump of it restored into another; `migrate` says what it applied; the URL is never printed.
/// Needs the cluster `Tools/test` starts (`PARCOURS_TEST_DATABASE`): fails without it.
@Suite("PostgreSQL through the command line")
struct PostgresCLITests {
    /// PostgreSQL's client tools (psql, pg_dump, pg_restore), as Tools/postgres-cluster finds them.
    static func tool(_ name: String) throws -> String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw HarnessError("no PostgreSQL client tools in /usr/lib/postgresql")
        }
        return "/usr/lib/postgresql/\(version)/bin/\(name)"
    }

    /// Runs a PostgreSQL tool to completion; throws with its output when it fails.
    static func runTool(_ name: String, _ arguments: [String]) throws {
        let (status, output) = try ChildProcess.run(try tool(name), arguments)
        guard status == 0 else { throw HarnessError("\(name) failed: \(output)") }
    }

    /// A new empty database on the test cluster; its URL.
    static func newDatabase() throws -> String {
        guard let cluster = ProcessInfo.processInfo.environment["PARCOURS_TEST_DATABASE"], !cluster.isEmpty,
              var components = URLComponents(string: cluster) else {
            throw HarnessError("PARCOURS_TEST_DATABASE is not set: run the tests through Tools/test")
        }
        let name = "parcours_cli_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try runTool("psql", ["-q", "-d", cluster, "-c", "CREATE DATABASE \(name)"])
        components.path = "/" + name
        return components.string!
    }

    @Test("copy, then both exports agree, verify --database passes, and so does a restored pg_dump")
    func copyExportVerifyRestore() throws {
        let cli = try CLI.initialized()
        try cli.enrol("intervenante-exemple", name: "Intervenante Exemple", roles: "clinician")
        for n in 1...3 {
            try #require(try cli.append(eventLine(stream: "notes/copie", data: ["note": .string("exemple-\(n)")])).status == 0)
        }
        try #require(try cli.append(eventLine(stream: "participant/P-7Q4K2M", data: ["note": "texte scellé"])).status == 0)
        _ = try cli.events("notes/copie") // one access record
        let url = try Self.newDatabase()
        let host = try #require(URLComponents(string: url)?.port.map { ":\($0)" })

        let copied = try cli.run(["copy", "--from", cli.store.path, "--to", url])
        try #require(copied.status == 0, "\(copied)")
        #expect(!copied.stdout.contains(host) && !copied.stderr.contains(host), "the database's URL was printed")
        let again = try cli.run(["copy", "--from", cli.store.path, "--to", url])
        #expect(again.status == 2 && again.stderr.contains("empty database"), "\(again)")

        let fromSQLite = try cli.exportLog("export-sqlite")
        let fromPostgres = cli.root.appendingPathComponent("export-postgres")
        let exported = try cli.run(["export", "log", "--out", fromPostgres.path, "--as", CLI.adminID, "--database", url])
        try #require(exported.status == 0, "\(exported)")
        for name in ["log.vkey", "events.jsonl", "events.checkpoint"] {
            #expect(try Data(contentsOf: fromSQLite.appendingPathComponent(name)) == Data(contentsOf: fromPostgres.appendingPathComponent(name)),
                    "\(name) differs between the two exports")
        }
        // Each export first records itself in its own store's access log: all before that is the same.
        let access = try [fromSQLite, fromPostgres].map { try String(contentsOf: $0.appendingPathComponent("access.jsonl"), encoding: .utf8).split(separator: "\n") }
        #expect(access[0].count == access[1].count && access[0].dropLast() == access[1].dropLast(), "the access logs differ before the exports")

        let verified = try cli.verify(["--database", url])
        #expect(verified.status == 0, "\(verified)")
        let migrated = try cli.run(["migrate", "--database", url])
        let applied = try migrated.jsonLines().first?["applied"]
        #expect(migrated.status == 0 && applied == .array([]), "\(migrated)")

        let dump = cli.path("parcours.dump")
        try Self.runTool("pg_dump", ["-Fc", "-d", url, "-f", dump])
        let restored = try Self.newDatabase()
        try Self.runTool("pg_restore", ["--no-owner", "-d", restored, dump])
        let verifiedCopy = try cli.verify(["--database", restored])
        #expect(verifiedCopy.status == 0, "\(verifiedCopy)")
        #expect(!verifiedCopy.stdout.contains(host) && !verifiedCopy.stderr.contains(host), "the database's URL was printed")
    }

    @Test("a database whose migrations are behind is refused with the way to migrate; backup says whose job it is; no password is printed")
    func refusals() throws {
        let cli = try CLI()
        let url = try Self.newDatabase()
        let refused = try cli.run(["verify", "--database", url])
        #expect(refused.status != 0 && refused.stderr.contains("parcours migrate"), "\(refused)")
        let created = try cli.run(["init", "--database", url, "--origin", CLI.origin, "--admin", CLI.adminID])
        try #require(created.status == 0, "\(created)")
        #expect(try created.jsonLines().first?["store"]?.stringValue?.hasPrefix("postgres database parcours_cli_") == true, "\(created)")
        let backup = try cli.run(["backup", "--out", cli.path("copie.sqlite"), "--as", CLI.adminID, "--database", url])
        #expect(backup.status == 2 && backup.stderr.contains("pg_dump"), "\(backup)")
        // A password in the URL is never printed, not even when the server cannot be reached.
        let unreachable = try cli.run(["verify", "--database", "postgres://exemple:motdepasse-exemple@127.0.0.1:1/parcours"])
        #expect(unreachable.status != 0, "\(unreachable)")
        #expect(!unreachable.stderr.contains("motdepasse-exemple") && !unreachable.stdout.contains("motdepasse-exemple"), "\(unreachable)")
    }
}
