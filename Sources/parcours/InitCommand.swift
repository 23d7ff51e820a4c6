import ArgumentParser
import ParcoursApp

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a store: its master key, its log key and the founding admin (log.created at seq 0).")

    @OptionGroup var store: StoreOptions
    @Option(help: "The log's origin name, e.g. spheres.example/parcours.") var origin: String
    @Option(help: "The founding admin's actor id.") var admin: String
    @Option(name: .customLong("admin-name"), help: "The founding admin's display name.") var adminName: String?
    @Flag(help: "A store for demonstrations and tests: the only kind that takes synthetic journeys (demo generate).")
    var demo = false

    func run() async throws {
        let adminPassphrase = try Secrets.passphrase(env: "PARCOURS_PASSPHRASE", prompt: "Phrase de passe de \(admin) : ")
        let master = try Secrets.master()
        let created = try await store.create(origin: origin, admin: admin, adminName: adminName,
                                            adminPassphrase: adminPassphrase, masterPassphrase: master, demo: demo)
        Output.json(["store": .string(store.location), "origin": .string(created.origin), "admin": .string(admin), "logKey": .string(created.logKey)])
    }
}
