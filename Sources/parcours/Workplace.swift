import ArgumentParser
import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// Where a clinician's command runs: on the store itself — `--store` and `--as`, the operator's
/// local mode, which needs the store's master passphrase — or through a server (`--server URL`,
/// or `PARCOURS_SERVER` when `--as` is not given), signed in with `parcours signin`, so that no
/// clinician holds the master passphrase. Either way the same use case, policy and access
/// record answer, and the command prints the same.
struct Workplace: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("as"), help: "The actor who signs, on the store itself (unlocked with PARCOURS_PASSPHRASE or a prompt).")
    var actor: String?
    @OptionGroup var serverOption: ServerOption

    func validate() throws {
        if serverOption.url != nil, actor != nil {
            throw ValidationError("--as: not with --server — the session opened by `parcours signin` says who you are")
        }
        if server != nil, store.storePath != nil { throw ValidationError("--store: not with --server — the server keeps the store") }
        if actor == nil, server == nil {
            throw ValidationError("--as: the actor who signs, on the store itself; or work through a server: --server URL (after parcours signin)")
        }
    }

    /// The server to work through: `--server`, else `PARCOURS_SERVER` unless `--as` asks for the store itself.
    var server: String? { actor == nil ? serverOption.address : serverOption.url }

    /// A participant's journey as the access policy lets the reader see it, with the categories
    /// it let her or him see (the text says what was left out); the read recorded first.
    func journey(of participant: ParticipantID, breakGlass: String?) async throws -> (Journey, Set<InformationCategory>) {
        guard let server else {
            let (journey, decision) = try await local().journey(of: participant, view: .journey, by: identity, breakGlass: breakGlass)
            return (journey, decision.categories)
        }
        let (client, answer) = try await read(.journey, of: participant, breakGlass: breakGlass, at: server)
        let header = answer.response.value(forHTTPHeaderField: "Parcours-Categories")
        let categories = header.map { Set($0.split(separator: ",").compactMap { InformationCategory(rawValue: $0.trimmingCharacters(in: .whitespaces)) }) }
        return (try answer.decoded(Journey.self, origin: client.origin), categories ?? Set(InformationCategory.allCases))
    }

    /// A participant's timeline, decided and recorded as the view `timeline`.
    func timeline(of participant: ParticipantID, breakGlass: String?) async throws -> Timeline {
        guard let server else {
            return Timeline(try await local().journey(of: participant, view: .timeline, by: identity, breakGlass: breakGlass).journey)
        }
        let (client, answer) = try await read(.timeline, of: participant, breakGlass: breakGlass, at: server)
        return try answer.decoded(Timeline.self, origin: client.origin)
    }

    /// The reader's caseload, or `clinician`'s when the policy lets her or him read it.
    func caseload(of clinician: ActorID?) async throws -> Caseload {
        guard let server else {
            let (whose, entries) = try await local().caseload(of: clinician, by: identity)
            return Caseload(clinician: whose, participants: entries)
        }
        let (client, token) = try signedIn(at: server)
        let answer = try await client.send("GET", "api/v1/caseload", query: clinician.map { [URLQueryItem(name: "clinician", value: $0.rawValue)] } ?? [],
                                           token: token, view: AccessView.caseload.rawValue)
        return try answer.decoded(Caseload.self, origin: client.origin)
    }

    /// Records `requests` (parsed from `acts`, as written), as one batch; what to print of each
    /// act written — the acts a request implied (an admission's care team) left out.
    func record(_ acts: [JSONValue], _ requests: [ActRequest], breakGlass: String?) async throws -> [JSONValue] {
        guard let server else {
            return try await local().record(requests, by: identity, breakGlass: breakGlass).filter { !$0.implied }.map(\.json)
        }
        guard breakGlass == nil else {
            throw CommandError("--break-glass: a server records no act under a broken glass (nor do its pages); ask to join the care team")
        }
        guard acts.count == 1 else {
            throw CommandError("--server: one act per command through a server (it records one act per request); this input holds \(acts.count)")
        }
        let (client, token) = try signedIn(at: server)
        let answer = try await client.send("POST", "api/v1/acts", token: token, body: Data(CanonicalJSON.string(acts[0]).utf8))
        guard case .array(let written)? = answer.members["acts"] else { throw ServerClient.unreadable("acts", from: client.origin) }
        return written.filter { act in
            guard case .object(let members) = act else { return false }
            return members["implied"] != .bool(true)
        }
    }

    /// The case record kept at `--store`.
    private func local() async throws -> CaseRecord { try await store.caseRecord() }

    /// The actor of `--as`, proven by her or his passphrase.
    private var identity: Identity { ActorOption.identity(of: actor ?? "") }

    /// The server's client and the session's token.
    private func signedIn(at server: String) throws -> (ServerClient, String) {
        let client = try ServerClient(server)
        return (client, try ServerSession(client).token())
    }

    /// Reads `view` of `participant` through the server: a GET, or under a broken glass a POST
    /// whose body holds the justification (never a URL or a header, which logs keep).
    private func read(_ view: AccessView, of participant: ParticipantID, breakGlass: String?, at server: String) async throws
        -> (ServerClient, ServerClient.Answer)
    {
        let (client, token) = try signedIn(at: server)
        let path = "api/v1/participants/\(participant.rawValue)/\(view.rawValue)"
        let body = breakGlass.map { Data(CanonicalJSON.string(["breakGlass": .string($0)]).utf8) }
        return (client, try await client.send(body == nil ? "GET" : "POST", path, token: token, body: body, view: view.rawValue))
    }
}
