import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite

/// What `parcours record` does for a batch of acts, timed: the same use case
/// (`CaseRecord.record`), so the two cannot drift apart. The clinician's key is unlocked once,
/// as a web session holds it (`ProvenSigner`); every batch still proves the identity and
/// reads the directory. Inside one write transaction each
/// act is decided by the access policy, checked by the framework's rules against the
/// participant's record (the journey projection plus the events it has not followed yet),
/// then the batch is appended. The projections follow each batch afterwards, timed apart:
/// in use, the next reader pays that. Not timed: the process start, reading and parsing the
/// input, and the two Argon2id unlocks.
enum RecordBench {
    static let clinician = "clin-bench"
    static let clinicianPassphrase = "bench-clinician-passphrase"

    struct Timings {
        var acts = 0
        /// Acts per second of each timed batch.
        var rates: [Double] = []
        var coresBusy: [Double] = []
        /// Milliseconds the projections took to follow each batch, after it (not in the rate).
        var followMilliseconds: [Double] = []

        var medianRate: Double { median(rates) }
    }

    /// Records a batch as `parcours record` does; `admitting` names the participant an admission creates.
    static func record(_ acts: [ActRequest], in caseRecord: CaseRecord, as who: Identity, admitting: String? = nil) async throws -> [AppendResult] {
        try await caseRecord.record(acts, by: who, participantIDs: { admitting ?? ClinicalRecorder.newParticipantID() }).map(\.result)
    }

    // MARK: The benchmark

    /// Builds a store at `path`, records `participants` generated journeys (one batch per
    /// journey, like `parcours demo generate`), then times `runs` batches of `batchSize`
    /// acts (`stage.assessed` and `session.held`, which the rules accept at any point of an
    /// open follow-up) spread round-robin over the participants whose follow-up is open.
    static func run(path: String, participants: Int, batchSize: Int, runs: Int, seed: UInt64) async throws -> (Timings, prepopulated: Int) {
        let bench = try BenchStore.create(at: path)
        _ = try bench.store.enrol(actor: clinician, name: "Intervenante Banc", organization: "Banc d'essai", roles: ["clinician"],
                                  passphrase: clinicianPassphrase, by: bench.admin)
        let caseRecord = CaseRecord(store: SQLiteCaseStore(bench.store), master: bench.master)
        let who = Identity(actor: clinician, signer: ProvenSigner(try bench.store.unlockActor(clinician, passphrase: clinicianPassphrase)))
        var generator = JourneyGenerator(seed: seed, clinician: clinician)
        var prepopulated = 0
        let journeys = generator.journeys(count: participants)
        for journey in journeys {
            let acts = try journey.map(ActRequest.init(generated:))
            prepopulated += try await record(acts, in: caseRecord, as: who, admitting: journey[0].participant).count
        }
        // The acts below are accepted only while the follow-up is open, from a member of the care team.
        let admitted = journeys.compactMap(\.first?.participant)
        let open = try await bench.store.projections(master: bench.master).read { source in
            try admitted.filter { participant in
                guard let record = try Projector.current(of: participant, in: source, whole: false)?.record else { return false }
                return !record.closed && !record.erased && record.careTeam.contains(clinician)
            }
        }
        guard !open.isEmpty else { throw BenchError("no participant with an open follow-up to record for") }
        log("  \(prepopulated) acts recorded; \(open.count) of \(participants) participants have an open follow-up the bench's clinician is in")

        var timings = Timings()
        for run in 0..<runs {
            let acts = batch(size: batchSize, over: open, run: run)
            let watch = Stopwatch()
            let results = try await record(acts, in: caseRecord, as: who)
            let seconds = watch.elapsedSeconds
            precondition(results.count == acts.count && results.allSatisfy { !$0.existing })
            timings.acts += acts.count
            timings.rates.append(Double(acts.count) / seconds)
            timings.coresBusy.append(watch.coresBusy)
            // What the next reader pays: the projections follow the batch.
            let follow = Stopwatch()
            try await Projector(store: bench.store.projections(master: bench.master)).catchUp()
            timings.followMilliseconds.append(follow.elapsedSeconds * 1000)
            log("  batch \(run + 1) of \(runs): \(formatRate(Double(acts.count) / seconds)) acts/s")
        }
        return (timings, prepopulated)
    }

    /// `size` acts, alternately a stage assessment and a session, round-robin over `participants`.
    private static func batch(size: Int, over participants: [String], run: Int) -> [ActRequest] {
        let steps = EngagementStep.allCases
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let occurredAt = formatter.string(from: Date().addingTimeInterval(-3600))
        return (0..<size).map { index in
            let participant = participants[index % participants.count]
            let step = steps[(index / 2 + run) % steps.count]
            let stage = step.usualWheelStages.map(\.rawValue).sorted()[0]
            let data: [String: JSONValue] = index % 2 == 0
                ? ["engagementStep": .string(step.rawValue), "wheelStage": .string(stage),
                   "importance": .int(Int64((index + run) % 11)), "confidence": .int(Int64((index * 3 + run) % 11))]
                : ["kind": "accompaniment", "minutes": .int(Int64(30 + index % 90)), "processes": ["engaging"], "techniques": ["open-questions"]]
            return try! ActRequest(json: ["type": .string(index % 2 == 0 ? "stage.assessed" : "session.held"),
                                          "participant": .string(participant), "occurredAt": .string(occurredAt), "data": .object(data)])
        }
    }
}

/// `parcours-bench record`: the record path's rate, in acts per second, median of the batches.
func runRecord(_ options: Options) async throws {
    let directory = try options.string("dir")
    let participants = max(1, try options.int("participants", default: 100))
    let batchSize = max(1, try options.int("acts", default: 1_000))
    let runs = max(1, try options.int("runs", default: 5))
    let seed = UInt64(try options.int("seed", default: 1))
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/store-record"
    log("record: \(participants) generated journeys, then \(runs) batches of \(batchSize) acts at \(path)")
    let (timings, prepopulated) = try await RecordBench.run(path: path, participants: participants, batchSize: batchSize, runs: runs, seed: seed)
    print("record: \(prepopulated) acts of \(participants) journeys, then \(runs) batches of \(batchSize) acts: "
        + "median \(formatRate(timings.medianRate)) acts/s (each: \(timings.rates.map(formatRate).joined(separator: ", "))), "
        + String(format: "cores busy %.2f; the projections then followed each batch in %.0f ms (median)",
                 median(timings.coresBusy), median(timings.followMilliseconds)))
    let rates = timings.rates.map { String(Int($0.rounded())) }.joined(separator: ",")
    print(#"{"bench":"record","participants":\#(participants),"prepopulatedActs":\#(prepopulated),"acts":\#(batchSize),"#
        + #""runs":\#(runs),"actsPerSecond":\#(Int(timings.medianRate.rounded())),"batchActsPerSecond":[\#(rates)],"#
        + #""followMilliseconds":\#(Int(median(timings.followMilliseconds).rounded()))}"#)
}
