import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// A fresh store for one projection conformance check: its projections, the two logs
/// beneath them, and an enrolled clinician who records the acts.
///
/// A backend's test target makes one per check (see `ProjectionStoreConformance.Factory`):
/// a new store whose event log holds its founding and the clinician's enrolment, and
/// nothing else; its projections empty.
public struct ConformanceProjections: Sendable {
    /// The projections under test.
    public let store: any ProjectionStore
    /// The same store's logs, to see what an append left in each.
    public let log: any LogStore
    /// The enrolled clinician (`ConformanceProjections.clinician`) who records the checks' acts.
    public let clinician: UnlockedActor
    /// Whatever must live as long as the store (e.g. a temporary directory's owner).
    public let owner: (any Sendable)?

    /// The clinician every backend's maker enrols, with the role `clinician`.
    public static let clinician = "clin-exemple"
    public static let clinicianName = "Intervenante Exemple"
    public static let organization = "Organisme Exemple"

    public init(store: any ProjectionStore, log: any LogStore, clinician: UnlockedActor, owner: (any Sendable)? = nil) {
        (self.store, self.log, self.clinician, self.owner) = (store, log, clinician, owner)
    }

    /// The enrolment of the checks' clinician, as an administrator appends it to the directory.
    public static func clinicianEnrolment(key: PublicKey) -> EventDraft {
        EventDraft(type: Directory.actorEnrolled, stream: Identifiers.directoryStream, data: [
            "actor": .string(clinician), "name": .string(clinicianName), "organization": .string(organization),
            "roles": ["clinician"], "key": .string(key.base64),
        ])
    }

    /// Appends acts through the projections' own append, with no access record.
    @discardableResult
    public func record(_ drafts: [EventDraft]) async throws -> [AppendResult] {
        try await store.append(preparing: { _ in PreparedBatch(drafts: drafts, access: []) }, by: clinician)
    }

    /// The number of records in one of the logs.
    public func size(_ kind: LogKind) throws -> UInt64 {
        try log.withReadTransaction(on: kind) { try $0.size() }
    }

    // MARK: Synthetic acts

    /// One act as `parcours record` would append it (without the rules), at `occurredAt`.
    public static func act(_ type: String, _ participant: String, at occurredAt: String, _ data: [String: JSONValue] = [:],
                           id: String? = nil) -> EventDraft {
        var stored = data
        stored["occurredAt"] = .string(occurredAt)
        return EventDraft(type: type, stream: Identifiers.participantStreamPrefix + participant, data: stored,
                          id: id ?? Identifiers.newEventID(), schema: ClinicalActType(rawValue: type)?.currentSchema ?? 1)
    }

    /// An admission on `day` (a synthetic person) and the care team of the checks' clinician.
    public static func admission(of participant: String, on day: String) -> [EventDraft] {
        [act("participant.enrolled", participant, at: day + "T10:00:00.000Z", [
            "identity": ["name": "Personne Exemple", "dateOfBirth": "2009-03-04", "contact": "514-555-0100"],
            "genderIdentity": "non-binary", "preferredLanguage": "fr", "referringOrganization": "CODIM",
            "voluntary": true, "recognizesHarms": true,
        ]),
         act("careteam.assigned", participant, at: day + "T10:05:00.000Z", ["clinician": .string(clinician)])]
    }

    /// A stage assessment on `day`.
    public static func stage(of participant: String, on day: String, step: String, wheel: String) -> EventDraft {
        act("stage.assessed", participant, at: day + "T11:00:00.000Z",
            ["engagementStep": .string(step), "wheelStage": .string(wheel), "importance": 5, "confidence": 4])
    }

    /// Generated journeys (`JourneyGenerator`) followed by the checks' clinician, as drafts in
    /// the order they would be recorded: same seed, same acts, same ids.
    public static func generated(participants: Int, seed: UInt64) -> [EventDraft] {
        var generator = JourneyGenerator(seed: seed, clinician: clinician)
        return generator.journeys(count: participants).flatMap { $0 }.map { generated in
            let data = (try? JSONParser.parse(Array(generated.data)).objectValue) ?? [:]
            return act(generated.type, generated.participant, at: generated.occurredAt, data, id: generated.id)
        }
    }
}
