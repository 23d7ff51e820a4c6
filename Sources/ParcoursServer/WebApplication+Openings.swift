import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension WebApplication {
    /// Who opened the record, for the journey page of a clinician of its care team who read it
    /// whole for care; nil for anyone else, and never after breaking the glass. The use case
    /// decides and records it; a refusal there only leaves the panel out. Any other failure
    /// (the access log cannot be written) fails the page, closed.
    func openings(of participant: ParticipantID, journey: Journey, decision: AccessDecision, session: WebSession) async throws -> [RecordOpening]? {
        guard !decision.brokeGlass, decision.purpose == .care, decision.categories == Set(InformationCategory.allCases),
              journey.careTeam.contains(session.actor) else { return nil }
        do { return try await caseRecord.openings(of: participant, by: session.identity) } catch is ConsentAwareReader.Denied { return nil }
    }
}
