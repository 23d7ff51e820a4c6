import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// The JSON API of the directory, for the administrator: the people enrolled, enrolling one
/// (answered with her one-time link: she chooses her own passphrase and second factor through it),
/// her roles, a new key (a new link), her revocation — the use cases of `/administration`.
extension WebApplication {
    func addDirectoryAPIRoutes(to router: Router<WebContext>) {
        router.get("/api/v1/directory") { request, _ in
            await api(request) { session, _ in
                let actors = try await caseRecord.directory(purpose: .administration, by: session.identity)
                return Self.canonical(["actors": .array(actors.map(Self.actorJSON))])
            }
        }
        router.post("/api/v1/directory") { request, _ in
            await api(request) { session, _ in
                let body = try await Self.apiObject(request, members: ["actor", "name", "organization", "roles"],
                                                    shape: "{\"actor\", \"name\", \"organization\", \"roles\": [role]}")
                let actor = try ActorID(checking: body["actor"]?.stringValue ?? "", field: "actor")
                let name = try Self.text("name", in: body), organization = try Self.text("organization", in: body)
                let link = try await caseRecord.enrolWithLink(actor: actor, name: name, organization: organization, roles: try Self.roles(body),
                                                              by: session.identity)
                return Self.canonical(linkJSON(link, request: request), status: .created, headers: [.location: "/api/v1/directory/" + actor.rawValue])
            }
        }
        router.get("/api/v1/directory/:actor") { request, context in
            await api(request) { session, _ in
                Self.canonical(Self.actorJSON(try await listed(context, session: session)))
            }
        }
        router.put("/api/v1/directory/:actor/roles") { request, context in
            await api(request) { session, _ in
                let actor = try await listed(context, session: session)
                let body = try await Self.apiObject(request, members: ["roles"], shape: "{\"roles\": [role]}")
                return Self.canonical(try await caseRecord.changeRoles(of: ActorID(actor.id)!, to: try Self.roles(body), by: session.identity).json)
            }
        }
        router.post("/api/v1/directory/:actor/key") { request, context in
            await api(request) { session, _ in
                let actor = try await listed(context, session: session)
                return Self.canonical(linkJSON(try await caseRecord.rotateKeyWithLink(of: ActorID(actor.id)!, by: session.identity), request: request),
                                      status: .created)
            }
        }
        router.post("/api/v1/directory/:actor/revocation") { request, context in
            await api(request) { session, _ in
                let actor = try await listed(context, session: session)
                let body = try await Self.apiObject(request, members: ["reason"], shape: "{\"reason\"}")
                let reason = try Self.text("reason", in: body, longest: 200)
                return Self.canonical(try await caseRecord.revoke(ActorID(actor.id)!, reason: reason, by: session.identity).json)
            }
        }
    }

    /// The person the path names, as the directory lists her (the read decided and recorded), or a 404.
    private func listed(_ context: WebContext, session: WebSession) async throws -> CaseRecord.ListedActor {
        let id = try ActorID(checking: context.parameters.get("actor") ?? "", field: "actor")
        guard let actor = try await caseRecord.directory(purpose: .administration, by: session.identity).first(where: { $0.id == id.rawValue }) else {
            throw APIProblem(status: .notFound, kind: "unknown-actor", detail: Wording("Aucune personne sous cet identifiant.", en: "No one under this id."),
                             field: "actor")
        }
        return actor
    }

    static func actorJSON(_ actor: CaseRecord.ListedActor) -> JSONValue {
        ["actor": .string(actor.id), "name": actor.name.map(JSONValue.string) ?? .null, "organization": actor.organization.map(JSONValue.string) ?? .null,
         "roles": .array(actor.roles.map(JSONValue.string)), "key": .string(actor.key), "active": .bool(actor.active),
         "linkWaitsUntil": actor.linkWaitsUntil.map { .string(ClinicalDate.format($0)) } ?? .null]
    }

    /// The one-time link to hand to the person (shown once; the store keeps only its digest).
    private func linkJSON(_ link: EnrolmentLink, request: Request) -> JSONValue {
        ["actor": .string(link.actor), "link": .string(linkURL(link, request: request)), "expiresAt": .string(ClinicalDate.format(link.expiresAt))]
    }

    /// A member that must be a text of 1 to `longest` characters, trimmed.
    static func text(_ name: String, in body: [String: JSONValue], longest: Int = 200) throws -> String {
        let text = body[name]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard (1...longest).contains(text.count) else { throw AppError.invalidInput(field: name, reason: "a text of 1 to \(longest) characters") }
        return text
    }

    /// The roles a body names: a non-empty list of the directory's roles.
    static func roles(_ body: [String: JSONValue]) throws -> [Role] {
        let names = Role.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .array(let items)? = body["roles"], !items.isEmpty else { throw AppError.invalidInput(field: "roles", reason: "a list of one or more of \(names)") }
        return try items.map { item in
            guard let role = item.stringValue.flatMap(Role.init(rawValue:)) else { throw AppError.invalidInput(field: "roles", reason: "each one of \(names)") }
            return role
        }
    }
}
