import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// What a participant's record offers a person to record: the journey as she or he may see
/// it, the read's decision, and the act types the access policy would let her or him record.
public struct RecordingOptions: Sendable {
    public var journey: Journey
    public var decision: AccessDecision
    /// The act types the policy permits this person to record now, in the order of `ClinicalActType`;
    /// none after breaking the glass (the glass is broken for one read, never for a write).
    public var permitted: [ClinicalActType]
}

extension CaseRecord {
    /// The participant's journey as `identity` may see it (the read recorded in the access log
    /// first, a refusal thrown as `ConsentAwareReader.Denied`), with the act types the access
    /// policy would let her or him record: what a front offers, so it offers no form whose
    /// write would be refused. The write itself is decided again when it is recorded.
    public func recordingOptions(for participant: ParticipantID, by identity: Identity) async throws -> RecordingOptions {
        let session = try await session(identity, view: .journey, participant: participant)
        try await follower.reachHead()
        let (journey, decision) = try await session.journey(of: participant, view: .journey, breakGlass: nil)
        let context = journey.accessContext(organizations: session.organizations, today: Self.today())
        let permitted = ClinicalActType.allCases.filter { type in
            type != .participantEnrolled && AccessPolicy.decide(AccessRequest(
                reader: session.reader, view: .record, participant: context,
                act: WriteAct(type: type.rawValue, clinician: session.reader.id))).permitted
        }
        return RecordingOptions(journey: journey, decision: decision, permitted: decision.brokeGlass ? [] : permitted)
    }

    /// Whether the access policy lets `identity` admit a participant (a clinician's act).
    /// Nothing is read: it is asked to offer the admission form or not.
    public func mayAdmit(by identity: Identity) async throws -> Bool {
        let session = try await session(identity, view: .record)
        return AccessPolicy.decide(AccessRequest(reader: session.reader, view: .record, act: .admission)).permitted
    }
}
