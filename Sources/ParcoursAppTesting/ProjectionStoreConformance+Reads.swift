import ParcoursLog
import ParcoursLogTesting
import ParcoursProjections

/// The log as projections read it: events by position and by stream, whole streams, ids, heads and keys.
extension ProjectionStoreConformance {
    static let logReads = Check("log-reads", "the log's participant events read by position, by stream and whole, opened with their keys") { store in
        let base = try await store.store.read { try $0.head() }
        let acts = ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05") + ConformanceProjections.admission(of: "P-CONF02", on: "2026-01-06")
            + [ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-01", step: "crisis", wheel: "contemplation")]
        let results = try await store.record(acts)
        try await store.store.read { source in
            let head = try source.head()
            try check(head == base + 5, "head \(head) after five acts on \(base) records")
            let all = try source.events(from: 0, limit: Int(head))
            try check(all.map(\.seq) == results.map(\.seq), "events from 0 are seqs \(all.map(\.seq)), not the participants' \(results.map(\.seq))")
            try check(all.map(\.id) == acts.map(\.id), "events from 0 are not the acts recorded")
            try check(all.allSatisfy { $0.payload != nil && $0.author == ConformanceProjections.clinician }, "an event is not opened, or not by its author")
            let page = try source.events(from: base + 1, limit: 2)
            try check(page.map(\.seq) == [base + 1, base + 2], "events from \(base + 1), limit 2, are seqs \(page.map(\.seq))")
            let stream = try source.stream(of: "P-CONF01")
            try check(stream.map(\.version) == [0, 1, 2] && stream.allSatisfy { $0.participant == "P-CONF01" },
                      "P-CONF01's stream reads versions \(stream.map(\.version)), not 0…2")
            let part = try source.stream(of: "P-CONF01", from: base + 1, before: base + 4)
            try check(part.map(\.seq) == [base + 1], "P-CONF01's stream in [\(base + 1), \(base + 4)) is seqs \(part.map(\.seq))")
            var streams: [(String, Int)] = []
            try source.forEachStream(before: head) { stored in
                try check(stored.key != nil, "\(stored.participant)'s stream comes without its key")
                try check(try stored.events().map(\.seq) == stored.records.map { UInt64($0.seq) }, "a stored stream does not open")
                streams.append((stored.participant, stored.count))
            }
            try check(streams.map(\.0) == ["P-CONF01", "P-CONF02"] && streams.map(\.1) == [3, 2], "whole streams read \(streams)")
            var early: [(String, Int)] = []
            try source.forEachStream(before: base + 2) { early.append(($0.participant, $0.count)) }
            try check(early.map(\.0) == ["P-CONF01"] && early.map(\.1) == [2], "whole streams before \(base + 2) read \(early)")
            let found = try source.event(withID: results[4].id)
            try check(found?.stream == "participant/P-CONF01" && found?.type == "stage.assessed" && found?.author == ConformanceProjections.clinician,
                      "the event with the stage's id reads \(String(describing: found))")
            try check(try source.event(withID: "evt-inconnu") == nil, "an unknown id names an event")
            let streamHead = try source.streamHead(of: "P-CONF01")
            try check(streamHead?.version == 2 && streamHead?.type == "stage.assessed" && streamHead?.recordedAt.isEmpty == false,
                      "P-CONF01's stream head reads \(String(describing: streamHead))")
            try check(try source.streamHead(of: "P-CONF09") == nil, "a participant never recorded has a stream head")
            try check(try source.dataKey(of: "P-CONF01") != nil, "a recorded participant has no data key")
            try check(try source.dataKey(of: "P-CONF09") == nil, "a participant never recorded has a data key")
            try check(try source.participantsErased(since: 0).isEmpty, "participants are erased where none was")
        }
    }
}
