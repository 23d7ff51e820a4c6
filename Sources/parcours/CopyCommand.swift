import ArgumentParser
import Foundation
import ParcoursLog

/// `parcours copy --from DIR --to postgres://…`: moves a SQLite store into an empty PostgreSQL database.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite store into an empty PostgreSQL database, every record byte for byte as signed.",
        discussion: """
            Stop the servers of the store first. The store must verify; a database that holds anything is refused. \
            The logs, their checkpoints and the sealed keys move; web sessions and second factors do not (sign in again). \
            Then `parcours export log` of both gives the same files, and `parcours verify --database` passes.
            """)

    @Option(help: "The SQLite store's directory.") var from: String
    @Option(help: "The PostgreSQL database: postgres://user@host:port/name (never printed).") var to: String

    func run() async throws {
        let copied = try await StoreOptions.copy(from: from, to: to)
        Output.json(["from": .string(from), "to": .string(StoreOptions.location(ofDatabase: to)), "events": .int(Int64(copied.events)), "access": .int(Int64(copied.access))])
    }
}
