import ParcoursLog
import ParcoursStore

/// Writes the access-log record of a request before its answer is given (fail closed):
/// if the record cannot be written, the request fails and nothing is shown.
struct AccessTrail {
    let store: Store
    let master: MasterKey

    /// Records a refused request, then rethrows why it was refused.
    func denied(_ kind: String, actor: String, view: String, purpose: String, because error: any Error,
                details: [String: JSONValue] = [:]) throws -> Never {
        var details = details
        details["reason"] = .string(Self.category(of: error))
        try record(kind, actor: actor, view: view, purpose: purpose, outcome: "denied", details: details)
        throw error
    }

    private func record(_ kind: String, actor: String, view: String, purpose: String, outcome: String,
                        details: [String: JSONValue]) throws {
        var data = details
        data["actor"] = .string(Self.recordable(actor))
        data["view"] = .string(view)
        data["purpose"] = .string(purpose)
        data["outcome"] = .string(outcome)
        try store.recordAccess(type: "access." + kind, data: data, master: master)
    }

    /// An identity as the permanent access log may keep it: an actor id as given when it has
    /// the syntax of one, else a digest — whatever was typed (a name, a date of birth, 100 KB)
    /// never reaches the signed log or the privacy officer's screen.
    static func recordable(_ actor: String) -> String {
        Identifiers.isActorID(actor) ? actor : "unproven-" + String(Sodium.sha256(Array(actor.utf8)).hex.prefix(16))
    }

    /// A short category for the access log; never the error's text, which may name other things.
    static func category(of error: any Error) -> String {
        switch error {
        case StoreError.wrongPassphrase: "identity not proven"
        case StoreError.unknownActor: "unknown actor"
        case StoreError.invalidInput(field: "--as", reason: _): "unknown actor"
        case StoreError.revokedActor: "revoked actor"
        case StoreError.notPermitted: "role not permitted"
        default: "refused"
        }
    }
}
