import ParcoursAccess
import ParcoursLog

extension ConsentAwareReader {
    /// Decides a request on `view` about one participant — her or his care team, consents and
    /// refusals read from the journey as it stands — and records the decision; throws `Denied`
    /// once a refusal is recorded, or the `ProjectionError` of a record that does not exist
    /// (never admitted, or erased), recorded as a denial first.
    @discardableResult
    public func decide(_ view: AccessView, purpose: AccessPurpose, about participant: String, for reader: Reader,
                       organizations: [String: String], today: String,
                       noting details: (inout AccessRecord) -> Void = { _ in }) async throws -> AccessDecision {
        let journey: Journey
        do { journey = try await projections.journey(of: participant) } catch let error as ProjectionError {
            let denial: AccessDecision.Denial = if case .erased = error { .erasedParticipant } else { .unknownParticipant }
            let unknown = AccessDecision(outcome: .denied, categories: [], purpose: purpose, denial: denial, brokeGlass: false)
            try await record([.decided(unknown, reader: reader, view: view, participant: ParticipantID(participant), justification: nil,
                                       noting: details)])
            throw error
        }
        let context = journey.accessContext(organizations: organizations, today: today)
        return try await decide(AccessRequest(reader: reader, view: view, participant: context, purpose: purpose), noting: details)
    }
}
