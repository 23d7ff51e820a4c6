import ParcoursClinical
import ParcoursLog

/// One record of the access log: who (role, organization), which participant, which
/// view and categories, for what purpose, with what outcome and reason, and a break-glass
/// justification, marked for review — never clinical content.
///
/// Its members are those of `Schemas/log/access-record.v1.schema.json`, typed; the bytes
/// the log signs are its `payload`, canonical JSON of what `encode(to:)` writes: absent
/// members are left out, never written as null (a research export's `participants` aside).
public struct AccessRecord: Codable, Sendable, Equatable {
    /// What kind of access: the record's type is `access.` and the kind.
    public enum Kind: String, Sendable, CaseIterable {
        case read, write, export, search
        /// A sign-in: proven (both factors) or refused; its view is `sign-in`, with no participant and no purpose.
        case signIn = "sign-in"
    }

    /// Why a request was denied, as recorded: a failure to prove who asks, or the policy's denial.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        case identityNotProven = "identity not proven"
        case unknownActor = "unknown actor"
        case revokedActor = "revoked actor"
        case roleNotPermitted = "role not permitted"
        case refused
        case notInCareTeam = "not in the care team"
        case refusedByParticipant = "refused by the participant"
        case noConsent = "no consent in force"
        case notOwnOrganization = "not of the reader's organization"
        case justificationTooShort = "break-glass justification too short"
        case unknownParticipant = "unknown participant"
        case erasedParticipant = "erased participant"

        public init(_ denial: AccessDecision.Denial) {
            self = switch denial {
            case .roleNotPermitted: .roleNotPermitted
            case .notInCareTeam: .notInCareTeam
            case .refusedByParticipant: .refusedByParticipant
            case .noConsent: .noConsent
            case .notOwnOrganization: .notOwnOrganization
            case .justificationTooShort: .justificationTooShort
            case .unknownParticipant: .unknownParticipant
            case .erasedParticipant: .erasedParticipant
            }
        }
    }

    /// Which of the privacy officer's reports an audit read.
    public enum Report: String, Codable, Sendable, CaseIterable {
        case anomalies, communications, fhir
    }

    /// How many participants a research export holds: a count, or none for an aggregate
    /// export (recorded as null: no participant has a row).
    public enum ExportedParticipants: Sendable, Equatable {
        case count(Int)
        case aggregate
    }

    public var kind: Kind
    /// Who asked: an actor of the directory, or `unproven-` and a digest of an id that was not proven.
    public var actor: ActorID
    /// The role the access is recorded under (`Role.recordedOrder`).
    public var role: Role?
    public var organization: String?
    public var participant: ParticipantID?
    /// A stream read raw, or a register.
    public var stream: String?
    public var view: AccessView?
    /// The categories the reader was shown, sorted.
    public var categories: [InformationCategory]?
    public var purpose: AccessPurpose?
    public var outcome: AccessDecision.Outcome
    /// The reader's written break-glass justification.
    public var justification: String?
    public var reason: Reason?
    /// The glass was broken: raised for the privacy officer's review (written only when true).
    public var review = false
    /// Whose caseload was read; for a write, the clinician who joins or leaves the care team.
    public var clinician: String?
    /// A write: the type of the act recorded (never its content).
    public var act: String?
    /// Upkeep: what the administrator ran (`erase`, `projections rebuild`…).
    public var command: String?
    /// An audit: which report was read (`anomalies`, `communications`, `fhir`).
    public var report: Report?
    /// A research export: its project, the SHA-256 of its manifest, whether it is aggregate, its participants.
    public var project: String?
    public var manifestSHA256: String?
    public var aggregate: Bool?
    public var participants: ExportedParticipants?

    public init(kind: Kind, actor: ActorID, outcome: AccessDecision.Outcome) {
        (self.kind, self.actor, self.outcome) = (kind, actor, outcome)
    }

    /// The record's type in the access log: `access.read`, `access.write`…
    public var type: String { "access." + kind.rawValue }

    /// The clear payload the access log signs: each member that is set, under its `CodingKeys`
    /// name; `review` only when true, `participants` null for an aggregate. Written member by
    /// member: through `JSONValueEncoder`, the two records of each journey page cost 1.8 % of
    /// the server's CPU (issue 12). `init(from:)` reads it back (tested for every shape).
    public var payload: [String: JSONValue] {
        var members: [String: JSONValue] = ["actor": .string(actor.rawValue), "outcome": .string(outcome.rawValue)]
        members.reserveCapacity(12)
        func put(_ name: String, _ text: String?) {
            if let text { members[name] = .string(text) }
        }
        put("role", role?.rawValue)
        put("organization", organization)
        put("participant", participant?.rawValue)
        put("stream", stream)
        put("view", view?.rawValue)
        if let categories { members["categories"] = .array(categories.map { .string($0.rawValue) }) }
        put("purpose", purpose?.rawValue)
        put("justification", justification)
        put("reason", reason?.rawValue)
        if review { members["review"] = .bool(true) }
        put("clinician", clinician)
        put("act", act)
        put("command", command)
        put("report", report?.rawValue)
        put("project", project)
        put("manifestSHA256", manifestSHA256)
        if let aggregate { members["aggregate"] = .bool(aggregate) }
        switch participants {
        case .count(let count): members["participants"] = .int(Int64(count))
        case .aggregate: members["participants"] = .null
        case nil: break
        }
        return members
    }

    /// The record as the store appends it beside the acts of a write: its type and payload.
    public var logged: (type: String, data: [String: JSONValue]) { (type, payload) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case actor, role, organization, participant, stream, view, categories, purpose, outcome, justification, reason, review
        case clinician, act, command, report, project, manifestSHA256, aggregate, participants
    }

    /// Decodes a payload; the kind is not in it (it is the record's type), so it is read as `read`
    /// until `AccessRecord(_:)` sets it from the entry.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = .read
        actor = try container.decode(ActorID.self, forKey: .actor)
        role = try container.decodeIfPresent(Role.self, forKey: .role)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        participant = try container.decodeIfPresent(ParticipantID.self, forKey: .participant)
        stream = try container.decodeIfPresent(String.self, forKey: .stream)
        view = try container.decodeIfPresent(AccessView.self, forKey: .view)
        categories = try container.decodeIfPresent([InformationCategory].self, forKey: .categories)
        purpose = try container.decodeIfPresent(AccessPurpose.self, forKey: .purpose)
        outcome = try container.decode(AccessDecision.Outcome.self, forKey: .outcome)
        justification = try container.decodeIfPresent(String.self, forKey: .justification)
        reason = try container.decodeIfPresent(Reason.self, forKey: .reason)
        if container.contains(.review) {
            guard try container.decode(Bool.self, forKey: .review) else {
                throw DecodingError.dataCorruptedError(forKey: .review, in: container, debugDescription: "true when present")
            }
            review = true
        }
        clinician = try container.decodeIfPresent(String.self, forKey: .clinician)
        act = try container.decodeIfPresent(String.self, forKey: .act)
        command = try container.decodeIfPresent(String.self, forKey: .command)
        report = try container.decodeIfPresent(Report.self, forKey: .report)
        project = try container.decodeIfPresent(String.self, forKey: .project)
        manifestSHA256 = try container.decodeIfPresent(String.self, forKey: .manifestSHA256)
        aggregate = try container.decodeIfPresent(Bool.self, forKey: .aggregate)
        if container.contains(.participants) {
            participants = try container.decodeNil(forKey: .participants)
                ? .aggregate : .count(try container.decode(Int.self, forKey: .participants))
        }
    }

    /// The payload, as `payload` writes it.
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(payload).encode(to: encoder)
    }

    /// The record of the policy's decision on a read; `kind` is `export` for what leaves the
    /// store whole (a log export, a backup), unless the caller names another (a register's write).
    /// `noting` adds what the request was about beyond a participant (a stream, a command, a report).
    public static func decided(_ decision: AccessDecision, reader: Reader, view: AccessView, participant: ParticipantID?,
                               justification: String?, kind: Kind? = nil, noting details: (inout AccessRecord) -> Void = { _ in }) -> AccessRecord {
        // A reader is an actor of the directory: her or his id was checked where it entered.
        var record = AccessRecord(kind: kind ?? ([.export, .backup].contains(view) ? .export : .read), actor: ActorID(reader.id)!,
                                  outcome: decision.outcome)
        details(&record)
        record.role = Role.recordedOrder.first(where: reader.holds)
        record.organization = reader.organization
        if let participant { record.participant = participant }
        record.view = view
        record.categories = decision.categories.sorted { $0.rawValue < $1.rawValue }
        record.purpose = decision.purpose
        record.reason = decision.denial.map(Reason.init)
        if decision.brokeGlass, let justification {
            record.justification = justification
            record.review = true
        }
        return record
    }

    /// The record of the policy's decision on a write of an act of `type` into a
    /// participant's record (`participant` nil for an admission refused before one existed).
    /// A care-team change names the clinician who joins or leaves: it changes who reads.
    public static func decidedWrite(_ decision: AccessDecision, writer: Reader, act type: String, participant: ParticipantID?,
                                    clinician: String?, justification: String?) -> AccessRecord {
        var record = decided(decision, reader: writer, view: .record, participant: participant, justification: justification, kind: .write)
        record.categories = nil
        record.act = type
        if let clinician { record.clinician = clinician }
        return record
    }
}

extension Role {
    /// The role a read is recorded under: the first the reader holds, care before oversight.
    public static let recordedOrder: [Role] = [.clinician, .coordinator, .partner, .privacyOfficer, .admin, .researcher, .designatedProfessional]
}
