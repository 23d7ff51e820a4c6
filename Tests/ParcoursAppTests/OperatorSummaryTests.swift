import ParcoursApp
import ParcoursLog
import Testing

/// What the server's log says of a failure it answered "service unavailable": its kind, never
/// a value it carried (a participant's stream, an actor, a reason quoting a record).
@Suite("Operator summaries of failures")
struct OperatorSummaryTests {
    @Test("an enumeration's case is named, its values left out; an error that summarizes itself is taken at its word")
    func valuesLeftOut() {
        let stale = LogError.staleExpectedVersion(stream: "participant-P-SECRET1", expected: 4, actual: 5)
        #expect(OperatorSummary.of(stale) == "ParcoursLog.LogError.staleExpectedVersion")
        let batch = LogError.inBatch(event: 2, .ruleBroken("Personne Fictive n'est pas inscrite"))
        #expect(!OperatorSummary.of(batch).contains("Fictive") && OperatorSummary.of(batch).hasSuffix(".inBatch"))
        #expect(OperatorSummary.of(LogError.masterKeyRequired) == "ParcoursLog.LogError")
        struct Summarized: OperatorSummarized { var operatorSummary: String { "engine refused: code 40P01" } }
        #expect(OperatorSummary.of(Summarized()) == "engine refused: code 40P01")
    }
}
