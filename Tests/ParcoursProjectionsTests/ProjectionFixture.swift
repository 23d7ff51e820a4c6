import Foundation
import GRDB
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite

/// A fresh store in a temporary directory with an admin and a clinician, and helpers
/// to record synthetic acts straight into the log.
final class ProjectionFixture: Sendable {
    let directory: String
    let store: Store
    let admin: UnlockedActor
    let clinician: UnlockedActor
    let master: MasterKey

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-projections-\(UUID().uuidString)").path
        store = try Store.create(at: directory, origin: "test.example/parcours", adminID: "admin",
                                 adminPassphrase: "admin-passphrase-1", masterPassphrase: "master-passphrase-1")
        admin = try store.unlockActor("admin", passphrase: "admin-passphrase-1")
        master = try store.unlockMaster(passphrase: "master-passphrase-1")
        try store.enrol(actor: "clin-0001", name: "Intervenante Exemple", organization: "En Marge 12-17", roles: ["clinician"],
                        passphrase: "clinician-passphrase-1", by: admin)
        clinician = try store.unlockActor("clin-0001", passphrase: "clinician-passphrase-1")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var projector: Projector { Projector(store: store.projections(master: master)) }
    var reader: ProjectionReader { ProjectionReader(store: store.projections(master: master)) }

    /// Every participant's journey, as the projections hold them after following the log.
    func journeys() async throws -> [Journey] {
        try await reader.withJourneys { walk in
            var journeys: [Journey] = []
            try walk { journeys.append($0) }
            return journeys
        }
    }

    /// The draft of one act, as `parcours record` would append it (without the rules).
    static func draft(_ type: String, _ participant: String, at occurredAt: String, _ data: [String: JSONValue], id: String? = nil) -> EventDraft {
        var stored = data
        stored["occurredAt"] = .string(occurredAt)
        return EventDraft(type: type, stream: Identifiers.participantStreamPrefix + participant, data: stored,
                          id: id ?? Identifiers.newEventID(), schema: ClinicalActType(rawValue: type)?.currentSchema ?? 1)
    }

    @discardableResult
    func record(_ type: String, _ participant: String, at occurredAt: String, _ data: [String: JSONValue], id: String? = nil) throws -> AppendResult {
        try store.append([Self.draft(type, participant, at: occurredAt, data, id: id)], by: clinician, master: master)[0]
    }

    /// Generated journeys as drafts, in the order they would be recorded.
    static func generated(participants: Int, seed: UInt64) -> [EventDraft] {
        var generator = JourneyGenerator(seed: seed, clinician: "clin-0001")
        return generator.journeys(count: participants).flatMap { $0 }.map { act in
            let data = try! JSONParser.parse(Array(act.data)).objectValue!
            return draft(act.type, act.participant, at: act.occurredAt, data, id: act.id)
        }
    }

    /// Every row of every projection table, in key order, as text: what "the same tables" means.
    func tables() throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: store.databasePath, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for (table, order) in [("projection_position", "name"), ("journey", "participant"), ("caseload", "clinician, participant"),
                                   ("program_participant", "participant"), ("program_transition", "participant, event_id"),
                                   ("program_relapse", "participant, event_id"), ("program_referral", "participant, event_id")] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map { row in
                    row.columnNames.map { name in
                        let value = row[name] as DatabaseValue
                        if case .blob(let data) = value.storage { return "\(name)=" + data.base64EncodedString() }
                        return "\(name)=\(value)"
                    }.joined(separator: "|")
                }
            }
            return tables
        }
    }

    /// Rows of one projection table that mention a participant.
    func rows(in table: String, of participant: String) throws -> Int {
        let queue = try DatabaseQueue(path: store.databasePath)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table) WHERE participant = ?", arguments: [participant]) ?? 0 }
    }
}
