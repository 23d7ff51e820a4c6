import ArgumentParser
import ParcoursLog

/// `parcours migrate`: brings a PostgreSQL database's schema up to this version of parcours.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the PostgreSQL schema's pending migrations (each once, in order) and say which ran.",
        discussion: "A server refuses a database whose migrations are behind; `init --database` applies them all.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let applied = try store.migrate()
        Output.json(["database": .string(store.location), "applied": .array(applied.map(JSONValue.string))])
    }
}
