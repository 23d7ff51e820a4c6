import Foundation
import ParcoursClinical
import ParcoursLog

/// Answers what people read, from the projections, after following the log to its
/// head so a reader always sees what was just recorded.
public struct ProjectionReader: Sendable {
    let store: any ProjectionStore
    public let projector: Projector

    public init(store: any ProjectionStore) {
        self.store = store
        projector = Projector(store: store)
    }

    /// Walks every participant's journey, one at a time, calling its body with each.
    public typealias JourneyWalk = ((Journey) throws -> Void) throws -> Void

    /// A participant's journey.
    public func journey(of participant: String) async throws -> Journey {
        try await sealedJourney(of: participant) { source, key in try source.sealedJourney(of: participant)?.open(of: participant, with: key) }
    }

    /// What `open` reads of a participant's sealed journey with her or his data key, once the
    /// projections follow the log to its head; an absent journey (`open` gives nil) is told as
    /// erased or unknown.
    private func sealedJourney<T: Sendable>(of participant: String,
                                            _ open: @escaping @Sendable (any ProjectionTransaction, DataKey) throws -> T?) async throws -> T {
        try await projector.catchUp()
        return try await store.read { source in
            guard let key = try source.dataKey(of: participant), let value = try open(source, key) else {
                throw try Self.absence(of: participant, in: source)
            }
            return value
        }
    }

    /// A participant's journey with only the part of its timeline a page shows, and how many
    /// acts that part is cut from: once the rest of the journey is read, `decide` is given it
    /// (its timeline still empty) and answers with what it decides (an access decision) and
    /// the window it permits. The acts left out are never made into values, and the journey's
    /// earlier acts are neither read nor opened when its latest hold what the window shows
    /// (`SealedJourney`).
    public func journey<Decision: Sendable>(of participant: String,
                                            deciding decide: @escaping @Sendable (Journey) -> (decision: Decision, window: TimelineWindow))
        async throws -> (journey: Journey, acts: Int, decision: Decision) {
        try await sealedJourney(of: participant) { source, key in
            guard let recent = try source.sealedJourneyRecent(of: participant) else { return nil }
            var decision: Decision?
            let (journey, acts) = try SealedJourney.open(recent, earlier: { try source.sealedJourneyEarlier(of: participant) },
                                                         of: participant, with: key) { journey in
                let decided = decide(journey)
                decision = decided.decision
                return decided.window
            }
            return (journey, acts, decision!)
        }
    }

    /// Why a participant has no journey: erased (when, and the reason's category, from the
    /// clear `participant.erased`), or never admitted.
    static func absence(of participant: String, in source: any ProjectionTransaction) throws -> ProjectionError {
        guard let head = try source.streamHead(of: participant), head.type == StreamRules.participantErased else {
            return .unknownParticipant(participant)
        }
        let erasure = try source.stream(of: participant, from: 0).last
        let reason = erasure?.payload.flatMap { try? JSONParser.parse(Array($0)).objectValue?["reason"]?.stringValue } ?? "?"
        return .erased(participant, on: String(head.recordedAt.prefix(10)), reason: reason)
    }

    /// Runs `body` with a walk over every participant's journey, in one snapshot (the
    /// registers and exports that span the program): journeys are opened one at a time,
    /// never all held at once.
    public func withJourneys<T: Sendable>(_ body: @escaping @Sendable (JourneyWalk) throws -> T) async throws -> T {
        try await projector.catchUp()
        return try await store.read { source in
            try body { visit in
                try source.forEachSealedJourney { participant, sealed in
                    guard let key = try source.dataKey(of: participant) else { return }
                    try visit(try sealed.open(of: participant, with: key))
                }
            }
        }
    }

    /// The participants a clinician follows: open follow-ups first, the longest without contact first.
    public func caseload(of clinician: String) async throws -> [CaseloadEntry] {
        try await projector.catchUp()
        return try await store.read { try $0.caseload(of: clinician) }
    }

    /// The participants a clinician follows, each kept only if `keep` says so of her or his
    /// journey's facts for the access policy, read in the same snapshot as the rows (the facts
    /// sealed apart; for a journey sealed before they were, the journey's).
    public func caseload(of clinician: String, keeping keep: @escaping @Sendable (Journey.AccessFacts) -> Bool) async throws -> [CaseloadEntry] {
        try await projector.catchUp()
        return try await store.read { source in
            try source.caseload(of: clinician).filter { entry in try Self.accessFacts(of: entry.participant, in: source).map(keep) ?? false }
        }
    }

    /// Some participants' facts for the access policy, in one snapshot; one without a journey is left out.
    public func accessFacts(of participants: [String]) async throws -> [String: Journey.AccessFacts] {
        try await projector.catchUp()
        return try await store.read { source in
            var facts: [String: Journey.AccessFacts] = [:]
            for participant in participants { facts[participant] = try Self.accessFacts(of: participant, in: source) }
            return facts
        }
    }

    /// A participant's facts for the access policy as the projections hold them: sealed apart, or
    /// for a journey sealed before they were, the journey's; nil without a journey.
    private static func accessFacts(of participant: String, in source: any ProjectionTransaction) throws -> Journey.AccessFacts? {
        guard let key = try source.dataKey(of: participant) else { return nil }
        if let sealed = try source.sealedAccess(of: participant) {
            return try SealedProjection.open(Journey.AccessFacts.self, sealed.access, as: "access", of: participant, with: key)
        }
        return try source.sealedJourneyRecent(of: participant).map { try SealedJourney.accessFacts($0, of: participant, with: key) }
    }

    /// The program's picture between two days (inclusive, `YYYY-MM-DD`).
    public func program(from: String, to: String, silentAfterDays: Int = 30) async throws -> ProgramPicture {
        for (field, day) in [("from", from), ("to", to)] where (try? ClinicalDate.day(day, field: field)) == nil {
            throw ProjectionError.invalidInput(field: field, reason: "a day such as 2026-01-31")
        }
        guard from <= to else { throw ProjectionError.invalidInput(field: "from", reason: "on or before the period's last day") }
        guard silentAfterDays > 0 else { throw ProjectionError.invalidInput(field: "silentAfterDays", reason: "a number of days ≥ 1") }
        try await projector.catchUp()
        let figures = try await store.read { try $0.programFigures(from: from, to: to) }
        return ProgramPicture(from: from, to: to, silentAfterDays: silentAfterDays, figures)
    }
}
