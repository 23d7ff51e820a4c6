// parcours-bench: throughput and memory of the Parcours store on synthetic data.
// See BENCHMARKS.md and Tools/bench.
import Foundation
import ParcoursLog
import ParcoursSQLite

func fileSize(_ path: String) -> Int {
    ["", "-wal"].reduce(0) { total, suffix in
        total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
    }
}

func runAll(_ options: Options) throws {
    let directory = try options.string("dir")
    let events = try options.int("events", default: 100_000)
    let singles = try options.int("single", default: 10_000)
    let batchSize = max(1, try options.int("batch", default: 1_000))
    let small = try options.int("small", default: 25_000)
    let participants = max(1, try options.int("participants", default: 1_000))
    let dataBytes = try options.int("data-bytes", default: 1_000)
    let segment = max(1, try options.int("segment", default: 1_000))
    let verifyRepeats = max(1, try options.int("verify-repeat", default: 3))
    let repeats = max(1, try options.int("repeat", default: 5))
    let rawSingles = try options.int("raw-single", default: 3_000)
    let rawBatches = try options.int("raw-batches", default: 20)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let run = Stopwatch()

    var results = Results()
    results.options = ["events": events, "single": singles, "batch": batchSize, "small": small, "participants": participants,
                       "dataBytes": dataBytes, "segment": segment, "verifyRepeat": verifyRepeats]

    log("1/6 building blocks: Ed25519, per-event CPU steps (\(repeats) repeats, median)")
    results.primitives = PrimitiveBench.run(origin: BenchSecrets.origin, dataBytes: dataBytes, repeats: repeats, scale: 2_000)
    log("2/6 disk: fsync probe\(options.flag("skip-raw") ? "" : ", plain-SQLite baseline")")
    (results.fsyncPerSecond, results.fsyncMedianMicroseconds) = try probeFsync(directory: directory, rounds: 1_000)
    if !options.flag("skip-raw") {
        let rawDirectory = directory + "/raw"
        try FileManager.default.createDirectory(atPath: rawDirectory, withIntermediateDirectories: true)
        results.raw = try RawBaseline.run(directory: rawDirectory, origin: BenchSecrets.origin, dataBytes: dataBytes,
                                          participants: participants, single: rawSingles, batches: rawBatches, batchSize: batchSize,
                                          segment: segment)
        results.rawNormal = try RawBaseline.run(directory: rawDirectory, origin: BenchSecrets.origin, dataBytes: dataBytes,
                                                participants: participants, single: rawSingles, batches: 0, batchSize: batchSize,
                                                segment: segment, synchronous: "NORMAL")
        try? FileManager.default.removeItem(atPath: rawDirectory)
    }

    let largePath = directory + "/store-large"
    log("3/6 building the store: \(events) events in transactions of \(batchSize) at \(largePath)")
    let createWatch = Stopwatch()
    let large = try BenchStore.create(at: largePath)
    results.createSeconds = createWatch.elapsedSeconds
    var synthetic = SyntheticEvents(participants: participants, dataBytes: dataBytes, seed: 1)
    results.batch = try large.appendBatches(total: events, batchSize: batchSize, synthetic: &synthetic, progress: true)
    log("    \(formatRate(results.batch.medianRate)) events/s (median of \(results.batch.rates.count) transactions)")

    log("4/6 single appends: \(singles) events, one per transaction, on top of the \(events)-event store")
    results.single = try large.appendSingles(total: singles, segment: segment, synthetic: &synthetic)
    log("    \(formatRate(results.single.medianRate)) events/s (median of \(results.single.rates.count) segments)")
    results.storeBytes = fileSize(large.store.databasePath)

    var smallPath: String?
    if small > 0 {
        smallPath = directory + "/store-small"
        log("5/6 building a \(small)-event store for the memory comparison")
        var smallSynthetic = SyntheticEvents(participants: participants, dataBytes: dataBytes, seed: 2)
        let smallStore = try BenchStore.create(at: smallPath!)
        _ = try smallStore.appendBatches(total: small, batchSize: batchSize, synthetic: &smallSynthetic, progress: false)
    }

    log("6/6 verify in a separate process, \(verifyRepeats) times each")
    if let smallPath { results.smallVerify = try VerifyReport.inChild(store: smallPath, repeats: verifyRepeats) }
    results.largeVerify = try VerifyReport.inChild(store: largePath, repeats: verifyRepeats)
    results.totalSeconds = run.elapsedSeconds
    results.loadAfter = loadAverage()

    print(results.table())
    print("")
    print(results.json())
}

func runPrimitives(_ options: Options) throws {
    var results = Results()
    results.options = ["dataBytes": try options.int("data-bytes", default: 1_000)]
    results.primitives = PrimitiveBench.run(origin: BenchSecrets.origin, dataBytes: results.options["dataBytes"]!,
                                            repeats: max(1, try options.int("repeat", default: 5)), scale: 2_000)
    let p = results.primitives
    print("sign/s \(formatRate(p.signPerSecond)); verify/s 1 core 64 B \(formatRate(p.verifyShortPerSecond)), "
        + "envelope \(formatRate(p.verifyOneCorePerSecond)); \(p.cores) cores \(formatRate(p.verifyAllCoresPerSecond))")
    for (name, value) in p.makeSteps + p.parseSteps + p.hashSteps + [("data key unwrapped into sodium_malloc, then freed", p.guardedKeyMicroseconds)] {
        print("  " + name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%6.1f µs", value))
    }
}

func runBuild(_ options: Options) throws {
    let path = try options.string("store")
    let events = try options.int("events", default: 100_000)
    var synthetic = SyntheticEvents(participants: max(1, try options.int("participants", default: 1_000)),
                                    dataBytes: try options.int("data-bytes", default: 1_000), seed: 1)
    let store = FileManager.default.fileExists(atPath: Store.databasePath(for: path)) ? try BenchStore.open(at: path)
        : try BenchStore.create(at: path)
    let timings = try store.appendBatches(total: events, batchSize: max(1, try options.int("batch", default: 1_000)),
                                          synthetic: &synthetic, progress: true)
    print("\(timings.events) events appended in batches: median \(formatRate(timings.medianRate))/s, "
        + "overall \(formatRate(timings.overall))/s, cores busy \(String(format: "%.2f", median(timings.coresBusy)))")
}

func runSingle(_ options: Options) throws {
    let store = try BenchStore.open(at: try options.string("store"))
    var synthetic = SyntheticEvents(participants: max(1, try options.int("participants", default: 1_000)),
                                    dataBytes: try options.int("data-bytes", default: 1_000), seed: UInt64(nowNanoseconds()))
    let timings = try store.appendSingles(total: try options.int("events", default: 5_000), segment: max(1, try options.int("segment", default: 1_000)),
                                          synthetic: &synthetic)
    print("\(timings.events) single appends: median \(formatRate(timings.medianRate))/s, overall \(formatRate(timings.overall))/s, "
        + "cores busy \(String(format: "%.2f", median(timings.coresBusy)))")
}

func runVerifyOnly(_ options: Options) async throws {
    let report = try VerifyReport.measure(store: try options.string("store"), repeats: try options.int("repeat", default: 1))
    if options.flag("json") {
        print(report.json)
    } else {
        print("\(report.events) events verified: median \(formatRate(report.medianRate)) events/s over \(report.seconds.count) runs, "
            + "cores busy \(String(format: "%.2f", median(report.coresBusy))), peak memory \(formatKiB(report.peakKiBAfterAll)) "
            + "(\(formatKiB(report.peakKiBAfterOpen)) after opening)")
    }
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    switch options.command {
    case "all": try runAll(options)
    case "primitives": try runPrimitives(options)
    case "fsync":
        let (rate, latency) = try probeFsync(directory: try options.string("dir"), rounds: max(1, try options.int("rounds", default: 1_000)))
        print("\(formatRate(rate)) write+fdatasync/s, median \(String(format: "%.0f", latency)) µs")
    case "raw":
        let directory = try options.string("dir")
        let synchronous = (try? options.string("synchronous")) ?? "FULL"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let raw = try RawBaseline.run(directory: directory, origin: BenchSecrets.origin, dataBytes: try options.int("data-bytes", default: 1_000),
                                      participants: try options.int("participants", default: 1_000), single: try options.int("single", default: 3_000),
                                      batches: try options.int("raw-batches", default: 20), batchSize: try options.int("batch", default: 1_000),
                                      segment: try options.int("segment", default: 1_000), synchronous: synchronous)
        print("baseline (synchronous=\(synchronous)): 1/txn \(formatRate(raw.singlePerSecond))/s (cores \(String(format: "%.2f", raw.singleCoresBusy))), "
            + "batches \(formatRate(raw.batchPerSecond))/s (cores \(String(format: "%.2f", raw.batchCoresBusy)))")
    case "build": try runBuild(options)
    case "single": try runSingle(options)
    case "verify-only": try await runVerifyOnly(options)
    case "verify-ratio": try VerifyRatio.run(options)
    case "record": try runBlocking { try await runRecord(options) }
    case "projections": try await ProjectionBench.run(options)
    case "help", "--help", "-h": print(Options.usage)
    default: throw BenchError("unknown command \(options.command)\n\n\(Options.usage)")
    }
} catch {
    log("parcours-bench: \(error)")
    exit(1)
}
