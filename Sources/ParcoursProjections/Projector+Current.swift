import Foundation
import ParcoursClinical
import ParcoursLog

extension Projector {
    /// A participant's journey and the record the rules check, as of the log's head, read in
    /// `source`: the journey projection's state plus the events it has not followed yet (the
    /// whole stream folded again when those rewrite earlier acts, or nothing is projected).
    ///
    /// Nil when no such participant was ever admitted; an erased participant's record is
    /// marked erased, her or his journey empty.
    public static func current(of participant: String, in source: any ProjectionTransaction) throws -> (journey: Journey, record: ParticipantRecord)? {
        try current(of: participant, in: source, whole: true).map { ($0.journey!, $0.record) }
    }

    /// As `current(of:in:)`, for a writer: the journey's access facts and the rules' record,
    /// the whole journey decoded only when `whole` or when the events the projection has
    /// not followed change what the policy reads (then it is given too).
    public static func current(of participant: String, in source: any ProjectionTransaction, whole: Bool)
        throws -> (facts: Journey.AccessFacts, record: ParticipantRecord, journey: Journey?)? {
        guard let head = try source.streamHead(of: participant) else { return nil }
        guard head.type != StreamRules.participantErased, let key = try source.dataKey(of: participant) else {
            var record = ParticipantRecord(participant: participant)
            record.markErased()
            let journey = Journey(participant: participant)
            return (journey.accessFacts, record, journey)
        }
        // The events a stored row has not followed are those from the seq it was read with, in
        // the same statement: never the projections' position, read apart, which a projector
        // (of another server, on a shared database) may move in between.
        if !whole, let sealed = try source.sealedAccess(of: participant) {
            let tail = try source.stream(of: participant, from: sealed.throughSeq)
            if !tail.contains(where: { Journey.changesAccess($0.type) }) {
                let facts = try SealedProjection.open(Journey.AccessFacts.self, sealed.access, as: "access", of: participant, with: key)
                var record = try SealedProjection.open(ParticipantRecord.self, sealed.record, as: "record", of: participant, with: key)
                for event in tail where event.payload != nil { record.apply(type: event.type, id: event.id, recorded: RecordedAct.decode(event)) }
                return (facts, record, nil)
            }
        }
        if let sealed = try source.sealedJourneyAndRecord(of: participant) {
            let tail = try source.stream(of: participant, from: sealed.throughSeq)
            if !tail.contains(where: { Journey.rewritesEarlierActs($0.type) }) {
                var (journey, record) = try SealedProjection.open((sealed.journey, sealed.record), of: participant, with: key)
                advance(&journey, &record, by: tail)
                return (journey.accessFacts, record, journey)
            }
        }
        let events = try source.stream(of: participant)
        if !whole, !events.contains(where: { Journey.rewritesEarlierActs($0.type) }) {
            // Not projected yet (a bulk import): the facts need only the acts that change them.
            var journey = Journey(participant: participant), record = ParticipantRecord(participant: participant)
            for event in events where event.payload != nil {
                let recorded = RecordedAct.decode(event)
                if Journey.changesAccess(event.type) { journey.apply(event, recorded) }
                record.apply(type: event.type, id: event.id, recorded: recorded)
            }
            return (journey.accessFacts, record, nil)
        }
        let (journey, record) = fold(participant, events)
        return (journey.accessFacts, record, journey)
    }
}
