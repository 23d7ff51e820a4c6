import Foundation
import ParcoursClinical
import ParcoursLog

/// `incident.updated`: a later change to an incident of the register — notices sent,
/// measures taken, a reassessment. It names the incident (the id of its
/// `incident.recorded`) and carries only the members that change, as a JSON merge patch
/// (RFC 7396): `notices` merges member by member, and `null` removes an optional member.
/// The incident with every update applied must still pass every rule.
public struct IncidentUpdate: Sendable, Equatable {
    /// The id of the `incident.recorded` event.
    public var incident: String
    /// The changed members.
    public var changes: [String: JSONValue]

    public init(incident: String, changes: [String: JSONValue]) {
        self.incident = incident
        self.changes = changes
    }

    /// Reads `{"incident", <changed members>…}`, refusing unknown members and an update that changes nothing.
    public init(json object: [String: JSONValue]) throws(ClinicalError) {
        guard let incident = object["incident"]?.stringValue, Identifiers.isEventID(incident) else {
            throw ClinicalError("incident", "the id of the incident.recorded event, a lowercase UUID",
                fr: "l'identifiant de l'événement incident.recorded, un UUID en minuscules")
        }
        var changes = object
        changes["incident"] = nil
        if let unknown = changes.keys.filter({ !ConfidentialityIncident.members.contains($0) }).sorted().first {
            throw ClinicalError(unknown, "unknown member; accepted: incident, \(ConfidentialityIncident.members.sorted().joined(separator: ", "))",
                fr: "champ inconnu (champs acceptés : incident, \(ConfidentialityIncident.members.sorted().joined(separator: ", ")))")
        }
        guard !changes.isEmpty else { throw ClinicalError("incident", "an update names at least one changed member besides incident",
            fr: "une mise à jour nomme au moins un champ modifié, en plus d'incident") }
        for (name, value) in changes where value == .null && !ConfidentialityIncident.optionalMembers.contains(name) {
            throw ClinicalError(name, "required in an incident; null removes only \(ConfidentialityIncident.optionalMembers.sorted().joined(separator: ", "))",
                fr: "obligatoire dans un incident : null ne retire que \(ConfidentialityIncident.optionalMembers.sorted().joined(separator: ", "))")
        }
        self.init(incident: incident, changes: changes)
    }

    /// The update as the log stores it.
    public var json: [String: JSONValue] {
        var object = changes
        object["incident"] = .string(incident)
        return object
    }

    /// The incident with this update applied, validated as a whole.
    public func applied(to incident: ConfidentialityIncident, now: Date = Date()) throws(ClinicalError) -> ConfidentialityIncident {
        guard case .object(let merged) = Self.mergePatch(.object(incident.json), .object(changes)) else {
            throw ClinicalError("incident", "an object", fr: "un objet")
        }
        return try ConfidentialityIncident(json: merged, now: now)
    }

    /// RFC 7396: objects merge member by member, `null` removes, anything else replaces.
    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (name, value) in changes {
            if value == .null {
                result[name] = nil
            } else {
                result[name] = mergePatch(result[name] ?? .null, value)
            }
        }
        return .object(result)
    }
}

// MARK: - The register

/// The register as the log holds it: the stream, its two event types, and the fold of
/// its events into incidents with their updates applied.
public enum IncidentRegister {
    public static let stream = "register/incidents"
    public static let recordedType = "incident.recorded"
    public static let updatedType = "incident.updated"

    /// One event of the register's stream, as read back from the log.
    public struct Event: Sendable, Equatable {
        public var seq: UInt64
        public var id: String
        public var type: String
        public var recordedAt: String
        public var author: String
        public var data: [String: JSONValue]

        public init(seq: UInt64, id: String, type: String, recordedAt: String, author: String, data: [String: JSONValue]) {
            self.seq = seq
            self.id = id
            self.type = type
            self.recordedAt = recordedAt
            self.author = author
            self.data = data
        }
    }

    /// An incident with every update applied.
    public struct Entry: Sendable, Equatable {
        /// An update applied: when, by whom, which members it changed.
        public struct Applied: Sendable, Equatable {
            public var seq: UInt64
            public var id: String
            public var recordedAt: String
            public var author: String
            public var members: [String]
        }

        public var id: String
        public var seq: UInt64
        public var recordedAt: String
        public var author: String
        public var incident: ConfidentialityIncident
        public var updates: [Applied]
    }

    /// An event the fold could not apply (written past the register's rules, e.g. by the
    /// low-level `append`): its seq and why, never its content.
    public struct Problem: Sendable, Equatable {
        public var seq: UInt64
        public var reason: String
    }

    /// The register as programs read it (`incident list --json`, the API): each incident with its
    /// updates applied, and what could not be applied.
    public static func json(_ entries: [Entry], problems: [Problem]) -> JSONValue {
        ["incidents": .array(entries.map { entry in
            ["id": .string(entry.id), "seq": .int(Int64(entry.seq)), "recordedAt": .string(entry.recordedAt),
             "recordedBy": .string(entry.author), "incident": .object(entry.incident.json),
             "updates": .array(entry.updates.map { update in
                 ["id": .string(update.id), "seq": .int(Int64(update.seq)), "recordedAt": .string(update.recordedAt),
                  "recordedBy": .string(update.author), "members": .array(update.members.map(JSONValue.string))]
             })]
         }),
         "problems": .array(problems.map { ["seq": .int(Int64($0.seq)), "reason": .string($0.reason)] })]
    }

    /// Folds the stream's events in order. Nothing is dropped silently: what cannot be
    /// applied is returned as a problem.
    public static func fold(_ events: [Event], now: Date = Date()) -> (entries: [Entry], problems: [Problem]) {
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var problems: [Problem] = []
        for event in events {
            do throws(ClinicalError) {
                switch event.type {
                case recordedType:
                    let incident = try ConfidentialityIncident(json: event.data, now: now)
                    index[event.id] = entries.count
                    entries.append(Entry(id: event.id, seq: event.seq, recordedAt: event.recordedAt, author: event.author,
                                         incident: incident, updates: []))
                case updatedType:
                    let update = try IncidentUpdate(json: event.data)
                    guard let position = index[update.incident] else { throw ClinicalError("incident", "no incident recorded with this id", fr: "aucun incident consigné sous cet identifiant") }
                    entries[position].incident = try update.applied(to: entries[position].incident, now: now)
                    entries[position].updates.append(.init(seq: event.seq, id: event.id, recordedAt: event.recordedAt, author: event.author,
                                                           members: update.changes.keys.sorted()))
                default:
                    throw ClinicalError("type", "not an event of the register (\(recordedType), \(updatedType))",
                        fr: "pas un événement du registre (\(recordedType), \(updatedType))")
                }
            } catch {
                problems.append(Problem(seq: event.seq, reason: error.description))
            }
        }
        return (entries, problems)
    }
}
