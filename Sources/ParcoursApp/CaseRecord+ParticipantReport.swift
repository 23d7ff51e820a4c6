import ParcoursAccess
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// What a participant receives on request (purpose `participant-request`): her or his
    /// whole journey, legal disclosures included, and every access to the record — this
    /// request among them, since it is decided and recorded before anything is read.
    ///
    /// - Throws: `ConsentAwareReader.Denied` once a refusal is recorded (whether the
    ///   participant exists is not said to a reader refused); `ProjectionError` for an
    ///   unknown or erased participant.
    public func participantReport(of participant: ParticipantID, by identity: Identity) async throws -> (journey: Journey, accesses: [RecordedAccess]) {
        let session = try await session(identity, view: .participantReport, participant: participant)
        try await follower.reachHead()
        try await session.authorize(.participantReport, purpose: .participantRequest, noting: { $0.participant = participant })
        let journey = try await session.projections.journey(of: participant.rawValue)
        return (journey, try await auditedAccesses().filter { $0.record.participant == participant })
    }
}
