import ArgumentParser
import ParcoursAccess
import ParcoursApp
import ParcoursLog

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor", abstract: "The directory: enrol actors, rotate keys, change roles, revoke.",
        subcommands: [Add.self, Rotate.self, Roles.self, Revoke.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enrol an actor with a new key (PARCOURS_NEW_PASSPHRASE).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The new actor's id.") var id: String
        @Option var name: String
        @Option var organization: String
        @Option(help: "Comma-separated roles: \(ActorCommand.accepted).") var roles: String
        @OptionGroup var signer: ActorOption

        func run() async throws {
            let actor = try ActorID(checking: id, field: "id")
            let result = try await store.caseRecord().enrol(actor: actor, name: name, organization: organization, roles: try ActorCommand.split(roles),
                                                            passphrase: try Secrets.newPassphrase(for: id), by: signer.identity)
            Output.json(result.json)
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an actor a new key (PARCOURS_NEW_PASSPHRASE), signed by an admin.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @OptionGroup var signer: ActorOption

        func run() async throws {
            let actor = try ActorID(checking: id, field: "id")
            let result = try await store.caseRecord().rotateKey(of: actor, passphrase: try Secrets.newPassphrase(for: id), by: signer.identity)
            Output.json(result.json)
        }
    }

    struct Roles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace an actor's roles.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Option(help: "Comma-separated roles: \(ActorCommand.accepted).") var roles: String
        @OptionGroup var signer: ActorOption

        func run() async throws {
            let actor = try ActorID(checking: id, field: "id")
            Output.json(try await store.caseRecord().changeRoles(of: actor, to: try ActorCommand.split(roles), by: signer.identity).json)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an actor: nothing she or he signs is accepted afterwards.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Option var reason: String
        @OptionGroup var signer: ActorOption

        func run() async throws {
            let actor = try ActorID(checking: id, field: "id")
            Output.json(try await store.caseRecord().revoke(actor, reason: reason, by: signer.identity).json)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the directory's actors as JSON Lines (no secret), for an admin or the privacy officer; the read is recorded.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption

        func run() async throws {
            for actor in try await store.caseRecord().directory(by: signer.identity) {
                Output.json(["actor": .string(actor.id), "name": actor.name.map(JSONValue.string) ?? .null,
                             "organization": actor.organization.map(JSONValue.string) ?? .null,
                             "roles": .array(actor.roles.map(JSONValue.string)), "key": .string(actor.key), "active": .bool(actor.active)])
            }
        }
    }

    /// The roles of `--roles`, each one the program knows.
    static func split(_ roles: String) throws -> [Role] {
        try roles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { name in
            guard let role = Role(rawValue: name) else {
                throw CommandError("--roles: unknown role \(name.prefix(64)); accepted: \(accepted)")
            }
            return role
        }
    }

    static let accepted = Role.allCases.map(\.rawValue).sorted().joined(separator: ", ")
}
