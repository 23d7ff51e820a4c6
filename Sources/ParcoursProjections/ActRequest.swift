import ParcoursClinical
import ParcoursLog

/// One clinical act as a front hands it in: `{"type", "participant"?, "occurredAt", "data",
/// "id"?, "expectedVersion"?}`. An admission leaves `participant` out: it creates one.
public struct ActRequest: Sendable, Equatable {
    /// The members an act request may have; any other is refused.
    public static let members: Set<String> = ["type", "participant", "occurredAt", "data", "id", "expectedVersion"]

    public var type: String
    public var participant: String?
    public var occurredAt: String
    public var data: [String: JSONValue]
    /// Makes the write idempotent: the same id with the same content returns the original.
    public var id: String?
    /// The version the act must take in the participant's stream: an optimistic check.
    /// Without it, the act takes the next version, decided under the writer's lock.
    public var expectedVersion: UInt64?

    /// Reads a request, naming the member that does not fit and what would be accepted.
    public init(json: JSONValue) throws(ActRefused) {
        guard let object = json.objectValue else { throw ActRefused("act", "a JSON object") }
        if let unknown = object.keys.filter({ !Self.members.contains($0) }).sorted().first {
            throw ActRefused(unknown, "unknown member; accepted: \(Self.members.sorted().joined(separator: ", "))")
        }
        guard let type = object["type"]?.stringValue else { throw ActRefused("type", "required, e.g. stage.assessed") }
        guard let occurredAt = object["occurredAt"]?.stringValue else { throw ActRefused("occurredAt", "required, e.g. 2026-11-23T10:15:30.000Z") }
        guard let data = object["data"]?.objectValue else { throw ActRefused("data", "required, a JSON object") }
        (self.type, self.occurredAt, self.data) = (type, occurredAt, data)
        if let value = object["participant"] {
            guard let given = value.stringValue, Identifiers.isParticipantID(given) else {
                throw ActRefused("participant", "a participant id such as P-7Q4K2M")
            }
            participant = given
        }
        if let value = object["id"] {
            guard let text = value.stringValue, Identifiers.isEventID(text) else { throw ActRefused("id", "a lowercase UUID") }
            id = text
        }
        if let value = object["expectedVersion"] {
            guard let number = value.intValue, number >= 0 else { throw ActRefused("expectedVersion", "an integer ≥ 0") }
            expectedVersion = UInt64(number)
        }
        if type == ClinicalActType.participantEnrolled.rawValue, participant != nil {
            throw ActRefused("participant", "an admission creates the participant; leave it out")
        }
        if type != ClinicalActType.participantEnrolled.rawValue, participant == nil {
            throw ActRefused("participant", "a participant id such as P-7Q4K2M")
        }
    }
}

/// An act refused before anything was written: the field and what would be accepted, or
/// the access policy's refusal. The text never holds personal or clinical data.
public struct ActRefused: Error, CustomStringConvertible {
    /// The position of the act in its batch, from 1; nil for a batch of one.
    public var act: Int?
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String, act: Int? = nil) {
        (self.field, self.reason, self.act) = (field, reason, act)
    }

    public var description: String { (act.map { "act \($0): " } ?? "") + (field.isEmpty ? reason : "\(field): \(reason)") }
}
