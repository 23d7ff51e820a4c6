import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursStore

extension Projector {
    /// A participant's journey and the record the rules check, as of the log's head, read in
    /// `source`: the journey projection's state plus the events it has not followed yet (the
    /// whole stream folded again when those rewrite earlier acts, or nothing is projected).
    ///
    /// Nil when no such participant was ever admitted; an erased participant's record is
    /// marked erased, her or his journey empty.
    public static func current(of participant: String, in source: ProjectionSource) throws -> (journey: Journey, record: ParticipantRecord)? {
        guard let head = try source.streamHead(of: participant) else { return nil }
        guard head.type != StreamRules.participantErased, let key = try source.dataKey(of: participant) else {
            var record = ParticipantRecord(participant: participant)
            record.markErased()
            return (Journey(participant: participant), record)
        }
        let position = try ProjectionTables.positions(source.db)[.journey]!
        let tail = try source.stream(of: participant, from: position)
        if !tail.contains(where: { Journey.rewritesEarlierActs($0.type) }), let sealed = try ProjectionTables.loadSealed(participant, source.db) {
            var (journey, record) = try ProjectionTables.open(sealed, of: participant, with: key)
            for event in tail {
                let recorded = RecordedAct.decode(event)
                journey.apply(event, recorded)
                if event.payload != nil { record.apply(type: event.type, id: event.id, recorded: recorded) }
            }
            return (journey, record)
        }
        return fold(participant, try source.stream(of: participant))
    }
}
