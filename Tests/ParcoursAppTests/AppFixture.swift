import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite

/// A fresh case record in a temporary directory: an administrator, two clinicians of one
/// organization and one of another, a coordinator of the first. Synthetic people only.
final class AppFixture: Sendable {
    static let masterPassphrase = "phrase-maitresse-exemple-1"
    static let passphrase = "phrase-exemple-app-1"
    static let admitting = "clin-admet"
    static let colleague = "clin-collegue"
    static let stranger = "clin-ailleurs"
    static let coordinator = "coord-exemple"
    static let privacyOfficer = "rprp-exemple"
    static let researcher = "rech-exemple"
    static let justification = "Appel de la ligne d'urgence : danger imminent signalé ce soir"

    let directory: String
    let store: Store
    let caseRecord: CaseRecord

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-app-\(UUID().uuidString)").path
        store = try Store.create(at: directory, origin: "spheres.example/parcours-app", adminID: "admin-exemple",
                                 adminName: "Administratrice Exemple", adminPassphrase: Self.passphrase,
                                 masterPassphrase: Self.masterPassphrase)
        caseRecord = try await CaseRecord.open(at: directory, masterPassphrase: Self.masterPassphrase)
        let admin = try store.unlockActor("admin-exemple", passphrase: Self.passphrase)
        for (id, organization, roles) in [(Self.admitting, "Organisme Exemple", ["clinician"]), (Self.colleague, "Organisme Exemple", ["clinician"]),
                                          (Self.stranger, "Autre Organisme", ["clinician"]), (Self.coordinator, "Organisme Exemple", ["coordinator"])] {
            _ = try store.enrol(actor: id, name: "Personne Exemple", organization: organization, roles: roles, passphrase: Self.passphrase, by: admin)
        }
    }

    /// Adds the oversight roles: a privacy officer and a researcher, both of the first organization.
    func enrolOversight() throws {
        let admin = try store.unlockActor("admin-exemple", passphrase: Self.passphrase)
        for (id, role) in [(Self.privacyOfficer, "privacy-officer"), (Self.researcher, "researcher")] {
            _ = try store.enrol(actor: id, name: "Personne Exemple", organization: "Organisme Exemple", roles: [role], passphrase: Self.passphrase, by: admin)
        }
    }

    /// A path in the fixture's directory where nothing exists yet, for what a use case writes.
    func newPath(_ name: String) -> String { directory + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// `actor`, proven by her or his passphrase (or `passphrase` when given).
    func identity(_ actor: String, passphrase: String = AppFixture.passphrase) -> Identity {
        Identity(actor: actor, signer: PassphraseSigner { passphrase })
    }

    static func act(_ type: String, participant: String? = nil, _ data: JSONValue) throws -> ActRequest {
        var object: [String: JSONValue] = ["type": .string(type), "occurredAt": "2026-11-20T10:00:00.000Z", "data": data]
        if let participant { object["participant"] = .string(participant) }
        return try ActRequest(json: .object(object))
    }

    static let admission: JSONValue = [
        "identity": ["name": "Personne Fictive", "dateOfBirth": "2010-05-01"], "genderIdentity": "non-binary",
        "preferredLanguage": "fr", "referringOrganization": "En Marge 12-17", "voluntary": true, "recognizesHarms": true,
    ]
    static let session: JSONValue = ["kind": "accompaniment", "minutes": 45, "processes": ["engaging"], "techniques": ["open-questions"]]

    /// A participant admitted by `admitting`: her id.
    func admitted() async throws -> String {
        let written = try await caseRecord.record([try Self.act("participant.enrolled", Self.admission)], by: identity(Self.admitting))
        return written[0].participant
    }

    /// The event log's size and the access log's, to tell what a request wrote.
    func sizes() throws -> (events: UInt64, access: UInt64) { (try store.size(), try store.size(.access)) }

    /// The access log's records, oldest first.
    func accessRecords() throws -> [[String: JSONValue]] { try store.accessRecords().map(\.payload) }
}

/// The tests hold participants' ids as the writer returns them (strings): the use cases
/// take them typed, as a front does once it has checked them.
extension CaseRecord {
    func journey(of participant: String, view: AccessView = .journey, by identity: Identity,
                 breakGlass: String? = nil) async throws -> (journey: Journey, decision: AccessDecision) {
        try await journey(of: ParticipantID(participant)!, view: view, by: identity, breakGlass: breakGlass)
    }

    func participantReport(of participant: String, by identity: Identity) async throws -> (journey: Journey, accesses: [RecordedAccess]) {
        try await participantReport(of: ParticipantID(participant)!, by: identity)
    }
}
