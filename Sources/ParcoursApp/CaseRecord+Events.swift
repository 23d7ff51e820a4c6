import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// A stream's events, low level. Other streams than a participant's (the directory, the
    /// registers) are an administrator's. In a participant's stream, what each act says is
    /// opened only for whom the policy shows the whole journey (the care team, or a clinician
    /// breaking the glass); an administrator gets the acts' metadata, their content sealed.
    ///
    /// - Returns: the events, and whether their sealed content was opened.
    public func events(inStream stream: String, breakGlass: String? = nil, by identity: Identity) async throws
        -> (events: [StoredEvent], contentShown: Bool) {
        guard Identifiers.isStream(stream) else {
            throw AppError.invalidInput(field: "stream", reason: "directory, participant/P-XXXXXX or a lowercase name")
        }
        let participant = Identifiers.participant(ofStream: stream)
        let session = try await session(identity, view: .events, participant: participant.flatMap(ParticipantID.init))
        try await follower.reachHead()
        var content = participant == nil
        if let participant {
            // The same decision as `journey`: content for the whole-journey readers only.
            let journey = try? await session.projections.journey(of: participant)
            let decision = journey.map {
                AccessPolicy.decide(AccessRequest(reader: session.reader, view: .journey, participant: $0.accessContext(
                    organizations: session.organizations, today: Self.today()), breakGlass: breakGlass))
            }
            if let decision, decision.permitted, decision.categories == Set(InformationCategory.allCases) {
                try await session.record(.decided(decision, reader: session.reader, view: .events, participant: ParticipantID(participant),
                                            justification: breakGlass) { $0.stream = stream })
                content = true
            } else if !session.reader.holds(.admin), let decision {
                // A partial view is not enough to read raw acts.
                let refused = decision.permitted
                    ? AccessDecision(outcome: .denied, categories: [], purpose: .care, denial: .roleNotPermitted, brokeGlass: false) : decision
                try await session.record(.decided(refused, reader: session.reader, view: .events, participant: ParticipantID(participant),
                                            justification: breakGlass) { $0.stream = stream })
                throw ConsentAwareReader.Denied(decision: refused, view: .events)
            }
        }
        if !content || participant == nil {
            try await session.authorize(.events, purpose: .administration) {
                $0.stream = stream
                $0.participant = participant.flatMap(ParticipantID.init)
            }
        }
        return (try await store.events(inStream: stream, master: master), content)
    }
}
