import Foundation
import ParcoursLog
import ParcoursSQLite

/// Synthetic credentials of the bench stores; nothing real is ever protected by them.
enum BenchSecrets {
    static let origin = "bench.example/parcours"
    static let admin = "admin"
    static let adminPassphrase = "bench-admin-passphrase"
    static let masterPassphrase = "bench-master-passphrase"
}

/// Timings of a run of appends: per transaction (or per segment of single appends).
struct AppendTimings {
    var events = 0
    var seconds = 0.0
    var rates: [Double] = []
    var coresBusy: [Double] = []

    var overall: Double { seconds > 0 ? Double(events) / seconds : 0 }
    var medianRate: Double { median(rates) }
}

/// A store opened for writing, with its admin and master key unlocked.
struct BenchStore {
    let store: Store
    let admin: UnlockedActor
    let master: MasterKey

    static func create(at path: String) throws -> BenchStore {
        let store = try Store.create(at: path, origin: BenchSecrets.origin, adminID: BenchSecrets.admin, adminName: "Bench Admin",
                                     adminPassphrase: BenchSecrets.adminPassphrase, masterPassphrase: BenchSecrets.masterPassphrase)
        return try unlock(store)
    }

    static func open(at path: String) throws -> BenchStore { try unlock(Store.open(at: path)) }

    private static func unlock(_ store: Store) throws -> BenchStore {
        BenchStore(store: store, admin: try store.unlockActor(BenchSecrets.admin, passphrase: BenchSecrets.adminPassphrase),
                   master: try store.unlockMaster(passphrase: BenchSecrets.masterPassphrase))
    }

    /// Appends `total` events in transactions of `batchSize`, timing each transaction
    /// (drafts are made before its clock starts).
    func appendBatches(total: Int, batchSize: Int, synthetic: inout SyntheticEvents, progress: Bool) throws -> AppendTimings {
        var timings = AppendTimings()
        var done = 0
        var lastReport = nowNanoseconds()
        while done < total {
            let drafts = synthetic.drafts(min(batchSize, total - done))
            let watch = Stopwatch()
            let results = try store.append(drafts, by: admin, master: master)
            let seconds = watch.elapsedSeconds
            precondition(results.count == drafts.count)
            timings.rates.append(Double(drafts.count) / seconds)
            timings.coresBusy.append(watch.coresBusy)
            timings.seconds += seconds
            timings.events += drafts.count
            done += drafts.count
            if progress, nowNanoseconds() - lastReport > 5_000_000_000 {
                log("  … \(done) / \(total) events, \(formatRate(Double(timings.events) / timings.seconds)) events/s")
                lastReport = nowNanoseconds()
            }
        }
        return timings
    }

    /// Appends `total` events one per transaction (`append([draft])`), timed in segments.
    func appendSingles(total: Int, segment: Int, synthetic: inout SyntheticEvents) throws -> AppendTimings {
        var timings = AppendTimings()
        var done = 0
        while done < total {
            let drafts = synthetic.drafts(min(segment, total - done))
            let watch = Stopwatch()
            for draft in drafts { _ = try store.append([draft], by: admin, master: master) }
            let seconds = watch.elapsedSeconds
            timings.rates.append(Double(drafts.count) / seconds)
            timings.coresBusy.append(watch.coresBusy)
            timings.seconds += seconds
            timings.events += drafts.count
            done += drafts.count
        }
        return timings
    }
}

/// What `verify-only` reports: it runs in its own process so its peak memory is its own.
struct VerifyReport {
    var events: Int
    var seconds: [Double]
    var coresBusy: [Double]
    var peakKiBAfterOpen: Int
    var peakKiBAfterFirst: Int
    var peakKiBAfterAll: Int
    var residentKiBAfterAll: Int

    var medianRate: Double { Double(events) / median(seconds) }

    /// One line of integer-only JSON (the project's parser refuses fractions).
    var json: String {
        let microseconds = seconds.map { String(Int(($0 * 1e6).rounded())) }.joined(separator: ",")
        let busy = coresBusy.map { String(Int(($0 * 1000).rounded())) }.joined(separator: ",")
        return #"{"events":\#(events),"microseconds":[\#(microseconds)],"coresBusyMilli":[\#(busy)],"#
            + #""peakKiBAfterOpen":\#(peakKiBAfterOpen),"peakKiBAfterFirst":\#(peakKiBAfterFirst),"#
            + #""peakKiBAfterAll":\#(peakKiBAfterAll),"residentKiBAfterAll":\#(residentKiBAfterAll)}"#
    }

    init(events: Int, seconds: [Double], coresBusy: [Double], peakKiBAfterOpen: Int, peakKiBAfterFirst: Int, peakKiBAfterAll: Int,
         residentKiBAfterAll: Int) {
        self.events = events
        self.seconds = seconds
        self.coresBusy = coresBusy
        self.peakKiBAfterOpen = peakKiBAfterOpen
        self.peakKiBAfterFirst = peakKiBAfterFirst
        self.peakKiBAfterAll = peakKiBAfterAll
        self.residentKiBAfterAll = residentKiBAfterAll
    }

    init(json text: String) throws {
        guard let object = (try? JSONParser.parse(text))?.objectValue,
              let events = object["events"]?.intValue,
              let microseconds = object["microseconds"]?.arrayValue?.compactMap(\.intValue),
              let busy = object["coresBusyMilli"]?.arrayValue?.compactMap(\.intValue),
              let afterOpen = object["peakKiBAfterOpen"]?.intValue, let afterFirst = object["peakKiBAfterFirst"]?.intValue,
              let afterAll = object["peakKiBAfterAll"]?.intValue, let resident = object["residentKiBAfterAll"]?.intValue
        else { throw BenchError("verify-only printed no report: \(text)") }
        self.init(events: Int(events), seconds: microseconds.map { Double($0) / 1e6 }, coresBusy: busy.map { Double($0) / 1000 },
                  peakKiBAfterOpen: Int(afterOpen), peakKiBAfterFirst: Int(afterFirst), peakKiBAfterAll: Int(afterAll),
                  residentKiBAfterAll: Int(resident))
    }

    /// Verifies the store at `path` `repeats` times in this process (`parcours-bench verify-only`).
    static func measure(store path: String, repeats: Int) throws -> VerifyReport {
        let store = try Store.open(at: path, readOnly: true)
        let afterOpen = ProcessMemory.read()?.peakKiB ?? 0
        var seconds: [Double] = []
        var busy: [Double] = []
        var events = 0
        var afterFirst = 0
        for _ in 0..<max(1, repeats) {
            let watch = Stopwatch()
            let verification = try store.verify()
            seconds.append(watch.elapsedSeconds)
            busy.append(watch.coresBusy)
            events = Int(verification.events.size + verification.access.size)
            if afterFirst == 0 { afterFirst = ProcessMemory.read()?.peakKiB ?? 0 }
        }
        let memory = ProcessMemory.read()
        return VerifyReport(events: events, seconds: seconds, coresBusy: busy, peakKiBAfterOpen: afterOpen, peakKiBAfterFirst: afterFirst,
                            peakKiBAfterAll: memory?.peakKiB ?? 0, residentKiBAfterAll: memory?.residentKiB ?? 0)
    }

    /// Runs `parcours-bench verify-only` on `path` in a child process and reads its report.
    static func inChild(store path: String, repeats: Int) throws -> VerifyReport {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["verify-only", "--store", path, "--repeat", String(repeats), "--json"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("verify-only exited with \(process.terminationStatus)") }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw BenchError("verify-only printed no report: \(text)")
        }
        return try VerifyReport(json: String(line))
    }
}

/// Progress goes to stderr, so stdout keeps the table and the JSON line.
func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
