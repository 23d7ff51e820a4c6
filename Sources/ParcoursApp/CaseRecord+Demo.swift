import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// What recording synthetic journeys wrote.
    public struct SyntheticJourneys: Sendable, Equatable {
        public var participants: Int
        public var acts: Int
        public var warnings: Int
    }

    /// Records `count` deterministic synthetic journeys (the same seed, the same acts) as the
    /// clinician `identity`, each act decided by the policy and checked by the rules as any
    /// other; then brings the projections up to date. Only into a store created for
    /// demonstrations: never beside real records.
    public func recordSyntheticJourneys(count: Int, seed: UInt64, by identity: Identity) async throws -> SyntheticJourneys {
        guard (1...100_000).contains(count) else { throw AppError.invalidInput(field: "participants", reason: "from 1 to 100,000") }
        let session = try await session(identity, view: .record)
        guard try await store.isDemoStore() else { throw AppError.notADemonstrationStore }
        var generator = JourneyGenerator(seed: seed, clinician: identity.actor)
        var written = SyntheticJourneys(participants: 0, acts: 0, warnings: 0)
        for journey in generator.journeys(count: count) {
            let acts = try journey.map(ActRequest.init(generated:))
            let recorded = try await session.record(acts, participantIDs: { journey[0].participant })
            written.participants += 1
            written.acts += recorded.count
            written.warnings += recorded.reduce(0) { $0 + $1.warnings.count }
        }
        try await follower.reachHead()
        return written
    }
}

extension ActRequest {
    /// A generated act as a front would hand it in (an admission without its participant).
    public init(generated act: JourneyGenerator.Act) throws {
        var object: [String: JSONValue] = ["id": .string(act.id), "type": .string(act.type), "occurredAt": .string(act.occurredAt),
                                           "data": try JSONParser.parse(Array(act.data))]
        if act.type != ClinicalActType.participantEnrolled.rawValue { object["participant"] = .string(act.participant) }
        try self.init(json: .object(object))
    }
}
