import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite

/// The projections on a store of generated journeys: rebuild from seq 0 (events/s, with
/// decryption), `journey` latency over random participants (in-process, through the
/// same reader the CLI uses, catch-up included), the program picture for a year, and
/// the store's size per event.
enum ProjectionBench {
    static let clinician = "clin-bench"

    struct Report {
        var events = 0
        var participants = 0
        var fillSeconds = 0.0
        var rebuildSeconds = 0.0
        var rebuildCoresBusy = 0.0
        var peakKiB = 0
        var journeyMilliseconds: [Double] = []
        var journeyBytes: [Double] = []
        var programMilliseconds: [Double] = []
        var databaseBytes = 0
        var walBytes = 0
        var reads: [ReadRun] = []
        var exportSeconds = 0.0
        var exportPeakKiB = 0
        var exportSummary = ""
    }

    struct ReadRun {
        var threads = 0
        var groupCommit = false
        var reads = 0
        var seconds = 0.0
        var milliseconds: [Double] = []
    }

    /// Journey reads by a clinician of the care teams, as the CLI and the server read:
    /// decided by the policy, the decision appended to the access log durably, then the
    /// journey redacted. One transaction a read, or `threads` readers sharing group commits.
    static func reads(_ bench: BenchStore, ids: [String], threads: Int, perThread: Int, groupCommit: Bool) throws -> ReadRun {
        let directory = try bench.store.currentDirectory()
        guard let actor = directory.activeActor(clinician) else { throw BenchError("no \(clinician) in this store") }
        let reader = Reader(actor)
        let organizations = directory.actors.values.reduce(into: [String: String]()) { $0[$1.id] = $1.organization }
        let (store, master) = (bench.store, bench.master)
        let committer = try AccessGroupCommit(store: store, master: master)
        // Each record is written on a thread of its own, as the store's own operations are: a write that
        // waits for its group's sync must not hold one of the few cooperative threads, or the group stays small.
        let views = ConsentAwareReader(projections: ProjectionReader(store: store.projections(master: master))) { records in
            let drafts = records.map { ($0.type, $0.payload) }
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
                DispatchQueue.global().async {
                    done.resume(with: Result {
                        if groupCommit { _ = try committer.record(drafts) } else {
                            for (type, data) in drafts { _ = try store.recordAccess(type: type, data: data, master: master) }
                        }
                    })
                }
            }
        }
        let today = String(ClinicalDate.format(Date()).prefix(10))
        let latencies = Latencies()
        let watch = Stopwatch()
        // Real threads, one a reader, so `threads` requests are truly in flight at once (GCD would run one a core).
        let done = DispatchGroup()
        for thread in 0..<threads {
            done.enter()
            Thread {
                var random = SplitMix64(seed: UInt64(1_000 + thread))
                for _ in 0..<perThread {
                    let participant = ids[random.below(ids.count)]
                    let start = nowNanoseconds()
                    _ = try? runBlocking { try await views.journey(of: participant, for: reader, organizations: organizations, today: today) }
                    latencies.add(Double(nowNanoseconds() - start) / 1e6)
                }
                done.leave()
            }.start()
        }
        done.wait()
        let values = latencies.values
        return ReadRun(threads: threads, groupCommit: groupCommit, reads: values.count, seconds: watch.elapsedSeconds, milliseconds: values)
    }

    final class Latencies: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [Double] = []
        func add(_ value: Double) { lock.withLock { all.append(value) } }
        var values: [Double] { lock.withLock { all } }
    }

    static func run(_ options: Options) async throws {
        let directory = try options.string("dir")
        let participants = max(1, try options.int("participants", default: 10_000))
        let low = try options.int("visits-min", default: 25), high = try options.int("visits-max", default: 45)
        let samples = max(1, try options.int("journeys", default: 1_000))
        let path = directory + "/store-projections"
        var report = Report()
        let bench: BenchStore
        if FileManager.default.fileExists(atPath: path + "/" + Store.databaseFileName) {
            log("1/7 reusing the store at \(path)")
            bench = try BenchStore.open(at: path)
        } else {
            log("1/7 filling \(path): \(participants) generated journeys of \(low)–\(high) visits")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let watch = Stopwatch()
            bench = try BenchStore.create(at: path)
            try fill(bench, participants: participants, visits: low...high)
            report.fillSeconds = watch.elapsedSeconds
        }
        report.events = Int(try bench.store.size())
        let ids = try participantIDs(bench)
        report.participants = ids.count
        log("    \(report.events) events, \(ids.count) participants")

        log("2/7 rebuilding every projection from seq 0")
        let projector = Projector(store: bench.store.projections(master: bench.master))
        let watch = Stopwatch()
        try runBlocking { try await projector.rebuild() }
        report.rebuildSeconds = watch.elapsedSeconds
        report.rebuildCoresBusy = watch.coresBusy
        report.peakKiB = ProcessMemory.read()?.peakKiB ?? 0
        log("    \(formatRate(Double(report.events) / report.rebuildSeconds)) events/s")
        if options.flag("rebuild-only") {
            print("rebuild of all projections: \(report.events) events in \(String(format: "%.2f", report.rebuildSeconds)) s = "
                  + "\(formatRate(Double(report.events) / report.rebuildSeconds)) events/s, \(String(format: "%.2f", report.rebuildCoresBusy)) cores busy, "
                  + "peak RSS \(formatKiB(report.peakKiB))")
            return
        }

        log("3/7 journey of \(samples) random participants")
        let reader = ProjectionReader(store: bench.store.projections(master: bench.master))
        var random = SplitMix64(seed: 42)
        let encoder = JSONEncoder()
        for _ in 0..<samples {
            let participant = ids[random.below(ids.count)]
            let start = nowNanoseconds()
            let journey = try await reader.journey(of: participant)
            report.journeyMilliseconds.append(Double(nowNanoseconds() - start) / 1e6)
            report.journeyBytes.append(Double(try encoder.encode(journey).count))
        }

        log("4/7 program picture for a year, 5 times")
        for _ in 0..<5 {
            let start = nowNanoseconds()
            _ = try await reader.program(from: "2025-01-01", to: "2025-12-31")
            report.programMilliseconds.append(Double(nowNanoseconds() - start) / 1e6)
        }

        log("5/7 journey reads through the access policy, each access record durable before the answer")
        report.reads = [
            try reads(bench, ids: ids, threads: 1, perThread: samples, groupCommit: false),
            try reads(bench, ids: ids, threads: 8, perThread: samples / 8, groupCommit: true),
            try reads(bench, ids: ids, threads: 32, perThread: samples / 32, groupCommit: true),
        ]

        log("6/7 research export of every participant with a research consent, --k 5")
        let exportWatch = Stopwatch()
        let exportDirectory = URL(fileURLWithPath: directory).appendingPathComponent("research-\(UUID().uuidString)")
        var key = try bench.store.researchKey(project: "banc", master: bench.master)
        let export = ResearchExport(options: .init(project: "banc"), key: key, today: String(ClinicalDate.format(Date()).prefix(10)))
        let manifest = try runBlocking { try await reader.withJourneys { try export.write(to: exportDirectory, journeys: $0) } }
        Sodium.zero(&key)
        report.exportSeconds = exportWatch.elapsedSeconds
        report.exportPeakKiB = ProcessMemory.read()?.peakKiB ?? 0
        report.exportSummary = "\(manifest.exported) of \(manifest.eligible) eligible exported, \(manifest.suppressed) suppressed, k \(manifest.achieved.k), l \(manifest.achieved.l)"
        try? FileManager.default.removeItem(at: exportDirectory)

        log("7/7 size on disk")
        report.databaseBytes = fileSize(bench.store.databasePath) - fileSize(bench.store.databasePath + "-wal")
        report.walBytes = fileSize(bench.store.databasePath + "-wal")
        print(table(report))
    }

    /// Generated journeys, appended in transactions of at most 1,000 acts.
    static func fill(_ bench: BenchStore, participants: Int, visits: ClosedRange<Int>) throws {
        try bench.store.enrol(actor: clinician, name: "Intervenante Banc", organization: "Banc d'essai", roles: ["clinician"],
                              passphrase: "bench-clinician-passphrase", by: bench.admin)
        let author = try bench.store.unlockActor(clinician, passphrase: "bench-clinician-passphrase")
        var generator = JourneyGenerator(seed: 2026, clinician: clinician, visits: visits)
        var pending: [EventDraft] = []
        var done = 0
        var lastReport = nowNanoseconds()
        for first in stride(from: 0, to: participants, by: 100) {
            for act in generator.journeys(count: min(100, participants - first), first: first).joined() {
                var data = try JSONParser.parse(Array(act.data)).objectValue ?? [:]
                data["occurredAt"] = .string(act.occurredAt)
                pending.append(EventDraft(type: act.type, stream: Identifiers.participantStreamPrefix + act.participant, data: data,
                                          id: act.id, schema: ClinicalActType(rawValue: act.type)?.currentSchema ?? 1))
                if pending.count == 1_000 {
                    done += try bench.store.append(pending, by: author, master: bench.master).count
                    pending.removeAll(keepingCapacity: true)
                    if nowNanoseconds() - lastReport > 10_000_000_000 {
                        log("    \(done) events")
                        lastReport = nowNanoseconds()
                    }
                }
            }
        }
        if !pending.isEmpty { _ = try bench.store.append(pending, by: author, master: bench.master) }
    }

    static func participantIDs(_ bench: BenchStore) throws -> [String] {
        var ids: [String] = []
        try bench.store.logStore(master: nil).withReadTransaction(on: .events) { log in
            try log.participantStreams { ids += Identifiers.participant(ofStream: $0.stream).map { [$0] } ?? [] }
        }
        return ids.sorted()
    }

    static func table(_ report: Report) -> String {
        let rate = Double(report.events) / report.rebuildSeconds
        let bytes = report.databaseBytes + report.walBytes
        return """

            | projections | \(report.events) events, \(report.participants) participants |
            |---|---|
            | store filled in | \(String(format: "%.0f", report.fillSeconds)) s (0 = reused) |
            | rebuild of all projections | \(String(format: "%.1f", report.rebuildSeconds)) s = \(formatRate(rate)) events/s, \(String(format: "%.2f", report.rebuildCoresBusy)) cores busy, peak RSS \(formatKiB(report.peakKiB)) |
            | journey (in-process, \(report.journeyMilliseconds.count) random participants) | p50 \(String(format: "%.2f", median(report.journeyMilliseconds))) ms, p99 \(String(format: "%.2f", percentile(report.journeyMilliseconds, 0.99))) ms, max \(String(format: "%.2f", report.journeyMilliseconds.max() ?? 0)) ms; JSON p50 \(String(format: "%.0f", median(report.journeyBytes))) bytes |
            \(report.reads.map { run in
                "| journey reads, access record durable first: \(run.threads) reader\(run.threads > 1 ? "s" : ""), \(run.groupCommit ? "group commit" : "one transaction a read") | "
                    + "\(formatRate(Double(run.reads) / run.seconds)) reads/s; p50 \(String(format: "%.2f", median(run.milliseconds))) ms, p99 \(String(format: "%.2f", percentile(run.milliseconds, 0.99))) ms |"
            }.joined(separator: "\n"))
            | research export, --k 5 | \(String(format: "%.1f", report.exportSeconds)) s; \(report.exportSummary); process peak RSS \(formatKiB(report.exportPeakKiB)) |
            | program for a year | median \(String(format: "%.1f", median(report.programMilliseconds))) ms of 5 |
            | store on disk | \(bytes / 1_048_576) MiB (WAL \(report.walBytes / 1_048_576) MiB) = \(bytes / max(report.events, 1)) bytes/event |
            """
    }
}
