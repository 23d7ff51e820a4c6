import Foundation
import ParcoursLog

/// What every storage backend checks the same way before it writes: which events only the
/// store's own operations write, the shape of names, roles and reasons, who may change the
/// directory. A backend keeps only its SQL; the rules and their errors (fields named) are here.
public enum StoreRules {
    /// Event types only the store's own operations may write.
    public static let reservedTypes: Set<String> = Directory.eventTypes.union([StreamRules.participantErased])

    /// The categories an erasure may give; the event carries the category, never free text.
    public static let erasureReasons = ["participant-request", "retention-expired", "entered-in-error", "legal-order"]

    /// A one-time link that is unknown, spent or expired.
    public static let linkNotValid = LogError.invalidInput(field: "link",
                                                           reason: "a link neither expired nor already used; the administration can give a new one")

    /// Refuses drafts that are not valid, or that only the store's own operations write.
    public static func checkWritable(_ drafts: [EventDraft]) throws {
        for (index, draft) in drafts.enumerated() {
            let field = drafts.count > 1 ? "event \(index + 1): " : ""
            do { try draft.validate() } catch { throw LogError.invalidInput(field: field + "event", reason: error.reason) }
            guard !reservedTypes.contains(draft.type) else {
                throw LogError.invalidInput(field: field + "type", reason: "\(draft.type) is written by its own command (actor …, erase)")
            }
            guard draft.stream != Identifiers.directoryStream, draft.stream != Identifiers.accessStream else {
                throw LogError.invalidInput(field: field + "stream", reason: "\(draft.stream) is written by its own commands only")
            }
        }
    }

    /// The roles' shape; which roles the program knows is its own vocabulary, checked where it is typed (`Role`).
    public static func checkRoles(_ roles: [String]) throws {
        guard !roles.isEmpty, Set(roles).count == roles.count, roles.allSatisfy(Identifiers.isActorID) else {
            throw LogError.invalidInput(field: "roles", reason: "a non-empty list of distinct roles")
        }
    }

    /// A display name, an organization or a reason: 1 to 256 bytes without control characters.
    public static func checkText(_ text: String, field: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty, text.utf8.count <= 256,
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw LogError.invalidInput(field: field, reason: "1 to 256 bytes of text without control characters") }
    }

    /// The actor `id` of the directory, refused when unknown or revoked.
    public static func activeActor(_ id: String, in directory: Directory) throws -> DirectoryActor {
        guard let actor = directory.actors[id] else { throw LogError.unknownActor(id) }
        guard actor.active else { throw LogError.revokedActor(id) }
        return actor
    }

    /// Refuses a directory change by anyone but an active admin.
    public static func requireAdmin(_ admin: UnlockedActor, in directory: Directory) throws {
        guard try activeActor(admin.id, in: directory).holds(Directory.adminRole) else {
            throw LogError.notPermitted(actor: admin.id, reason: "change the directory: the admin role is needed")
        }
    }

    /// The ids of the active admins.
    public static func activeAdmins(_ directory: Directory) -> [String] {
        directory.actors.values.filter { $0.active && $0.holds(Directory.adminRole) }.map(\.id)
    }

    /// The `participant.erased` that closes a participant's stream, after checking the
    /// participant id, the reason's category and the admin role; the backend checks that the
    /// stream exists (`noRecord`) and destroys the data keys in the same transaction.
    public static func erasure(of participant: String, reason: String, directory: Directory, by admin: UnlockedActor) throws -> EventDraft {
        guard Identifiers.isParticipantID(participant) else {
            throw LogError.invalidInput(field: "participant", reason: "a participant id such as P-7Q4K2M")
        }
        guard erasureReasons.contains(reason) else {
            throw LogError.invalidInput(field: "reason", reason: "one of \(erasureReasons.joined(separator: ", "))")
        }
        guard let actor = directory.actors[admin.id] else { throw LogError.unknownActor(admin.id) }
        guard actor.holds(Directory.adminRole) else {
            throw LogError.notPermitted(actor: admin.id, reason: "erase a participant: the admin role is needed")
        }
        return EventDraft(type: StreamRules.participantErased, stream: Identifiers.participantStreamPrefix + participant,
                          data: ["reason": .string(reason)])
    }

    /// The erasure of a participant with no record.
    public static func noRecord(_ participant: String) -> LogError {
        LogError.invalidInput(field: "participant", reason: "no record for \(participant)")
    }
}
