import Foundation
import ParcoursClinical
import ParcoursLog

extension Journey {
    /// Folds a whole stream. Corrections and voidings are gathered first, so every act
    /// is applied once, with its corrected values, and voided acts are skipped. From the
    /// same decoded acts it folds the record the clinical rules check (which keeps acts as
    /// recorded, corrections aside).
    public static func fold(participant: String, events: [ProjectedEvent], record: inout ParticipantRecord) -> Journey {
        var journey = Journey(participant: participant)
        var merged: [String: [String: JSONValue]] = [:]
        var marks: [String: CorrectionMark] = [:]
        var voided: Set<String> = []
        for event in events {
            guard let payload = event.payload else { continue }
            switch event.type {
            case ClinicalActType.entryCorrected.rawValue:
                guard let object = try? JSONParser.parse(payload).objectValue,
                      let target = object["corrects"]?.stringValue, let members = object["correction"]?.objectValue else { continue }
                merged[target, default: [:]].merge(members) { _, new in new }
                let day = Self.day(object["occurredAt"]?.stringValue ?? event.recordedAt)
                var mark = marks[target] ?? CorrectionMark(by: [], on: day, reason: "", members: [])
                mark.by.append(event.id)
                mark.on = day
                mark.reason = object["reason"]?.stringValue ?? ""
                mark.members = Array(Set(mark.members).union(members.keys)).sorted()
                marks[target] = mark
            case ClinicalActType.entryVoided.rawValue:
                if let target = try? JSONParser.parse(payload).objectValue?["voids"]?.stringValue {
                    voided.insert(target)
                }
            default: break
            }
        }
        for event in events {
            let recorded = RecordedAct.decode(event)
            if event.payload != nil { record.apply(type: event.type, id: event.id, recorded: recorded) }
            if voided.contains(event.id) {
                journey.voidedCount += 1
                journey.throughSeq = max(journey.throughSeq, event.seq + 1)
            } else if let members = merged[event.id], let payload = event.payload, let bytes = Self.merging(members, into: payload) {
                journey.corrections[event.id] = marks[event.id]
                if !journey.apply(event.with(payload: bytes)) {
                    // Corrected into something that is no longer a valid act: the act as recorded.
                    journey.corrections[event.id] = nil
                    journey.apply(event, recorded)
                }
            } else {
                journey.apply(event, recorded)
            }
        }
        return journey
    }

    /// Whether an act of this type changes earlier acts, so the stream must be folded again.
    public static func rewritesEarlierActs(_ type: String) -> Bool {
        type == ClinicalActType.entryCorrected.rawValue || type == ClinicalActType.entryVoided.rawValue
    }

    /// An act's data with corrected members replaced, in canonical form.
    static func merging(_ members: [String: JSONValue], into payload: Data) -> Data? {
        guard var object = try? JSONParser.parse(payload).objectValue else { return nil }
        object.merge(members) { _, new in new }
        return Data(CanonicalJSON.encode(.object(object)))
    }

    /// The day (`YYYY-MM-DD`) of an instant as recorded.
    static func day(_ instant: String) -> String { String(instant.prefix(10)) }
}

extension ProjectedEvent {
    func with(payload: Data) -> ProjectedEvent {
        var copy = self
        copy.payload = payload
        return copy
    }
}
