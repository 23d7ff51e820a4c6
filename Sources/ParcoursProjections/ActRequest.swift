import ParcoursClinical
import ParcoursLog

/// One clinical act as a front hands it in: `{"type", "participant"?, "occurredAt", "data",
/// "id"?, "expectedVersion"?}`. An admission leaves `participant` out: it creates one.
///
/// Decoded strictly (`JSONValueDecoder`): a member it does not read is refused, naming what
/// is accepted; `data` is kept as it is, for the act's own rules to read.
public struct ActRequest: Sendable, Equatable, Decodable {
    /// The members an act request may have; any other is refused.
    public static let members: Set<String> = Set(CodingKeys.allCases.map(\.stringValue))

    public var type: String
    public var participant: ParticipantID?
    public var occurredAt: String
    public var data: [String: JSONValue]
    /// Makes the write idempotent: the same id with the same content returns the original.
    public var id: String?
    /// The version the act must take in the participant's stream: an optimistic check.
    /// Without it, the act takes the next version, decided under the writer's lock.
    public var expectedVersion: UInt64?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, participant, occurredAt, data, id, expectedVersion
    }

    /// Reads a request, naming the member that does not fit and what would be accepted.
    public init(json: JSONValue) throws(ActRefused) {
        do {
            self = try JSONValueDecoder().decode(ActRequest.self, from: json)
        } catch let refused as ActRefused {
            throw refused
        } catch let error as JSONValueDecodingError {
            // The decoder's own refusals: an unknown member.
            throw ActRefused(error.field.isEmpty ? "act" : error.field, error.reason, fr: Self.french(error.reason))
        } catch {
            throw ActRefused("act", "a JSON object", fr: "un objet JSON")
        }
    }

    public init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<CodingKeys>
        do { container = try decoder.container(keyedBy: CodingKeys.self) } catch let error as JSONValueDecodingError where error.field.isEmpty {
            throw ActRefused("act", "a JSON object", fr: "un objet JSON")
        }
        /// A member as this request names it: its own words for what would be accepted (in English and in French).
        func member<T: Decodable>(_ type: T.Type, _ key: CodingKeys, _ accepted: String, fr french: String) throws(ActRefused) -> T? {
            // Present means given: a null is refused as any other value that does not fit.
            guard container.contains(key) else { return nil }
            do { return try container.decode(type, forKey: key) } catch { throw ActRefused(key.stringValue, accepted, fr: french) }
        }
        func required<T: Decodable>(_ type: T.Type, _ key: CodingKeys, _ accepted: String, fr french: String) throws(ActRefused) -> T {
            guard let value = try member(type, key, accepted, fr: french) else { throw ActRefused(key.stringValue, accepted, fr: french) }
            return value
        }
        type = try required(String.self, .type, "required, e.g. stage.assessed", fr: "obligatoire, par exemple stage.assessed")
        // Checked where it enters: a refused write records its act type in the access log, never
        // erased, so what is not one of the program's act types (a name typed there) never gets that far.
        guard ClinicalActType(rawValue: type) != nil else {
            throw ActRefused("type", "one of \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", "))",
                             fr: "un type d'acte parmi : \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        occurredAt = try required(String.self, .occurredAt, "required, e.g. 2026-11-23T10:15:30.000Z",
                                  fr: "obligatoire, par exemple 2026-11-23T10:15:30.000Z")
        data = try required([String: JSONValue].self, .data, "required, a JSON object", fr: "obligatoire, un objet JSON")
        participant = try member(ParticipantID.self, .participant, "a participant id such as P-7Q4K2M",
                                 fr: "un identifiant de personne participante, par exemple P-7Q4K2M")
        id = try member(String.self, .id, "a lowercase UUID", fr: "un UUID en minuscules")
        if let id, !Identifiers.isEventID(id) { throw ActRefused("id", "a lowercase UUID", fr: "un UUID en minuscules") }
        expectedVersion = try member(UInt64.self, .expectedVersion, "an integer ≥ 0", fr: "un nombre entier ≥ 0")
        if type == ClinicalActType.participantEnrolled.rawValue, participant != nil {
            throw ActRefused("participant", "an admission creates the participant; leave it out",
                             fr: "l'admission crée l'identifiant de la personne : laissez ce champ vide")
        }
        if type != ClinicalActType.participantEnrolled.rawValue, participant == nil {
            throw ActRefused("participant", "a participant id such as P-7Q4K2M",
                             fr: "un identifiant de personne participante, par exemple P-7Q4K2M")
        }
    }

    /// The decoder's own refusal of the request's members in French: an unknown member
    /// names those accepted; any other says what was refused in general.
    static func french(_ reason: String) -> String {
        let unknown = "unknown member; accepted: "
        if reason.hasPrefix(unknown) { return "champ inconnu (champs acceptés : \(reason.dropFirst(unknown.count)))" }
        return switch reason {
        case "required": "obligatoire"
        case "required, not null": "obligatoire, pas null"
        default: "une valeur que ce champ n'accepte pas"
        }
    }
}

/// An act refused before anything was written: the field and what would be accepted, in
/// English (`reason`, what the command line and the JSON API say) and in French
/// (`frenchReason`, for pages read in French), or the access policy's refusal. The text
/// never holds personal or clinical data.
public struct ActRefused: Error, CustomStringConvertible {
    /// The position of the act in its batch, from 1; nil for a batch of one.
    public var act: Int?
    public var field: String
    public var reason: String
    /// The same reason in French (Québec).
    public var frenchReason: String

    public init(_ field: String, _ reason: String, fr frenchReason: String, act: Int? = nil) {
        (self.field, self.reason, self.frenchReason, self.act) = (field, reason, frenchReason, act)
    }

    /// A refusal with its English reason only: the French is then the English one.
    @available(*, deprecated, message: "give the reason in French too: ActRefused(field, reason, fr: …)")
    public init(_ field: String, _ reason: String, act: Int? = nil) {
        self.init(field, reason, fr: reason, act: act)
    }

    /// A rule of the domain's refusal, its French reason carried through.
    public init(_ refusal: ClinicalError, act: Int? = nil) {
        self.init(refusal.field, refusal.reason, fr: refusal.frenchReason, act: act)
    }

    public var description: String { (act.map { "act \($0): " } ?? "") + (field.isEmpty ? reason : "\(field): \(reason)") }
}
