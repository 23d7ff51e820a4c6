import Foundation
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursLog

extension WebPages {
    /// A form's refusals: by field, in the page's language, each with its field's label.
    typealias Refusals = [(field: String, label: String, message: String)]

    /// The values `PageTemplates.fieldErrors` and each field's `<field>Error` read.
    static func refusalValues(_ refusals: Refusals) -> [String: Any] {
        var values: [String: Any] = ["hasErrors": !refusals.isEmpty,
                                     "errors": refusals.map { ["field": $0.field, "label": $0.label, "message": $0.message] }]
        for refusal in refusals { values[refusal.field + "Error"] = refusal.message }
        return values
    }

    /// The roles as boxes to tick, `checked` ticked (`PageTemplates.roleChoices`).
    static func roleOptions(_ checked: Set<String>, language: Language) -> [[String: Any]] {
        Role.allCases.map { ["value": $0.rawValue, "label": VocabularyLabel.label($0, in: language), "checked": checked.contains($0.rawValue)] }
    }

    /// Roles as the directory spells them, in words (a role this version does not know, as it is).
    static func roleNames(_ roles: [String], language: Language) -> String {
        roles.map { Role(rawValue: $0).map { VocabularyLabel.label($0, in: language) } ?? $0 }.joined(separator: ", ")
    }

    static func listedActor(_ actor: CaseRecord.ListedActor, language: Language) -> [String: Any] {
        var values: [String: Any] = ["id": actor.id, "name": actor.name ?? "—", "organization": actor.organization ?? "—",
                                     "roles": roleNames(actor.roles, language: language), "active": actor.active]
        if let until = actor.linkWaitsUntil { values["linkWaitsUntil"] = minute(until) }
        return values
    }

    /// The directory and the form that enrols a person (`typed` given back with its refusals).
    /// `backups` says whether the server keeps backups (a directory was given); `backedUp` names the one just made.
    static func directory(_ actors: [CaseRecord.ListedActor], typed: EnrolmentDraft = EnrolmentDraft(), refusals: Refusals = [],
                          backups: Bool = false, backedUp: String? = nil, session: WebSession) -> Response {
        let language = session.language
        var values: [String: Any] = [
            "actors": actors.map { listedActor($0, language: language) }, "csrf": session.csrfToken, "backups": backups,
            "actor": typed.actor, "name": typed.name, "organization": typed.organization,
            "roleOptions": roleOptions(typed.roles, language: language),
        ]
        if let backedUp { values["backedUp"] = backedUp }
        values.merge(refusalValues(refusals)) { _, refusal in refusal }
        return page("directory", title: Catalogue.directory["title"]!(language), values, session: session,
                    status: refusals.isEmpty ? .ok : .badRequest)
    }

    /// One enrolled person: her roles to change, her open sessions to end, a new key, revocation.
    static func directoryActor(_ actor: CaseRecord.ListedActor, openSessions: [WebSessionRecord] = [], notice: String? = nil, reason: String = "",
                               refusals: Refusals = [], session: WebSession) -> Response {
        let language = session.language
        var values = listedActor(actor, language: language)
        values["sessions"] = openSessions.map { record in
            ["device": record.device, "since": minute(record.createdAt), "lastSeen": minute(record.lastSeenAt), "handle": WebSessions.handle(record.digest)]
        }
        values["hasSessions"] = !openSessions.isEmpty
        values["csrf"] = session.csrfToken
        values["roleOptions"] = roleOptions(Set(actor.roles), language: language)
        values["reason"] = reason
        if let notice { values["notice"] = notice }
        values.merge(refusalValues(refusals)) { _, refusal in refusal }
        return page("directoryActor", title: "\(Catalogue.directory["actorTitle"]!(language)) \(actor.id)", values, session: session,
                    status: refusals.isEmpty ? .ok : .badRequest)
    }

    /// The one-time link, shown once to the administrator who made it.
    static func enrolmentLink(_ link: EnrolmentLink, url: String, session: WebSession) -> Response {
        page("enrolmentLink", title: Catalogue.directory["linkHeading"]!(session.language),
             ["actor": link.actor, "url": url, "expires": minute(link.expiresAt)], session: session)
    }

    /// Where a person chooses her passphrase through her link (signed out).
    static func welcome(actor: String, action: String, csrf: String, refusals: Refusals = [], language: Language) -> Response {
        var values: [String: Any] = ["actor": actor, "action": action, "csrf": csrf]
        values.merge(refusalValues(refusals)) { _, refusal in refusal }
        return page("welcome", title: Catalogue.directory["welcomeTitle"]!(language), values, session: nil, language: language, returnTo: action,
                    status: refusals.isEmpty ? .ok : .badRequest)
    }
}

/// What an administrator typed to enrol a person, checked before anything is asked of the store.
struct EnrolmentDraft: Sendable {
    var actor = "", name = "", organization = ""
    var roles: Set<String> = []

    init() {}

    init(_ form: WebForm) {
        actor = (form["actor"] ?? "").trimmingCharacters(in: .whitespaces)
        name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        organization = (form["organization"] ?? "").trimmingCharacters(in: .whitespaces)
        roles = Set(form.values("roles"))
    }

    /// The roles ticked, when every one is a role.
    var checkedRoles: [Role]? {
        let known = roles.compactMap(Role.init(rawValue:))
        return known.count == roles.count ? known.sorted { $0.rawValue < $1.rawValue } : nil
    }

    /// What is refused, by field, in `language`.
    func refusals(in language: Language) -> WebPages.Refusals {
        let words = Catalogue.directory, checks = Catalogue.directoryChecks
        var refusals: WebPages.Refusals = []
        if ActorID(actor) == nil { refusals.append(("actor", words["id"]!(language), words["idHint"]!(language))) }
        if name.isEmpty || name.count > 200 { refusals.append(("name", words["name"]!(language), checks["text"]!(language))) }
        if organization.isEmpty || organization.count > 200 {
            refusals.append(("organization", words["organization"]!(language), checks["text"]!(language)))
        }
        if roles.isEmpty || checkedRoles == nil { refusals.append(("roles", words["roles"]!(language), checks["roles"]!(language))) }
        return refusals
    }
}
