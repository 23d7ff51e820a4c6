import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursStore

/// What `parcours record` does for a batch of acts, timed: for each act, the participant's
/// record (loaded once per participant per batch), the framework's rules
/// (`ClinicalRecorder.check`), then one atomic append of the whole batch.
///
/// Records come from the journey projection plus the events it has not followed yet,
/// as in the CLI; the projections follow each batch afterwards, timed apart: in use, the
/// next reader pays that.
///
/// The CLI's `RecordCommand` lives in an executable target, so this replicates its
/// sequence of library calls rather than calling it; keep the two in step. Not timed:
/// the process start, reading and parsing the input, and the two Argon2id unlocks.
enum RecordBench {
    static let clinician = "clin-bench"
    static let clinicianPassphrase = "bench-clinician-passphrase"

    /// One act in `parcours record`'s input shape, already parsed.
    struct Act {
        var id: String?
        var type: String
        var participant: String
        var occurredAt: String
        var data: [String: JSONValue]
    }

    struct Timings {
        var acts = 0
        /// Acts per second of each timed batch.
        var rates: [Double] = []
        /// The fraction of each batch's time spent loading participants' records.
        var loadShares: [Double] = []
        var coresBusy: [Double] = []
        /// Milliseconds the projections took to follow each batch, after it (not in the rate).
        var followMilliseconds: [Double] = []

        var medianRate: Double { median(rates) }
    }

    // MARK: The participant's record

    /// The participant's record so far, or nil when there is none: read from the journey
    /// projection, as `RecordCommand.load` does (the projections were caught up before
    /// the batch); a participant the projections do not know is looked up in the log.
    static func loadParticipantRecord(_ participant: String, store: Store, master: MasterKey) throws -> ParticipantRecord? {
        try Projector(store: store, master: master).recordOrHistory(of: participant)
    }

    // MARK: The record path

    /// Checks every act against its participant's record (as of the earlier acts of the
    /// batch), then appends the batch in one transaction, as `parcours record` does.
    /// `loadSeconds` accumulates the time spent in `loadParticipantRecord`.
    static func record(_ acts: [Act], store: Store, author: UnlockedActor, master: MasterKey,
                       loadSeconds: inout Double) throws -> [AppendResult] {
        let watch = Stopwatch()
        var records = try Projector(store: store, master: master).records(of: Set(acts.map(\.participant)))
        loadSeconds += watch.elapsedSeconds
        var drafts: [EventDraft] = []
        drafts.reserveCapacity(acts.count)
        for act in acts {
            var record: ParticipantRecord?
            if act.type != ClinicalActType.participantEnrolled.rawValue {
                if let known = records[act.participant] {
                    record = known
                } else {
                    let watch = Stopwatch()
                    record = try loadParticipantRecord(act.participant, store: store, master: master)
                    loadSeconds += watch.elapsedSeconds
                }
            }
            let bytes = Data(CanonicalJSON.encode(.object(act.data)))
            let version = UInt64(record?.acts ?? 0)
            let eventID = act.id ?? Identifiers.newEventID()
            let warnings = try ClinicalRecorder.record(type: act.type, data: bytes, occurredAt: act.occurredAt, id: eventID,
                                                       participant: act.participant, into: &record)
            records[act.participant] = record
            var stored = act.data
            stored["occurredAt"] = .string(act.occurredAt)
            if !warnings.isEmpty {
                stored["warnings"] = .array(warnings.map { ["code": .string($0.code), "message": .string($0.message)] })
            }
            drafts.append(EventDraft(type: act.type, stream: Identifiers.participantStreamPrefix + act.participant, data: stored,
                                     id: eventID, expectedVersion: version,
                                     schema: ClinicalActType(rawValue: act.type)?.currentSchema ?? 1))
        }
        return try store.append(drafts, by: author, master: master)
    }

    // MARK: The benchmark

    /// Builds a store at `path`, records `participants` generated journeys (one batch per
    /// journey, like `parcours demo generate`), then times `runs` batches of `batchSize`
    /// acts (`stage.assessed` and `session.held`, which the rules accept at any point of an
    /// open follow-up) spread round-robin over the participants whose follow-up is open.
    static func run(path: String, participants: Int, batchSize: Int, runs: Int, seed: UInt64) throws -> (Timings, prepopulated: Int) {
        let bench = try BenchStore.create(at: path)
        _ = try bench.store.enrol(actor: clinician, name: "Intervenante Banc", organization: "Banc d'essai", roles: ["clinician"],
                                  passphrase: clinicianPassphrase, by: bench.admin)
        let author = try bench.store.unlockActor(clinician, passphrase: clinicianPassphrase)
        var generator = JourneyGenerator(seed: seed, clinician: clinician)
        var prepopulated = 0
        var ignored = 0.0
        let journeys = generator.journeys(count: participants)
        for journey in journeys {
            let acts = try journey.map { act in
                Act(id: act.id, type: act.type, participant: act.participant, occurredAt: act.occurredAt,
                    data: try JSONParser.parse(Array(act.data)).objectValue ?? [:])
            }
            prepopulated += try record(acts, store: bench.store, author: author, master: bench.master, loadSeconds: &ignored).count
        }
        // The acts below are accepted only while the follow-up is open.
        let open = try journeys.compactMap(\.first?.participant).filter { participant in
            guard let record = try loadParticipantRecord(participant, store: bench.store, master: bench.master) else { return false }
            return !record.closed && !record.erased
        }
        guard !open.isEmpty else { throw BenchError("no participant with an open follow-up to record for") }
        log("  \(prepopulated) acts recorded; \(open.count) of \(participants) participants have an open follow-up")

        var timings = Timings()
        for run in 0..<runs {
            let acts = batch(size: batchSize, over: open, run: run)
            var loadSeconds = 0.0
            let watch = Stopwatch()
            let results = try record(acts, store: bench.store, author: author, master: bench.master, loadSeconds: &loadSeconds)
            let seconds = watch.elapsedSeconds
            precondition(results.count == acts.count && results.allSatisfy { !$0.existing })
            timings.acts += acts.count
            timings.rates.append(Double(acts.count) / seconds)
            timings.loadShares.append(loadSeconds / seconds)
            timings.coresBusy.append(watch.coresBusy)
            // What the next reader pays: the projections follow the batch.
            let follow = Stopwatch()
            try Projector(store: bench.store, master: bench.master).catchUp()
            timings.followMilliseconds.append(follow.elapsedSeconds * 1000)
            log("  batch \(run + 1) of \(runs): \(formatRate(Double(acts.count) / seconds)) acts/s, "
                + String(format: "%.0f %% loading records", 100 * loadSeconds / seconds))
        }
        return (timings, prepopulated)
    }

    /// `size` acts, alternately a stage assessment and a session, round-robin over `participants`.
    private static func batch(size: Int, over participants: [String], run: Int) -> [Act] {
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
            return Act(id: nil, type: index % 2 == 0 ? "stage.assessed" : "session.held", participant: participant,
                       occurredAt: occurredAt, data: data)
        }
    }
}

/// `parcours-bench record`: the record path's rate, in acts per second, median of the batches.
func runRecord(_ options: Options) throws {
    let directory = try options.string("dir")
    let participants = max(1, try options.int("participants", default: 100))
    let batchSize = max(1, try options.int("acts", default: 1_000))
    let runs = max(1, try options.int("runs", default: 5))
    let seed = UInt64(try options.int("seed", default: 1))
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/store-record"
    log("record: \(participants) generated journeys, then \(runs) batches of \(batchSize) acts at \(path)")
    let (timings, prepopulated) = try RecordBench.run(path: path, participants: participants, batchSize: batchSize, runs: runs, seed: seed)
    print("record: \(prepopulated) acts of \(participants) journeys, then \(runs) batches of \(batchSize) acts: "
        + "median \(formatRate(timings.medianRate)) acts/s (each: \(timings.rates.map(formatRate).joined(separator: ", "))), "
        + String(format: "loading records %.0f %% of the time, cores busy %.2f; the projections then followed each batch in %.0f ms (median)",
                 100 * median(timings.loadShares), median(timings.coresBusy), median(timings.followMilliseconds)))
    let rates = timings.rates.map { String(Int($0.rounded())) }.joined(separator: ",")
    print(#"{"bench":"record","participants":\#(participants),"prepopulatedActs":\#(prepopulated),"acts":\#(batchSize),"#
        + #""runs":\#(runs),"actsPerSecond":\#(Int(timings.medianRate.rounded())),"batchActsPerSecond":[\#(rates)],"#
        + #""loadSharePercent":\#(Int((100 * median(timings.loadShares)).rounded())),"#
        + #""followMilliseconds":\#(Int(median(timings.followMilliseconds).rounded()))}"#)
}
