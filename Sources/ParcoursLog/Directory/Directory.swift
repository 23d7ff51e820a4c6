/// The directory of actors and keys, replayed from the `directory` stream, and
/// the authority rules of LOG-FORMAT.md: who may sign what.
///
/// Both the writer (before appending) and the verifier (while replaying) call
/// `admit`, so the two can never disagree on a rule.
public struct Directory: Sendable {
    public private(set) var origin: String?
    public private(set) var logKey: PublicKey?
    public private(set) var actors: [String: DirectoryActor] = [:]

    public static let logCreated = "log.created"
    public static let actorEnrolled = "actor.enrolled"
    public static let actorKeyRotated = "actor.key-rotated"
    public static let actorRolesChanged = "actor.roles-changed"
    public static let actorRevoked = "actor.revoked"
    public static let eventTypes: Set<String> = [logCreated, actorEnrolled, actorKeyRotated, actorRolesChanged, actorRevoked]

    /// The role that may change the directory: the only one the log format knows. The
    /// program's roles are its own vocabulary (`Role`, in ParcoursAccess); the format keeps
    /// the list open.
    public static let adminRole = "admin"
    /// The actor id reserved for the log key (author of access-log records).
    public static let logActor = "log"

    public init() {}

    /// An active actor, or nil.
    public func activeActor(_ id: String) -> DirectoryActor? {
        guard let actor = actors[id], actor.active else { return nil }
        return actor
    }

    /// Checks that `envelope` may be signed by its author at this point and, for
    /// directory events, applies the change. Throws the rule it breaks.
    public mutating func admit(_ envelope: Envelope) throws(LogFormatError) {
        if envelope.seq == 0 || envelope.type == Directory.logCreated {
            try admitCreation(envelope)
            return
        }
        let author = envelope.author
        guard let actor = actors[author.actor] else { throw LogFormatError("unknown actor \(author.actor)") }
        guard actor.active else { throw LogFormatError("actor \(author.actor) is revoked") }
        guard actor.key == author.key else { throw LogFormatError("key not held by \(author.actor) at this point") }
        let isDirectoryType = Directory.eventTypes.contains(envelope.type)
        let inDirectory = envelope.stream == Identifiers.directoryStream
        guard isDirectoryType == inDirectory else {
            throw LogFormatError(isDirectoryType ? "directory event outside the directory stream"
                                                 : "the directory stream holds directory events only")
        }
        guard isDirectoryType else { return }
        guard actor.holds(Directory.adminRole) else {
            throw LogFormatError("directory change by \(author.actor), who does not hold the admin role")
        }
        guard case .clear(let data) = envelope.payload else { throw LogFormatError("directory events must be clear") }
        try apply(type: envelope.type, data: data)
    }

    private mutating func admitCreation(_ envelope: Envelope) throws(LogFormatError) {
        guard envelope.seq == 0, envelope.type == Directory.logCreated else {
            throw LogFormatError(envelope.seq == 0 ? "the first record must be log.created" : "log.created may only be the first record")
        }
        guard envelope.stream == Identifiers.directoryStream, envelope.version == 0 else {
            throw LogFormatError("log.created must open the directory stream")
        }
        guard case .clear(let data) = envelope.payload, Set(data.keys) == ["origin", "logKey", "admin"],
              let origin = data["origin"]?.stringValue, let logKey = data["logKey"]?.stringValue.flatMap(PublicKey.init(base64:)),
              let admin = data["admin"]?.objectValue, Set(admin.keys) == ["actor", "key"],
              let adminID = admin["actor"]?.stringValue, Identifiers.isActorID(adminID), adminID != Directory.logActor,
              let adminKey = admin["key"]?.stringValue.flatMap(PublicKey.init(base64:))
        else { throw LogFormatError("log.created must be clear {origin, logKey, admin: {actor, key}}") }
        guard origin == envelope.log else { throw LogFormatError("log.created origin differs from the record's log") }
        guard envelope.author == Author(actor: adminID, key: adminKey) else {
            throw LogFormatError("log.created must be signed by the admin it names")
        }
        self.origin = origin
        self.logKey = logKey
        actors[adminID] = DirectoryActor(id: adminID, name: nil, organization: nil, roles: [Directory.adminRole], key: adminKey, active: true)
    }

    private mutating func apply(type: String, data: [String: JSONValue]) throws(LogFormatError) {
        switch type {
        case Directory.actorEnrolled:
            guard Set(data.keys) == ["actor", "name", "organization", "roles", "key"],
                  let id = data["actor"]?.stringValue, let name = data["name"]?.stringValue,
                  let organization = data["organization"]?.stringValue, let roles = Directory.roles(data["roles"]),
                  let key = data["key"]?.stringValue.flatMap(PublicKey.init(base64:))
            else { throw LogFormatError("actor.enrolled must be {actor, name, organization, roles, key}") }
            guard Identifiers.isActorID(id), id != Directory.logActor else { throw LogFormatError("actor.enrolled: invalid actor id") }
            guard actors[id] == nil else { throw LogFormatError("actor.enrolled: actor \(id) already exists") }
            actors[id] = DirectoryActor(id: id, name: name, organization: organization, roles: roles, key: key, active: true)
        case Directory.actorKeyRotated:
            guard Set(data.keys) == ["actor", "key"], let id = data["actor"]?.stringValue,
                  let key = data["key"]?.stringValue.flatMap(PublicKey.init(base64:))
            else { throw LogFormatError("actor.key-rotated must be {actor, key}") }
            guard actors[id]?.active == true else { throw LogFormatError("actor.key-rotated: no active actor \(id)") }
            actors[id]!.key = key
        case Directory.actorRolesChanged:
            guard Set(data.keys) == ["actor", "roles"], let id = data["actor"]?.stringValue, let roles = Directory.roles(data["roles"])
            else { throw LogFormatError("actor.roles-changed must be {actor, roles}") }
            guard actors[id]?.active == true else { throw LogFormatError("actor.roles-changed: no active actor \(id)") }
            actors[id]!.roles = roles
        case Directory.actorRevoked:
            guard Set(data.keys) == ["actor", "reason"], let id = data["actor"]?.stringValue, data["reason"]?.stringValue != nil
            else { throw LogFormatError("actor.revoked must be {actor, reason}") }
            guard actors[id]?.active == true else { throw LogFormatError("actor.revoked: no active actor \(id)") }
            actors[id]!.active = false
        default:
            throw LogFormatError("unknown directory event type")
        }
    }

    /// A non-empty list of distinct role names.
    static func roles(_ value: JSONValue?) -> [String]? {
        guard let elements = value?.arrayValue, !elements.isEmpty else { return nil }
        let roles = elements.compactMap(\.stringValue)
        guard roles.count == elements.count, Set(roles).count == roles.count, roles.allSatisfy({ !$0.isEmpty }) else { return nil }
        return roles
    }
}
